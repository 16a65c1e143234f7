"""A call-time cycle the project's pylint reports (GS224), broken where that costs little.

Two new modules that import each other only inside functions are correct Python (the plan
places one import at the end of a module), but pylint's cyclic-import (R0401) counts every
import and no pragma silences it, so the suggested split fails a project's own `pylint`
run (enterprise-catalog's `apps/api/tasks.py`: `index` and `algolia` imported each other
for a 6-line helper). Where the plan warns GS224, the names one module of the cycle
imports from another (with what they need at import time, at most a tenth of the module
budget) go to the module that imports them, or to the shared module; the cheapest
grouping whose plan has no error and fewer GS224 warnings is taken. Only without
`--modules K` (K stays exact). Deterministic: candidates in order of size, then of edge.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from ..types import Plan, SplitConfig
from .graph import Graph
from .place import SHARED, closure

TRIES = 4  # plans made at most: each costs one plan of the whole file

Mapped = tuple[SplitConfig, dict[str, list[int]], Plan]


def _cycles(plan: Plan) -> int:
    return sum(f.code == "GS224" for f in plan.findings)


def candidates(g: Graph, group: dict[int, int], plan: Plan, members: dict[str, list[int]],
               budget: int) -> list[tuple[dict[int, int], list[int]]]:
    """Groupings that each move one edge's names of a cycle of new modules (and what they
    need at import time) to the importing module or to shared, smallest first; with the
    nodes each moves."""
    graph: nx.DiGraph[str] = nx.DiGraph((e.source, e.target) for e in plan.edges)
    cyclic = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    out: list[tuple[int, int, dict[int, int], list[int]]] = []
    for index, edge in enumerate(plan.edges):
        if not any(edge.source in c and edge.target in c for c in cyclic):
            continue
        start = sorted({node_of[x] for x in edge.names if x in node_of})
        home = next((group[n] for n in members.get(edge.source, []) if n in group), None)
        for dest in ((home,) if home is not None else ()) + (SHARED,):
            moved = closure(g, start, group, dest)
            if not moved or g.size(moved) > budget // 10:
                continue
            trial = dict(group)
            for n in moved:
                trial[n] = dest
            out.append((g.size(moved), 2 * index + (dest == SHARED), trial, sorted(moved)))
    return [(trial, moved) for _, _, trial, moved in sorted(out, key=lambda o: o[:2])]


def uncycle(g: Graph, group: dict[int, int], now: Mapped, budget: int, notes: list[str],
            mapping: Callable[[dict[int, int]], tuple[SplitConfig, dict[str, list[int]]]],
            planned: Callable[[SplitConfig], Plan]) -> Mapped:
    """`now`, or the cheapest regrouping whose plan has no error and fewer GS224 (then
    `group` is updated and a note says what moved)."""
    _, members, plan = now
    if plan.errors or not _cycles(plan):
        return now
    for trial, moved in candidates(g, group, plan, members, budget)[:TRIES]:
        other, placed = mapping(trial)
        tried = planned(other)
        if not tried.errors and _cycles(tried) < _cycles(plan):
            group.update(trial)
            where = next((name for name, nodes in placed.items() if moved[0] in nodes),
                         "the shared module")
            notes.append(f"{', '.join(g.nodes[n].label for n in moved)} ({g.size(set(moved))} "
                         f"lines) goes to {where}: where it was, two new modules imported each "
                         "other, which the project's pylint reports (cyclic-import, GS224)")
            return other, placed, tried
    return now
