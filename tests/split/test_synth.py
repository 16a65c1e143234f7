"""The benchmark's synthetic god files: seeded, valid Python, and a mapping that plans clean."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split.plan import plan_split

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import synth


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first = synth.generate(1000, seed=3)
    again = synth.generate(1000, seed=3)
    other = synth.generate(1000, seed=4)
    assert first.source == again.source
    assert first.modules == again.modules
    assert other.source != first.source
    assert 950 <= first.lines <= 1100
    compile(first.source, "big.py", "exec")


def test_1k_file_plans_with_no_errors(tmp_path: Path) -> None:
    made = synth.generate(1000)
    config_path = synth.write_project(tmp_path, made)
    config = load_config(config_path)
    plan, analysis = plan_split(config, config.splits[0])
    assert analysis is not None
    assert plan.errors == ()
    reasons = {p.reason for p in plan.placements}
    assert {"mapped", "carried", "shared", "default"} <= reasons  # every placement path
    placed = {n for p in plan.placements for n in p.names}
    assert {n for n, _ in made.mapped_names()} <= placed
    assert len(plan.modules) == len(made.modules) + 2  # + _shared and misc
    codes = {f.code for f in plan.findings}
    assert {"GS200", "GS201", "GS206"} <= codes  # pinned tasks, __name__, a `global`


@pytest.mark.parametrize("lines", [600, 3000])
def test_size_is_close_to_the_request(lines: int) -> None:
    made = synth.generate(lines)
    assert abs(made.lines - lines) <= max(100, lines // 10)
    assert len(made.modules) == max(2, round(lines / 500))
