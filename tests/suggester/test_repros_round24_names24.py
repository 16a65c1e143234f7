"""Round 24 (names24): suggest's names and one placement, found weak on real god files.

- httplib2's `Http` (a standard module's name) was in a module named `http_2` (reads like
  HTTP/2): its docstring says what it is ("An HTTP client that ..."): `http_client`.
- dnspython's `from_wire` with the private `_WireReader` (most of the lines) and small
  exceptions `BadEDNS`, `BadTSIG` was `bad`: `wire_reader`.
- markdown2's `markdown()` and `markdown_path()` were `extra_opts` (from the private
  `_BreaksExtraOpts`, `_WavedromExtraOpts` beside them): `api`.
- SEED's logger `_log`, read in several modules, was listed in `cases` and imported from
  there by the others: it goes to `_shared` (the engine's rule for what several use).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import suggest
from godsplit.suggester.described import docstrings
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import name_modules


def _names(tmp_path: Path, stem: str, source: str, groups: list[list[str]]) -> list[str]:
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ())
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    forbidden = set(analysis.binders) | {"_shared", "misc", stem}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups],
                        forbidden, frozenset(), stem, docstrings(analysis.module))


def _methods(count: int, prefix: str = "m") -> str:
    return "".join(f"    def {prefix}{i}(self, x):\n        return x + {i}\n\n" for i in range(count))


_HTTP = '''"""A small HTTP library."""


class ProxyInfo:
    """Proxy settings."""

{proxy}

class Http:
    """An HTTP client that handles all methods, caching and redirects."""

{http}
'''


def test_a_class_named_like_a_standard_module_is_named_by_its_docstring(tmp_path: Path) -> None:
    source = _HTTP.format(proxy=_methods(5, "p"), http=_methods(30))
    names = _names(tmp_path, "__init__", source, [["ProxyInfo"], ["Http"]])
    assert names[1] == "http_client"  # not `http_2`: `http` is a standard module
    assert names[0] == "proxy_info"


def test_without_a_docstring_the_numbered_fallback_stays(tmp_path: Path) -> None:
    source = _HTTP.format(proxy=_methods(5, "p"), http=_methods(30)).replace(
        '    """An HTTP client that handles all methods, caching and redirects."""\n', "")
    assert _names(tmp_path, "__init__", source, [["ProxyInfo"], ["Http"]])[1] == "http_2"


def test_a_docstring_word_that_says_nothing_is_not_a_name(tmp_path: Path) -> None:
    source = _HTTP.format(proxy=_methods(5, "p"), http=_methods(30)).replace(
        "An HTTP client that handles", "An HTTP that handles")
    assert _names(tmp_path, "__init__", source, [["ProxyInfo"], ["Http"]])[1] == "http_2"


_WIRE = '''"""Messages."""


class BadEDNS(Exception):
    """Bad EDNS."""


class BadTSIG(Exception):
    """Bad TSIG."""


class Truncated(Exception):
    """Truncated."""


class _WireReader:
    """Wire format reader."""

{reader}

def from_wire(wire):
    reader = _WireReader()
    if not wire:
        raise BadEDNS
    if wire == 1:
        raise BadTSIG
    if wire == 2:
        raise Truncated
    return reader.m0(wire)


class _TextReader:
    """Text reader."""

{text}

def from_text(text):
    return _TextReader().t0(text)


def from_file(path):
    return _TextReader().t1(path)
'''


def test_a_private_class_holding_most_of_a_group_names_it(tmp_path: Path) -> None:
    source = _WIRE.format(reader=_methods(30), text=_methods(30, "t"))
    names = _names(tmp_path, "message", source, [
        ["BadEDNS", "BadTSIG", "Truncated", "_WireReader", "from_wire"],
        ["_TextReader", "from_text", "from_file"]])
    assert names == ["wire_reader", "text_reader"]  # not `bad` (`BadEDNS`, `BadTSIG`)


def test_a_small_private_class_does_not_name_a_group_with_public_classes(
        tmp_path: Path) -> None:
    """Under half of the group's lines, the words the members share still name it."""
    source = _WIRE.format(reader=_methods(2), text=_methods(30, "t"))
    names = _names(tmp_path, "message", source, [
        ["BadEDNS", "BadTSIG", "Truncated", "_WireReader", "from_wire"],
        ["_TextReader", "from_text", "from_file"]])
    assert names[0] != "wire_reader"


_MARKDOWN = '''"""Markdown to HTML."""

from typing import TypedDict


class _BreaksExtraOpts(TypedDict, total=False):
    on_newline: bool


class _WavedromExtraOpts(TypedDict, total=False):
    prefer_svg: bool


class Markdown:
    """The converter."""

{body}

class MarkdownWithExtras(Markdown):
    extras = ["footnotes"]


def markdown(text, breaks: _BreaksExtraOpts | None = None, wavedrom: _WavedromExtraOpts | None = None):
    return Markdown().m0(text)


def markdown_path(path, breaks: _BreaksExtraOpts | None = None):
    with open(path) as f:
        return markdown(f.read(), breaks)
'''


def test_the_functions_named_after_the_file_are_its_api(tmp_path: Path) -> None:
    source = _MARKDOWN.format(body=_methods(40))
    names = _names(tmp_path, "markdown2", source, [
        ["Markdown"], ["_BreaksExtraOpts", "_WavedromExtraOpts", "MarkdownWithExtras",
                       "markdown", "markdown_path"]])
    assert names == ["core", "api"]  # not `extra_opts`


def test_one_function_named_after_the_file_is_no_api(tmp_path: Path) -> None:
    source = _MARKDOWN.format(body=_methods(40)).replace("def markdown_path", "def read_path")
    names = _names(tmp_path, "markdown2", source, [
        ["Markdown"], ["_BreaksExtraOpts", "_WavedromExtraOpts", "MarkdownWithExtras",
                       "markdown", "read_path"]])
    assert names[1] != "api"


def _task(name: str, words: str, lines: int, log: bool) -> str:
    body = "".join(f"    {words}_{i} = x + {i}\n" for i in range(lines))
    return (f"def {name}(x):\n{body}" + ("    _log.info('done')\n" if log else "")
            + "    return x\n\n\n")


def test_a_logger_several_modules_read_goes_to_shared(tmp_path: Path) -> None:
    """`_log` is read by two functions about cases and one each about saving, checking and
    states: no module holds most of its readers, and none imports it from another."""
    parts = ['"""Tasks."""\n\nimport logging\n\n_log = logging.getLogger(__name__)\n\n\n']
    for topic in ("cases", "save", "check", "states"):
        parts.append(_task(f"validate_{topic}", topic, 40, True))
        parts.append(_task(f"finish_{topic}", topic, 40, topic == "cases"))
    source = tmp_path / "tasks.py"
    source.write_text("".join(parts))
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=120)
    assert result.errors == ()
    assert len(result.modules) >= 3
    assert not any("_log" in m.mapped for m in result.modules)
    [home] = [m for m in result.plan.modules if "_log" in m.names]
    assert home.name == "_shared"


_OPS = '''"""Numbers."""


def nan_if_exception(f):
    def wrapped(*args):
        try:
            return f(*args)
        except ValueError:
            return float("nan")
    return wrapped


custom_ops = {{"pow": nan_if_exception(pow)}}
modified_operators = ["pow"]
modified_ops_with_reflection = ["pow", "rpow"]


class Number:
    """A number."""

{body}
'''


def test_a_participle_alone_takes_the_word_after_it(tmp_path: Path) -> None:
    """uncertainties' `modified` (`modified_operators`, `modified_ops_with_reflection`):
    `modified_ops`, `modified_operators` being a name the source defines."""
    source = _OPS.format(body=_methods(30))
    names = _names(tmp_path, "core", source, [
        ["nan_if_exception", "custom_ops", "modified_operators", "modified_ops_with_reflection"],
        ["Number"]])
    assert names[0] == "modified_ops"


_ROWS = '''"""Tasks."""

STR_TO_CLASS = {{"a": dict, "b": list}}


def _build_cleaner(kind):
    return STR_TO_CLASS[kind]


def map_row_chunk(ids, kind):
    cleaner = _build_cleaner(kind)
{body}    return cleaner


def save_file(path):
    return path
'''


def test_what_a_listed_function_acts_on_comes_before_a_constant_it_reads(
        tmp_path: Path) -> None:
    """SEED's module holding only `map_row_chunk` (and the `STR_TO_CLASS` it reads) was
    `str_to_class`: `row` (a word of its name; `map` is a builtin)."""
    body = "".join(f"    x{i} = ids + {i}\n" for i in range(30))
    names = _names(tmp_path, "tasks", _ROWS.format(body=body), [
        ["STR_TO_CLASS", "_build_cleaner", "map_row_chunk"], ["save_file"]])
    assert names[0] == "row"


def test_a_type_alias_read_in_annotations_is_not_moved_to_shared(tmp_path: Path) -> None:
    """graphql's `GraphQLScalarSerializer = Callable[[Any], Any]`, read in the annotations
    of several modules' functions, stays listed with a module (the guard: code reads)."""
    parts = ['"""Tasks."""\n\nfrom __future__ import annotations\n\nfrom typing import Any, Callable\n\n'
             "Serializer = Callable[[Any], Any]\n\n\n"]
    for topic in ("cases", "save", "check", "states"):
        for verb in ("validate", "finish"):
            body = "".join(f"    {topic}_{i} = x + {i}\n" for i in range(40))
            parts.append(f"def {verb}_{topic}(x, s: Serializer | None = None):\n{body}"
                         "    return x\n\n\n")
    source = tmp_path / "tasks.py"
    source.write_text("".join(parts))
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=120)
    assert result.errors == ()
    assert len(result.modules) >= 3
    assert any("Serializer" in m.mapped for m in result.modules)
