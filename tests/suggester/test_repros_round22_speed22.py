"""Round 22 (speed22): `suggest --modules K` on a file whose end reads the module's namespace
(pyparsing's `core.py`: `vars()` at line 6209) planned its first mapping only to learn which
names GS127 keeps, then planned again; and where that first plan, with the names still
moving, was over max-lines, it raised max-lines to that plan's largest module and said
"K modules need it", though the written mapping (with the names kept) needed less. The
names are known before planning (`keeping.ahead`), in K mode too: planned once, and
max-lines is raised only to what the kept mapping's modules need."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import suggest

KEPT = tuple(sorted(f"omega_{i}" for i in range(8)))  # the functions below the read
WHY = ("8 for the code at line 57 reading the module's namespace while it is imported (GS127)",)


def _functions(prefix: str, count: int) -> str:
    return "".join(f"def {prefix}_{i}(value):\n    total = value\n    for step in range(3):\n"
                   f"        total += step * {i}\n    return total\n\n\n" for i in range(count))


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "big.py"
    source.write_text(_functions("alpha", 8) + "SNAPSHOT = sorted(globals())\n\n\n"
                      + _functions("omega", 8))
    return source


def test_k_modules_keeps_the_names_below_a_namespace_read_before_the_first_plan(
        tmp_path: Path) -> None:
    result = suggest(_source(tmp_path), parse_config({}, tmp_path / "godsplit.toml"),
                     max_lines=1000, modules=3)
    assert not result.errors, [f.render() for f in result.errors]
    assert (result.keep, result.keep_why) == (KEPT, WHY)
    # round 30 (tune31b): 3 modules, as asked; the omega group, all kept, is refilled by
    # cutting the largest module in two (it listed 2 modules, alpha 6 and alphas 2)
    assert {name: len(names) for name, names in result.table()["modules"].items()} == {
        "alpha": 3, "alphas": 3, "alpha_6_2": 2}
    assert result.rounds == 2  # the kept mapping, then its refill: never with them moving


def test_k_modules_raises_max_lines_only_to_what_the_kept_mapping_needs(tmp_path: Path) -> None:
    result = suggest(_source(tmp_path), parse_config({}, tmp_path / "godsplit.toml"),
                     max_lines=60, modules=2)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.keep == KEPT
    assert max(m.lines for m in result.plan.modules) <= 60  # the mapping fits max-lines...
    assert result.max_lines == 60  # ...so it is not raised (it was, to 71, from the first plan)
    assert not any("planned with max-lines" in note for note in result.notes), result.notes
    assert result.rounds == 2  # the kept mapping (1 module listed), then its refill (round 30)


def test_k_modules_over_max_lines_with_the_names_kept_raises_it_as_before(
        tmp_path: Path) -> None:
    result = suggest(_source(tmp_path), parse_config({}, tmp_path / "godsplit.toml"),
                     max_lines=20, modules=3)
    assert not result.errors, [f.render() for f in result.errors]
    assert (result.keep, result.keep_why) == (KEPT, WHY)
    # round 30: 3 modules listed (2 before, 57 lines raised for 40): 29 lines for 20
    assert len(result.modules) == 3
    assert result.max_lines == 29 == max(m.lines for m in result.plan.modules)
    assert "planned with max-lines 29: 3 modules need it" in result.notes


def test_k_modules_refilled_plan_with_max_lines_as_asked(tmp_path: Path) -> None:
    """Round 30 (tune31b): with 2 modules listed for K = 3 the first plan needed 57 lines
    for 40; refilled to 3 modules, it needs no more than 40: max-lines stays as asked and
    no note says otherwise."""
    result = suggest(_source(tmp_path), parse_config({}, tmp_path / "godsplit.toml"),
                     max_lines=40, modules=3)
    assert not result.errors, [f.render() for f in result.errors]
    assert len(result.modules) == 3
    assert result.max_lines == 40 >= max(m.lines for m in result.plan.modules)
    assert not any("planned with max-lines" in note for note in result.notes), result.notes
