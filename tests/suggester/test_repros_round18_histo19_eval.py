"""Round 18 (histo19): eight more historical splits, split between the tuning half and a
new `fresh2` half by a fixed seed before any was scored."""

from __future__ import annotations

import random
import sys

from benchkit import BENCHMARKS, load_benchmark

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROUND18 = "# half: assigned in round 18"


def _round18_cases() -> dict[str, str]:
    """case id -> half, for the cases recorded in round 18."""
    out: dict[str, str] = {}
    for path in sorted((BENCHMARKS / "maintainers").glob("*.toml")):
        text = path.read_text()
        if ROUND18 in text:
            out[path.stem] = tomllib.loads(text)["half"]
    return out


def test_round18_halves_are_the_seeds_draw() -> None:
    ev = load_benchmark("suggest_eval")
    cases = _round18_cases()
    assert len(cases) == 8
    tuning = set(random.Random(ev.ROUND18_SEED).sample(sorted(cases), 4))
    assert {c for c, h in cases.items() if h == "tuning"} == tuning
    assert {c for c, h in cases.items() if h == "fresh2"} == set(cases) - tuning


def test_fresh2_is_a_half_of_its_own() -> None:
    ev = load_benchmark("suggest_eval")
    assert "fresh2" in ev.HALVES
    loaded = [ev.load_case(p) for p in sorted((BENCHMARKS / "maintainers").glob("*.toml"))]
    fresh2 = ev.chosen(loaded, "fresh2", [])
    assert len(fresh2) == 4 and {c.half for c in fresh2} == {"fresh2"}
    assert not [c for c in ev.chosen(loaded, "tuning", []) if c.half != "tuning"]
