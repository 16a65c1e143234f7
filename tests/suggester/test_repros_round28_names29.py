"""Round 28 (names29): suggest's entry and comments say only what is true.

- revel-backend's task file: the entry said `default = "misc"` where no name goes to
  `misc` (suggest lists every definition nothing else carries): machinery that does
  nothing. The entry sets `default` only when a name goes to it.
- billiard's header said "6 modules" over five listed: `_shared`, filled by the plan, is
  said to be included; the listed shared module's comment counts who imports it when.
- billiard's `ApplyResult` and `MapResult` were `apply_result`: their family `results`.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names
from test_round28_names28_suggest import WORKERS

from godsplit.config import parse_config
from godsplit.suggester.comment import shared_why
from godsplit.suggester.core import suggest
from godsplit.suggester.entry import render_entry
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
