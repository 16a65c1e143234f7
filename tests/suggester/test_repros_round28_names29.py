"""Round 28 (names29): suggest's entry and comments say only what is true.

- revel-backend's task file: the entry said `default = "misc"` where no name goes to
  `misc` (suggest lists every definition nothing else carries): machinery that does
  nothing. The entry sets `default` only when a name goes to it.
- billiard's header said "6 modules" over five listed: `_shared`, filled by the plan, is
  said to be included; the listed shared module's comment counts who imports it when.
- billiard's `ApplyResult` and `MapResult` were `apply_result`: their family `results`.
- dill's "save_stringi uses ..., _create_stringo": `save_stringo`, defined under the same
  `if`, is the reader: "save_stringi and save_stringo use ...".
- pyparsing's `return_type` (two one-line aliases beside three `..._parse_action`
  functions): `parse_action`; certbot's `path` (three constants): `cli_constants`.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names
from test_round28_names28_suggest import WORKERS

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.comment import shared_why, why
from godsplit.suggester.core import suggest
from godsplit.suggester.entry import render_entry
from godsplit.suggester.graph import build_graph
from godsplit.types import Edge, Plan

_TWO = '''"""Ledgers and reports."""


class Ledger:
    """The books."""

{ledger}

class Report:
    """A report on the books."""

{report}
'''


def test_no_default_where_no_name_goes_to_it(tmp_path: Path) -> None:
    (tmp_path / "big.py").write_text(_TWO.format(ledger=_methods(40, "l"),
                                                 report=_methods(40, "r")))
    result = suggest(tmp_path / "big.py", parse_config({}, tmp_path / "godsplit.toml"), 150)
    assert not result.errors
    assert not [p for p in result.plan.placements if p.reason == "default"]
    assert "default" not in result.table(), result.table()
    assert "default =" not in render_entry(result), render_entry(result)


_RESULTS = '''"""Pools."""


class ApplyResult:
    """The result of one call."""

{apply}

class MapResult(ApplyResult):
    """The results of a map."""

{map}

class MapIterator:
    """Results as they come."""

{iterator}

class ThreadPool:
    """Threads."""

{pool}
'''


def test_a_family_ending_in_a_stop_word_is_named_by_it(tmp_path: Path) -> None:
    """billiard's `ApplyResult` and `MapResult` (`result` is a stop word: no gram) were
    `apply_result`, after the largest class: their family is `results`."""
    source = _RESULTS.format(apply=_methods(70, "a"), map=_methods(30, "m"),
                             iterator=_methods(40, "i"), pool=_methods(15, "p"))
    names = _names(tmp_path, "pool", source, [["ApplyResult", "MapResult", "MapIterator",
                                               "ThreadPool"]])
    assert names == ["results"]


def _plan(*edges: tuple[str, bool]) -> Plan:
    return Plan(Path("big.py"), "big", Path("big.py"), Path("big"), "package", 600,
                edges=tuple(Edge(source, "_shared", ("REGISTRY",), early, False, False)
                            for source, early in edges))


def test_the_shared_module_s_comment_counts_who_needs_it_when() -> None:
    """The listed shared module was "what several modules need at import time" whoever
    read it: its comment counts the plan's imports of it."""
    assert shared_why(_plan(("alpha", True), ("beta", True)), "_shared") == (
        "what 2 modules need at import time",)
    assert shared_why(_plan(("alpha", True), ("beta", False)), "_shared") == (
        "what 1 module needs at import time; 1 more uses it",)
    assert shared_why(_plan(("alpha", False), ("beta", False)), "_shared") == (
        "what 2 modules use",)


def test_the_header_counts_the_shared_module_the_plan_fills(tmp_path: Path) -> None:
    """billiard's header said "6 modules" over five listed ones: `_shared`, filled by the
    plan alone (a constant three modules read), is said to be included."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "big.py").write_text(WORKERS.format(
        worker=_methods(40, "w"), pool=_methods(40, "p"), ledger=_methods(40, "q")))
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"), 200)
    assert [m.name for m in result.plan.modules if m.name == result.shared] == ["_shared"]
    assert result.shared not in [m.name for m in result.modules]
    header = " ".join(render_entry(result).split("[[")[0].replace("#", " ").split())
    assert f"{len(result.plan.modules)} modules (_shared included)" in header, header


def _body(name: str, lines: int) -> str:
    return (f"def {name}(fn):\n" + "".join(f"    fn = fn  # step {i}\n" for i in range(lines))
            + "    return fn\n\n\n")


_VERBS = ("add", "set", "clear", "copy", "run", "wrap")
_PARSERS = ('"""Parsers."""\n\nParseImplReturnType = tuple[int, list]\n'
            "PostParseReturnType = tuple[int, list]\n\n\n" + _body("trace_parse_action", 40)
            + _body("condition_as_parse_action", 25) + _body("null_debug_action", 2)
            + "class ParserElement:\n" + _methods(30) + "\n\n"
            + "".join(_body(f"{v}_parse_action", 5) for v in _VERBS))


def test_a_name_comes_from_the_words_of_the_code_not_of_two_aliases(tmp_path: Path) -> None:
    """pyparsing's `trace_parse_action`, `condition_as_parse_action` and
    `null_debug_action` beside two one-line `...ReturnType` aliases were `return_type`
    (a rare pair in the file): words of members holding under a twentieth of the lines come
    after the others."""
    names = _names(tmp_path, "core", _PARSERS, [
        ["ParseImplReturnType", "PostParseReturnType", "trace_parse_action",
         "condition_as_parse_action", "null_debug_action"],
        ["ParserElement", *(f"{v}_parse_action" for v in _VERBS)]])
    assert names == ["parse_action", "parser_element"]


_CLI = ('"""The command line."""\nfrom certbot import constants\n\nLEAUTO = "letsencrypt-auto"\n'
        'old_path_fragment = "/old"\nnew_path_prefix = "/new"\n\n\nclass HelpfulArgumentParser:\n'
        + _methods(30) + "\n\ndef parse_path(x):\n    return x + new_path_prefix + constants.X\n")


def test_a_group_of_values_alone_is_constants(tmp_path: Path) -> None:
    """certbot's `cli.py`: `LEAUTO`, `old_path_fragment` and `new_path_prefix` were `path`;
    a group of values alone is `constants`, or where the source binds that name (it
    imports certbot's `constants`) the old module's, `cli_constants`, as certbot's
    maintainers named it."""
    groups = [["LEAUTO", "old_path_fragment", "new_path_prefix"],
              ["HelpfulArgumentParser", "parse_path"]]
    assert _names(tmp_path, "cli", _CLI, groups) == ["cli_constants", "helpful_argument_parser"]
    other = _CLI.replace("import constants\n", "import consts as constants_\n").replace(
        "constants.X", "constants_.X")
    assert _names(tmp_path, "cli", other, groups) == ["constants", "helpful_argument_parser"]


_STRINGIO = '''"""Picklers."""
import sys


def _create_stringi(value):
    return value


def _create_stringo(value):
    return value


if sys.version_info >= (3,):
    def save_stringi(obj):
        return _create_stringi(obj)

    def save_stringo(obj):
        return _create_stringo(obj)
'''


def test_uses_names_every_definition_that_moves_as_the_reader(tmp_path: Path) -> None:
    """dill's `save_stringi` and `save_stringo`, defined under one `if`, move as one piece;
    the comment said "save_stringi uses _create_stringi, _create_stringo" where only
    `save_stringo` reads `_create_stringo`."""
    path = tmp_path / "big.py"
    path.write_text(_STRINGIO)
    g = build_graph(analyze(read_source(path)), ())
    assert why(g, list(range(len(g.nodes))))[-1] == (
        "save_stringi and save_stringo use _create_stringi, _create_stringo")


def test_a_stop_word_that_is_no_noun_names_no_family(tmp_path: Path) -> None:
    """sqlfluff's `OneOf` and `AnyNumberOf` end with `Of`, a stop word but no noun: not
    `ofs` (a guard: main names them `one_of` too)."""
    source = ('"""Grammars."""\n\n\nclass OneOf:\n' + _methods(50, "o") + "\n\nclass AnyNumberOf:\n"
              + _methods(40, "a"))
    assert _names(tmp_path, "grammar", source, [["OneOf", "AnyNumberOf"]]) == ["one_of"]
