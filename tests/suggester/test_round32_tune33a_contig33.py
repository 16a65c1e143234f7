"""benchmarks/suggest_contig33.py (round 32, tune33a; nothing shipped): a selector between
today's grouping and the contiguous cut is scored as suggest_eval.py counts wins, and the
check of a threshold fits it on the older cases only, never on fresh8's it scores."""

from __future__ import annotations

from types import ModuleType

import pytest

from benchkit import load_benchmark

SIGNALS = ("isolated", "reads_per", "runs_free", "sections", "adj_words", "local",
           "free_vs_contig", "cut_free", "cut_contig", "q_free", "q_contig", "classes")


def _script() -> ModuleType:
    load_benchmark("suggest_eval")
    load_benchmark("suggest_loo")
    load_benchmark("suggest_contig32")
    return load_benchmark("suggest_contig33")


def _row(case: str, half: str, free: float, contig: float, runs: float,
         **signals: float) -> dict[str, float | str]:
    row: dict[str, float | str] = {"id": case, "half": half, "k": 3, "n": 9,
                                   "f1_free": free, "ari_free": free, "f1_contig": contig,
                                   "ari_contig": contig, "f1_runs": runs, "ari_runs": runs}
    row.update(dict.fromkeys(SIGNALS, 0.0))
    row.update(signals)
    return row


def test_a_tie_with_file_order_is_no_win() -> None:
    result = _script().result
    rows = [_row("a", "fresh3", 0.5, 0.8, 0.5), _row("b", "fresh3", 0.7, 0.2, 0.5)]
    assert result(rows, lambda r: False) == (pytest.approx(0.6), 1, 0)
    assert result(rows, lambda r: r["id"] == "a") == (pytest.approx(0.75), 2, 1)
    rows[0]["ari_contig"] = 0.5  # F1 above file order, ARI level with it
    assert result(rows, lambda r: r["id"] == "a")[1] == 1


def test_the_check_fits_on_the_older_cases_and_scores_fresh8(
        capsys: pytest.CaptureFixture[str]) -> None:
    """On the older cases a high `local` marks where the cut is better; on fresh8 a high
    `classes` does. The fitted rule is read from `local`, and fresh8 is scored with it: it
    takes none of fresh8's, whose better cuts a rule fitted on all ten would have found."""
    older = [_row(f"o{i}", "fresh5", 0.6, 0.9 if i < 3 else 0.1, 0.4,
                  local=1.0 if i < 3 else 0.0) for i in range(6)]
    fresh = [_row(f"f{i}", "fresh8", 0.6, 0.9 if i < 2 else 0.1, 0.4,
                  classes=1.0 if i < 2 else 0.0) for i in range(4)]
    _script().report(older + fresh)
    out = capsys.readouterr().out
    fitted = next(line for line in out.splitlines() if line.startswith("fitted on the 6"))
    assert "local >=" in fitted and "beating 6, taken 3" in fitted
    assert "on fresh8: mean F1 0.600, beating 4, taken 0; today's: 0.600, 4, 0" in out
