"""Round 27 (fresh27): the fresh3 half's data. Eleven historical splits recorded from the
projects' histories by benchmarks/record_split.py, of projects none of the other halves
has, checked with `suggest_eval.py --check` and never scored while tuning."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from benchkit import BENCHMARKS, load_benchmark

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEX40 = re.compile(r"[0-9a-f]{40}")
CASE_FILES = sorted((BENCHMARKS / "maintainers").glob("*.toml"))


def _half(path: Path) -> str:
    return str(tomllib.loads(path.read_text())["half"])


def test_fresh3_holds_recorded_splits_of_big_files_in_projects_new_to_the_set() -> None:
    fresh3 = [p for p in CASE_FILES if _half(p) == "fresh3"]
    assert len(fresh3) >= 8
    data = [tomllib.loads(p.read_text()) for p in fresh3]
    projects = [d["project"] for d in data]
    assert max(projects.count(p) for p in projects) <= 2
    seen = {tomllib.loads(p.read_text())["project"] for p in CASE_FILES if p not in fresh3}
    assert not set(projects) & seen, "a project the tuning data already has"
    for path, d in zip(fresh3, data, strict=True):
        text = path.read_text()
        assert "Recorded by benchmarks/record_split.py" in text, path.name
        assert HEX40.fullmatch(d["before-commit"]) and HEX40.fullmatch(d["after-commit"])
        lines = re.search(r"^# before file: ([0-9]+) lines", text, re.MULTILINE)
        assert lines and int(lines.group(1)) >= 1000, path.name
        assert len(d["modules"]) >= 2 and d["kept"], path.name


def test_half_fresh3_chooses_only_fresh3() -> None:
    ev = load_benchmark("suggest_eval")
    cases = [ev.load_case(p) for p in CASE_FILES]
    fresh3 = ev.chosen(cases, "fresh3", [])
    assert len(fresh3) >= 8 and {c.half for c in fresh3} == {"fresh3"}
    assert not [c for c in ev.chosen(cases, "tuning", []) if c.half != "tuning"]
