"""Round 33 (fresh34): the fresh10 half's data. Historical splits recorded from the projects'
histories by benchmarks/record_split.py when all 129 earlier cases (fresh9 too) became tuning
data, of projects none of the other halves has, checked with `suggest_eval.py --check` and
never scored while tuning; scored once at round 33's end. From round 34 fresh10 is tuning
data (fresh11 is held out), so the tuning scripts read it. These tests read the records
only: no sdist, no suggestion."""

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


def _fresh10() -> list[Path]:
    return [p for p in CASE_FILES if _data(p)["half"] == "fresh10"]


def test_fresh10_holds_recorded_splits_of_big_files_in_projects_new_to_the_set() -> None:
    fresh10 = _fresh10()
    assert len(fresh10) >= 12
    data = [_data(p) for p in fresh10]
    projects = [str(d["project"]) for d in data]
    assert max(projects.count(p) for p in projects) <= 2
    seen = {str(_data(p)["project"]).lower() for p in CASE_FILES if p not in fresh10}
    assert not {p.lower() for p in projects} & seen, "a project another half already has"
    for path, d in zip(fresh10, data, strict=True):
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


def test_fresh10_places_each_name_once() -> None:
    fresh10 = _fresh10()
    assert fresh10
    for path in fresh10:
        modules = _data(path)["modules"]
        assert isinstance(modules, dict)
        names = [name for placed in modules.values() for name in placed]
        assert names and len(names) == len(set(names)), path.name


def test_half_fresh10_chooses_only_fresh10_and_follows_fresh9() -> None:
    ev = load_benchmark("suggest_eval")
    assert ev.HALVES.index("fresh10") == ev.HALVES.index("fresh9") + 1
    cases = [ev.load_case(p) for p in CASE_FILES]
    fresh10 = ev.chosen(cases, "fresh10", [])
    assert len(fresh10) >= 12 and {c.half for c in fresh10} == {"fresh10"}
    assert {c.id for c in fresh10} == {p.stem for p in _fresh10()}
    assert not [c for c in ev.chosen(cases, "fresh9", []) if c.half != "fresh9"]


def test_check_accepts_half_fresh10_and_stops_before_any_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--check --half fresh10` is a valid command line: with the per-case check stubbed
    (no download), it checks every fresh10 case and no other, and calls neither suggest nor
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
    assert ev.main(["--check", "--half", "fresh10"]) == 0
    assert sorted(checked) == sorted(p.stem for p in _fresh10())
    out = capsys.readouterr().out
    assert f"checked {len(checked)} cases, 0 failed; no suggestion was made" in out


def test_tuning_cases_read_fresh10_and_fresh9() -> None:
    """fresh10, held out in round 33 and scored once at its end, is tuning data from round
    34 (as fresh9 is): the tuning scripts' default set (`tuning_cases([])`, no ids named)
    holds every fresh10 and fresh9 case; naming a fresh10 case reads that case alone."""
    ev = load_benchmark("suggest_eval")
    assert ev.HELD_OUT not in ("fresh10", "fresh9")
    default = {c.id for c in ev.tuning_cases([])}
    fresh10 = {p.stem for p in _fresh10()}
    fresh9 = {p.stem for p in CASE_FILES if _data(p)["half"] == "fresh9"}
    assert len(fresh10) >= 12 and fresh10 <= default
    assert len(fresh9) >= 12 and fresh9 <= default
    named = _fresh10()[0].stem
    assert [c.id for c in ev.tuning_cases([named])] == [named]
