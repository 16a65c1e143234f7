"""Round 32 (fresh33): the fresh9 half's data. Historical splits recorded from the projects'
histories by benchmarks/record_split.py when all 114 earlier cases (fresh8 too) became tuning
data, of projects none of the other halves has, checked with `suggest_eval.py --check` and
never scored while tuning; scored once at round 32's end. From round 33 fresh9 is tuning
data (fresh10 was held out in round 33, fresh11 from round 34), so the tuning scripts read
it. These tests read the records only: no sdist, no suggestion."""

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


def _fresh9() -> list[Path]:
    return [p for p in CASE_FILES if _data(p)["half"] == "fresh9"]


def test_fresh9_holds_recorded_splits_of_big_files_in_projects_new_to_the_set() -> None:
    fresh9 = _fresh9()
    assert len(fresh9) >= 12
    data = [_data(p) for p in fresh9]
    projects = [str(d["project"]) for d in data]
    assert max(projects.count(p) for p in projects) <= 2
    seen = {str(_data(p)["project"]).lower() for p in CASE_FILES if p not in fresh9}
    assert not {p.lower() for p in projects} & seen, "a project another half already has"
    for path, d in zip(fresh9, data, strict=True):
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


def test_fresh9_places_each_name_once() -> None:
    fresh9 = _fresh9()
    assert fresh9
    for path in fresh9:
        modules = _data(path)["modules"]
        assert isinstance(modules, dict)
        names = [name for placed in modules.values() for name in placed]
        assert names and len(names) == len(set(names)), path.name


def test_half_fresh9_chooses_only_fresh9_and_follows_fresh8() -> None:
    ev = load_benchmark("suggest_eval")
    assert ev.HALVES.index("fresh9") == ev.HALVES.index("fresh8") + 1
    cases = [ev.load_case(p) for p in CASE_FILES]
    fresh9 = ev.chosen(cases, "fresh9", [])
    assert len(fresh9) >= 12 and {c.half for c in fresh9} == {"fresh9"}
    assert {c.id for c in fresh9} == {p.stem for p in _fresh9()}
    assert not [c for c in ev.chosen(cases, "fresh8", []) if c.half != "fresh8"]


def test_check_accepts_half_fresh9_and_stops_before_any_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--check --half fresh9` is a valid command line: with the per-case check stubbed
    (no download), it checks every fresh9 case and no other, and calls neither suggest nor
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
    assert ev.main(["--check", "--half", "fresh9"]) == 0
    assert sorted(checked) == sorted(p.stem for p in _fresh9())
    out = capsys.readouterr().out
    assert f"checked {len(checked)} cases, 0 failed; no suggestion was made" in out


def test_tuning_cases_read_fresh9_and_fresh8() -> None:
    """fresh9, held out in round 32 and scored once at its end, is tuning data from round
    33 (as fresh8 is): the tuning scripts' default set (`tuning_cases([])`, no ids named)
    holds every fresh9 and fresh8 case; naming a fresh9 case reads that case alone."""
    ev = load_benchmark("suggest_eval")
    assert ev.HELD_OUT not in ("fresh9", "fresh8")
    default = {c.id for c in ev.tuning_cases([])}
    fresh9 = {p.stem for p in _fresh9()}
    fresh8 = {p.stem for p in CASE_FILES if _data(p)["half"] == "fresh8"}
    assert len(fresh9) >= 12 and fresh9 <= default
    assert len(fresh8) >= 12 and fresh8 <= default
    named = _fresh9()[0].stem
    assert [c.id for c in ev.tuning_cases([named])] == [named]
