"""suggest predicts each module's length before it plans, so that it plans once.

The plan is the proof of a suggestion and costs most of suggest's time after the
analysis; a module the plan finds over max-lines (GS105) meant cutting it and planning
everything again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import libcst as cst
import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.split.plan import plan_split
from godsplit.split.transforms import pinned, pinned_code
from godsplit.suggester.core import Suggestion, suggest
from godsplit.suggester.graph import Graph, Node
from godsplit.suggester.repair import cut
from godsplit.suggester.sizes import estimate, statement

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synth import generate

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "intelliwiz"


@pytest.mark.parametrize(("names", "width", "expected"), [
    (["a", "b"], 88, 1),  # `from x import a, b`
    ([f"name_{i}" for i in range(12)], 88, 14),  # one name a line, between ( and )
    (["a_long_name"] * 3, 30, 5),
])
def test_statement_wraps_one_name_a_line(names: list[str], width: int, expected: int) -> None:
    assert statement("from x import ", names, width) == expected


@pytest.mark.slow  # 2,500 lines: the heaviest test of the fast loop (about 8 s alone)
@pytest.mark.parametrize(("lines", "seed"), [(2500, 0), (3500, 2)])
def test_tangled_file_is_planned_once(tmp_path: Path, lines: int, seed: int) -> None:
    """Synthetic god files whose functions call across every domain (long import lists,
    call-time cycles with guards and hand-overs): the first plan used to find modules over
    max-lines (2 and 3 plans before the size estimate)."""
    source = tmp_path / "big.py"
    source.write_text(generate(lines, seed).source)
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"))
    assert not result.errors
    assert result.rounds == 1
    assert all(m.lines <= result.max_lines for m in result.modules)
    _is_the_plan_of_its_table(result, tmp_path)


def _is_the_plan_of_its_table(result: Suggestion, tmp_path: Path) -> None:
    """The plan suggest made (from the assignment its size estimate made) is the plan
    `godsplit plan` makes of the table it suggests."""
    checked = parse_config({"max-lines": result.max_lines, "split": [result.table()]},
                           tmp_path / "godsplit.toml")
    assert plan_split(checked, checked.splits[0])[0] == result.plan


def test_the_suggested_plan_is_the_plan_of_the_table(tmp_path: Path) -> None:
    """1,200 lines: the size estimate runs (several modules under max-lines 600), and the
    plan takes its assignment over."""
    source = tmp_path / "big.py"
    source.write_text(generate(1200, 1).source)
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"))
    assert not result.errors and len(result.modules) > 1
    _is_the_plan_of_its_table(result, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["journal_wellness_tasks.py", "onboarding_tasks_phase2.py",
                                  "mental_health_intervention_tasks.py"])
def test_estimate_is_close_to_the_plan(name: str) -> None:
    """Celery task files with pinned task names, licence-free headers, shared helpers:
    never more than a few lines under what the plan finds (a module predicted to fit
    must fit), and not far over (it would cut modules that fit)."""
    source = FIXTURE / "background_tasks" / name
    result = suggest(source, parse_config({}, FIXTURE / "none.toml"))
    split = parse_config({"split": [result.table()]}, FIXTURE / "none.toml").splits[0]
    predicted = estimate(analyze(read_source(source)), split, 88)
    for module in result.plan.modules:
        assert module.lines - 10 <= predicted[module.name] <= module.lines + 40, module.name


def _node(index: int, lines: int, kind: str = "function") -> Node:
    return Node((f"n{index}",), lines, 1 + 200 * index, kind, True, frozenset(), 0)


def test_cut_never_leaves_a_lone_constant() -> None:
    """Five connected functions and a constant nothing reads: the cohesive cut would make a
    module of the constant alone; the cut is by file order instead, about half the lines
    each side."""
    nodes = [_node(i, 100) for i in range(5)] + [_node(5, 1, "value")]
    weights = {(a, b): 1.0 for a in range(5) for b in range(a + 1, 5)}
    g = Graph(nodes, weights, {}, {}, {}, {})
    group = dict.fromkeys(range(6), 0)
    assert cut(g, group, [list(range(6))], 600)
    sizes = sorted(g.size([n for n in group if group[n] == k]) for k in set(group.values()))
    assert sizes == [201, 300] or sizes == [200, 301]


@pytest.mark.parametrize("decorator", [
    "shared_task", "shared_task()", "app.task(bind=True)",
    "shared_task(bind=True, max_retries=3, default_retry_delay=60, queue='reports')",
    "shared_task(bind=True, max_retries=3, default_retry_delay=60, queue='reports', "
    "soft_time_limit=300, time_limit=600, acks_late=True)",
    "shared_task(\n    bind=True,\n    max_retries=3,\n)",
    "shared_task(bind=True,  # retried\n    max_retries=3)",
])
@pytest.mark.parametrize("width", [40, 88, 120])
def test_pinned_code_is_the_pinned_decorators_code(decorator: str, width: int) -> None:
    """The estimate counts a pinned decorator's lines from its text, without parsing the
    wrapped call as the engine does: the text is the engine's to the character."""
    expr = cst.parse_expression(decorator)
    name = "background_tasks.reports.generate_the_weekly_wellness_report"
    assert pinned_code(expr, name, width) == cst.Module([]).code_for_node(
        pinned(expr, name, width))
