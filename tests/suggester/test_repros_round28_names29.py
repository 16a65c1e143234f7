"""Round 28 (names29): suggest's entry and comments say only what is true.

- revel-backend's task file: the entry said `default = "misc"` where no name goes to
  `misc` (suggest lists every definition nothing else carries): machinery that does
  nothing. The entry sets `default` only when a name goes to it.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names

from godsplit.config import parse_config
from godsplit.suggester.core import suggest
from godsplit.suggester.entry import render_entry

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
