"""Round 33 (names34): module names a person would keep (issue 14; README items 28 (f), 30 (a)
and (d)).

- colander's validators (`Range`, `Length`, `OneOf`, `Regex`, `Email`, ...) were
  `email_address`: the docstring of `Email`, 12 of the module's 393 lines ("Email address
  validator."), named it before any word of the group; only the main class's docstring may,
  and what most members' docstrings call each of them names the group: `validators`.
- tornado's `addslash`, `removeslash` and `stream_request_body` were `body` (one public name
  and a private one say it); their docstrings say "Use this decorator": `decorators`.
- youtube-dl's `...IE` family's plural was `ies`: an acronym is spelled out by the class it is
  the initials of (`InfoExtractor`: `info_extractors`).
- PuLP's pooled `initialize()` was `initializes`: a verb's plural comes last, and a pool named
  only so stays `_shared`.
- the header said "(mode included)" of a pool listed under its own name like any module.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names
from test_round32_names33 import _POOL

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import _mapping, suggest
from godsplit.suggester.described import kind_of
from godsplit.suggester.entry import render_entry
from godsplit.suggester.graph import build_graph
from godsplit.suggester.place import SHARED
from godsplit.types import SplitConfig

_VALIDATORS = '''"""Schemas."""


class Invalid(Exception):
    """An exception raised by validators."""

{invalid}

class Regex:
    """Regular expression validator."""

{regex}

class Email(Regex):
    """Email address validator. If ``msg`` is supplied, it is the message."""

{email}

class DataURL(Regex):
    """A data URL validator."""

{data}

class Range:
    """Validator which succeeds if the value it is passed is greater or equal to min."""

{range}

class Length:
    """Validator which succeeds if the value passed to it has a length between min and max."""

{length}

class OneOf:
    """Validator which succeeds if the value passed to it is one of a fixed set of values."""

{one}

class NoneOf:
    """Validator which succeeds if the value passed to it is none of a fixed set of values."""

{none}


def luhnok(node, value):
    """Validator which checks to make sure that the value passes a luhn mod-10 checksum."""
    return value


URL_REGEX = "https?://.*"
EMAIL_REGEX = ".+@.+"
'''


def _validators(tmp_path: Path) -> list[str]:
    source = _VALIDATORS.format(invalid=_methods(30, "i"), regex=_methods(12, "r"),
                                email=_methods(4, "e"), data=_methods(15, "d"),
                                range=_methods(16, "g"), length=_methods(15, "l"),
                                one=_methods(6, "o"), none=_methods(9, "n"))
    return _names(tmp_path, "schemas", source, [
        ["Invalid"], ["Regex", "Email", "DataURL", "Range", "Length", "OneOf", "NoneOf", "luhnok",
                      "URL_REGEX", "EMAIL_REGEX"]])


def test_what_the_members_docstrings_call_them_names_the_group(tmp_path: Path) -> None:
    """colander: the group of validators was `email_address`, from the docstring of its
    smallest class, `Email` (`email` is a standard module): `validators`."""
    assert _validators(tmp_path)[1] == "validators"


def test_a_small_class_docstring_does_not_name_the_group(tmp_path: Path) -> None:
    """The same group with docstrings that call them nothing in common: the group's own words
    name it (`regex`), not `Email`'s docstring."""
    source = _VALIDATORS.replace("Validator which succeeds if", "Succeeds if").replace(
        "Validator which checks", "Checks").replace("A data URL validator.", "Data URLs.").replace(
        "Regular expression validator.", "Regular expressions.")
    source = source.format(invalid=_methods(30, "i"), regex=_methods(12, "r"),
                           email=_methods(4, "e"), data=_methods(15, "d"), range=_methods(16, "g"),
                           length=_methods(15, "l"), one=_methods(6, "o"), none=_methods(9, "n"))
    names = _names(tmp_path, "schemas", source, [
        ["Invalid"], ["Regex", "Email", "DataURL", "Range", "Length", "OneOf", "NoneOf", "luhnok",
                      "URL_REGEX", "EMAIL_REGEX"]])
    assert names[1] != "email_address" and "regex" in names[1].split("_"), names


def _decorator(name: str, doc: str) -> str:
    return (f"def {name}(method):\n    \"\"\"{doc}\"\"\"\n\n    def wrapper(self, *args):\n"
            "        return method(self, *args)\n\n    return wrapper\n\n\n")


def test_functions_their_docstrings_call_decorators_are_decorators(tmp_path: Path) -> None:
    """tornado's `removeslash`, `addslash` and `stream_request_body` (with a private
    `_has_stream_request_body`) were `body`: two of three docstrings say "Use this
    decorator"."""
    source = (_decorator("removeslash", "Use this decorator to remove trailing slashes.")
              + _decorator("addslash", "Use this decorator to add a missing trailing slash.")
              + _decorator("stream_request_body", "Apply to handlers to enable streaming body.")
              + "def _has_stream_request_body(cls):\n    return cls\n\n\n"
              + f"class RequestHandler:\n    \"\"\"Handles requests.\"\"\"\n\n{_methods(30)}")
    names = _names(tmp_path, "web", source, [
        ["RequestHandler"],
        ["removeslash", "addslash", "stream_request_body", "_has_stream_request_body"]])
    assert names[1] == "decorators", names


def test_what_a_docstring_calls_its_object() -> None:
    assert kind_of("Validator which succeeds if the value is in range.") == "validator"
    assert kind_of("Regular expression validator.") == "validator"
    assert kind_of("A data URL validator.") == "validator"
    assert kind_of("Use this decorator to add a missing slash.") == "decorator"
    # a verb's object, a filler or a generic word, a plural: nothing
    assert kind_of("Return the value.") == ""
    assert kind_of("Process one shipping record.", phrase=False) == ""  # (a function's verb)
    assert kind_of("Regular expression validator.", phrase=False) == ""
    assert kind_of("Apply to handlers to enable streaming.", phrase=False) == ""
    assert kind_of("Runs sync for billing records.") == ""
    assert kind_of("Estimates parameters for the De Soto model.") == ""
    assert kind_of("A type representing a boolean object.") == ""
    assert kind_of("Base class for all schema types.") == ""
    assert kind_of("") == ""


def test_an_acronym_family_is_spelled_out_by_its_base(tmp_path: Path) -> None:
    """youtube-dl's `InfoExtractor` with `YoutubeIE` and `VimeoIE` (three of four classes end
    with `IE`) was `ies`: `info_extractors`."""
    sites = "".join(f"class {name}(InfoExtractor):\n    '''{name}.'''\n\n{_methods(size)}\n"
                    for name, size in (("YoutubeIE", 5), ("VimeoIE", 5), ("BlipTVIE", 30)))
    source = f"class InfoExtractor:\n    '''The base.'''\n\n{_methods(3)}\n{sites}"
    names = _names(tmp_path, "extractors", source,
                   [["InfoExtractor", "YoutubeIE", "VimeoIE"], ["BlipTVIE"]])
    assert names[0] == "info_extractors", names


_POOLED = '''"""Solvers."""


def initialize(filename):
    """Reads the configuration file to initialise the module."""
    config = {{}}
{body}    return config


class LpSolver:
    """A generic LP solver."""

{solver}

class GurobiSolver(LpSolver):
    """The Gurobi solver."""

{gurobi}
'''


def test_a_pool_named_only_by_a_verbs_plural_stays_shared(tmp_path: Path) -> None:
    """PuLP's pooled `initialize()` made its shared module `initializes`: `_shared`."""
    path = tmp_path / "solvers.py"
    path.write_text(_POOLED.format(body="".join(f"    config[{i}] = {i}\n" for i in range(20)),
                                   solver=_methods(10), gurobi=_methods(10, "g")))
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ())
    group = {i: SHARED if "initialize" in node.names else 0 if "LpSolver" in node.names
             else 1 for i, node in enumerate(g.nodes)}
    split = SplitConfig(source=path, shared="_shared", default="misc")
    made, _ = _mapping(g, group, split, set(analysis.binders) | {"_shared", "misc", "solvers"},
                       frozenset(), 400, {}, False)
    assert made.shared == "_shared", made.shared


def test_the_header_says_nothing_of_a_pool_listed_under_its_own_name(tmp_path: Path) -> None:
    """Gradio's and black's pool is named after its members (`mode`) and listed like any
    module: the header said "3 modules (update_skip included)", which it says of a `_shared`
    the plan alone fills (names29's test)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "components.py").write_text(
        _POOL.format(component=_methods(10), textbox=_methods(10, "t")))
    result = suggest(tmp_path / "pkg/components.py", parse_config({}, tmp_path / "godsplit.toml"),
                     200, modules=3)
    assert result.shared != "_shared" and result.shared in [m.name for m in result.modules]
    header = " ".join(render_entry(result).split("[[")[0].replace("#", " ").split())
    assert f"{len(result.plan.modules)} modules, the largest" in header, header
