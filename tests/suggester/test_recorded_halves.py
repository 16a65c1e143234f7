"""The recorded halves' data (fresh3 to the held-out half): historical splits recorded from
the projects' histories by benchmarks/record_split.py, each half when every case before it
had become tuning data, of projects no earlier half has, checked with `suggest_eval.py
--check` and never scored while tuning. One test per rule, over every recorded half (each
round's recorder added a half; the rules grew: from fresh6 on, >= 85% of the before file's
names placed and projects compared without case). These tests read the records only: no
sdist, no suggestion."""

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
# each recorded half: the fewest cases its recorder was asked for, and whether the stricter
# rules of round 29 on (>= 85% placed, sha256s and the command line recorded) apply
RECORDED = {"fresh3": (8, False), "fresh4": (8, False), "fresh5": (8, False),
            "fresh6": (10, True), "fresh7": (10, True), "fresh8": (12, True),
            "fresh9": (12, True), "fresh10": (12, True), "fresh11": (12, True),
            "fresh12": (12, True), "fresh13": (12, True), "fresh14": (12, True),
            "fresh15": (12, True)}


def _data(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


def _half(half: str) -> list[Path]:
    return [p for p in CASE_FILES if _data(p)["half"] == half]


def test_the_recorded_halves_are_the_last_of_suggest_evals_halves_and_the_last_is_held_out() -> None:
    ev = load_benchmark("suggest_eval")
    assert list(ev.HALVES[-len(RECORDED):]) == list(RECORDED)
    assert ev.HELD_OUT == ev.HALVES[-1]


@pytest.mark.parametrize("half", RECORDED)
def test_a_half_holds_recorded_splits_of_big_files_in_projects_no_earlier_half_has(half: str) -> None:
    ev = load_benchmark("suggest_eval")
    fewest, strict = RECORDED[half]
    paths = _half(half)
    assert len(paths) >= fewest
    data = [_data(p) for p in paths]
    projects = [str(d["project"]).lower() for d in data]
    assert max(projects.count(p) for p in projects) <= 2
    earlier = set(ev.HALVES[:ev.HALVES.index(half)])
    seen = {str(_data(p)["project"]).lower() for p in CASE_FILES if _data(p)["half"] in earlier}
    assert not set(projects) & seen, "a project an earlier half already has"
    for path, d in zip(paths, data, strict=True):
        text = path.read_text()
        assert "Recorded by benchmarks/record_split.py" in text, path.name
        assert HEX40.fullmatch(str(d["before-commit"])), path.name
        assert HEX40.fullmatch(str(d["after-commit"])), path.name
        lines = re.search(r"^# before file: ([0-9]+) lines, ([0-9]+) top-level names; ([0-9]+) placed",
                          text, re.MULTILINE)
        assert lines and int(lines.group(1)) >= 1000, path.name
        modules = d["modules"]
        assert isinstance(modules, dict) and len(modules) >= 2 and d["kept"], path.name
        if strict:  # few names left out: a split that renamed many in the same change is no case
            assert int(lines.group(3)) >= 0.85 * int(lines.group(2)), path.name
            assert "# recorded with: " in text, path.name
            assert HEX64.fullmatch(str(d["sha256"])) and HEX64.fullmatch(str(d["sdist-sha256"]))
            assert re.fullmatch(r"[^=\s]+==[^=\s]+", str(d["sdist"])), path.name
            assert d["licence"] and str(d["repository"]).startswith("https://github.com/")


@pytest.mark.parametrize("half", RECORDED)
def test_a_half_places_each_name_once(half: str) -> None:
    for path in _half(half):
        modules = _data(path)["modules"]
        assert isinstance(modules, dict)
        names = [name for placed in modules.values() for name in placed]
        assert names and len(names) == len(set(names)), path.name


@pytest.mark.parametrize("half", RECORDED)
def test_half_chooses_only_that_halfs_cases(half: str) -> None:
    ev = load_benchmark("suggest_eval")
    cases = [ev.load_case(p) for p in CASE_FILES]
    chosen = ev.chosen(cases, half, [])
    assert {c.half for c in chosen} == {half}
    assert {c.id for c in chosen} == {p.stem for p in _half(half)}


@pytest.mark.parametrize("half", RECORDED)
def test_check_accepts_a_half_and_stops_before_any_suggestion(
    half: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--check --half H` is a valid command line: with the per-case check stubbed (no
    download), it checks every case of H and no other, and calls neither suggest nor
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
    assert ev.main(["--check", "--half", half]) == 0
    assert sorted(checked) == sorted(p.stem for p in _half(half))
    out = capsys.readouterr().out
    assert f"checked {len(checked)} cases, 0 failed; no suggestion was made" in out


def test_tuning_cases_leave_out_the_held_out_half_and_read_every_other() -> None:
    """The tuning scripts' default set (`tuning_cases([])`, no ids named) is every case but
    the held-out half (the last recorded); the half held out before it is tuning data. A
    held-out case is read only when named."""
    ev = load_benchmark("suggest_eval")
    held_out = _half(ev.HELD_OUT)
    default = ev.tuning_cases([])
    assert default and not [c.id for c in default if c.half == ev.HELD_OUT]
    assert {c.half for c in default} == set(ev.HALVES) - {ev.HELD_OUT}
    assert len(default) == len(CASE_FILES) - len(held_out)
    before = _half(ev.HALVES[-2])
    assert len(before) >= 12 and {p.stem for p in before} <= {c.id for c in default}
    named = held_out[0].stem
    assert [c.id for c in ev.tuning_cases([named])] == [named]
