"""benchmarks/suggest_loo.py (round 16, suggest17; nothing shipped): the leave-one-out
choice of a setting, and the contiguity smoothing it scores."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, build_graph

from benchkit import load_benchmark


def _script() -> ModuleType:
    load_benchmark("suggest_eval")
    return load_benchmark("suggest_loo")


def test_loo_never_chooses_a_setting_by_the_case_it_scores() -> None:
    """`wide` is best on the mean only because of case c; c itself is scored with the
    setting the other cases prefer, and ties go to the first setting listed."""
    loo = _script().loo
    table = {
        "today": {"a": (0.5, 0.0), "b": (0.5, 0.0), "c": (0.1, 0.0)},
        "wide": {"a": (0.4, 0.0), "b": (0.4, 0.0), "c": (0.9, 0.0)},
        "same": {"a": (0.5, 0.0), "b": (0.5, 0.0), "c": (0.0, 0.0)},
    }
    picked = loo(table, ["a", "b", "c"])
    assert picked["c"] == ("today", (0.1, 0.0))  # not "wide", which c alone favours
    assert picked["a"] == ("wide", (0.4, 0.0))  # b and c: 1.3 against 0.6
    assert picked["b"] == ("wide", (0.4, 0.0))
    # with a baseline, beating it on more of the other cases comes before the mean F1
    baseline = {"a": (0.45, -1.0), "b": (0.45, -1.0), "c": (0.0, -1.0)}
    strict = loo(table, ["a", "b", "c"], baseline)
    assert strict["a"] == ("today", (0.5, 0.0))  # b and c: today beats 2, wide beats 1
    assert strict["c"] == ("today", (0.1, 0.0))


SOURCE = """\
def first():
    return second()


def second():
    return 1


def middle():
    return 2


def third():
    return second()


def fourth():
    return third()


def other():
    return middle()
"""


def _graph(tmp_path: Path) -> Graph:
    (tmp_path / "m.py").write_text(SOURCE)
    return build_graph(analyze(read_source(tmp_path / "m.py")), ())


def test_smoothing_moves_a_definition_between_neighbours_of_one_group(tmp_path: Path) -> None:
    """`middle` lies between `second` and `third` (group 0) but is grouped with `other`,
    which reads it: it joins group 0 when its pull there is at least `ratio` times its
    pull to `other`, else it stays; the groups are never emptied."""
    script = _script()
    g = _graph(tmp_path)
    node = {n.label: i for i, n in enumerate(g.nodes)}
    group = {i: 0 for i in range(len(g.nodes))}
    group[node["middle"]] = group[node["other"]] = 1
    zero = {node[x] for x in ("first", "second", "third", "fourth")}
    there = script._affinity(g, node["middle"], zero)
    here = script._affinity(g, node["middle"], {node["other"]})
    assert there > 0 and here > 0
    ratio = there / here
    moved = script.smooth(g, group, ratio * 0.9)
    assert moved[node["middle"]] == 0
    assert moved[node["other"]] == 1  # the one left in its group keeps it
    kept = script.smooth(g, group, ratio * 1.1)
    assert kept == group
