"""Round 34 (fresh35): the fresh11 half's data. Historical splits recorded from the projects'
histories by benchmarks/record_split.py when all 141 earlier cases (fresh10 too) became
tuning data, of projects none of the other halves has, checked with `suggest_eval.py --check`
and never scored while tuning; `HELD_OUT` is fresh11, so the tuning scripts leave it out.
These tests read the records only: no sdist, no suggestion."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from benchkit import BENCHMARKS, load_benchmark

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEX40 = re.compile(r"[0-9a-f]{40}")
HEX64 = re.compile(r"[0-9a-f]{64}")
CASE_FILES = sorted((BENCHMARKS / "maintainers").glob("*.toml"))


def _data(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text())


def _fresh11() -> list[Path]:
    return [p for p in CASE_FILES if _data(p)["half"] == "fresh11"]


def test_fresh11_holds_recorded_splits_of_big_files_in_projects_new_to_the_set() -> None:
    fresh11 = _fresh11()
    assert len(fresh11) >= 12
    data = [_data(p) for p in fresh11]
    projects = [str(d["project"]) for d in data]
    assert max(projects.count(p) for p in projects) <= 2
    seen = {str(_data(p)["project"]).lower() for p in CASE_FILES if p not in fresh11}
    assert not {p.lower() for p in projects} & seen, "a project another half already has"
    for path, d in zip(fresh11, data, strict=True):
        text = path.read_text()
        assert "Recorded by benchmarks/record_split.py" in text, path.name
        assert "# recorded with: " in text, path.name
        assert HEX40.fullmatch(str(d["before-commit"])), path.name
        assert HEX40.fullmatch(str(d["after-commit"])), path.name
        assert HEX64.fullmatch(str(d["sha256"])) and HEX64.fullmatch(str(d["sdist-sha256"])), path.name
        assert re.fullmatch(r"[^=\s]+==[^=\s]+", str(d["sdist"])), path.name
        lines = re.search(r"^# before file: ([0-9]+) lines, ([0-9]+) top-level names; ([0-9]+) placed",
                          text, re.MULTILINE)
        assert lines and int(lines.group(1)) >= 1000, path.name
        # few names left out: a split that renamed many names in the same change is no case
        assert int(lines.group(3)) >= 0.85 * int(lines.group(2)), path.name
        modules = d["modules"]
        assert isinstance(modules, dict) and len(modules) >= 2 and d["kept"], path.name
        assert d["licence"] and str(d["repository"]).startswith("https://github.com/"), path.name


def test_fresh11_places_each_name_once() -> None:
    fresh11 = _fresh11()
    assert fresh11
    for path in fresh11:
        modules = _data(path)["modules"]
        assert isinstance(modules, dict)
        names = [name for placed in modules.values() for name in placed]
        assert names and len(names) == len(set(names)), path.name


def test_half_fresh11_chooses_only_fresh11_and_is_the_last_half() -> None:
    ev = load_benchmark("suggest_eval")
    assert ev.HALVES[-1] == "fresh11" and ev.HALVES[-2] == "fresh10"
    cases = [ev.load_case(p) for p in CASE_FILES]
    fresh11 = ev.chosen(cases, "fresh11", [])
    assert len(fresh11) >= 12 and {c.half for c in fresh11} == {"fresh11"}
    assert {c.id for c in fresh11} == {p.stem for p in _fresh11()}
    assert not [c for c in ev.chosen(cases, "fresh10", []) if c.half != "fresh10"]


def test_check_accepts_half_fresh11_and_stops_before_any_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--check --half fresh11` is a valid command line: with the per-case check stubbed
    (no download), it checks every fresh11 case and no other, and calls neither suggest nor
    evaluate."""
    ev = load_benchmark("suggest_eval")

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a suggestion was made during --check")

    monkeypatch.setattr(ev, "suggest", forbidden)
    monkeypatch.setattr(ev, "evaluate", forbidden)
    checked: list[str] = []

    def check(case: Any) -> str:
        checked.append(case.id)
        return f"{case.id}: data only"

    monkeypatch.setattr(ev, "check", check)
    assert ev.main(["--check", "--half", "fresh11"]) == 0
    assert sorted(checked) == sorted(p.stem for p in _fresh11())
    out = capsys.readouterr().out
    assert f"checked {len(checked)} cases, 0 failed; no suggestion was made" in out


def test_tuning_cases_leave_out_fresh11_and_read_fresh10() -> None:
    """The tuning scripts' default set (`tuning_cases([])`, no ids named) is every case but
    the held-out fresh11 half; fresh10, held out last round, is tuning data now. A fresh11 case
    is read only when named."""
    ev = load_benchmark("suggest_eval")
    assert ev.HELD_OUT == "fresh11"
    default = ev.tuning_cases([])
    assert default and not [c.id for c in default if c.half == "fresh11"]
    assert {c.half for c in default} == set(ev.HALVES) - {"fresh11"}
    fresh10 = {p.stem for p in CASE_FILES if _data(p)["half"] == "fresh10"}
    assert len(fresh10) >= 12 and fresh10 <= {c.id for c in default}
    assert len(default) == len(CASE_FILES) - len(_fresh11())
    named = _fresh11()[0].stem
    assert [c.id for c in ev.tuning_cases([named])] == [named]
