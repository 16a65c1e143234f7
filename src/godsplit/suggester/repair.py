"""After a plan with errors, or before one: cut a module predicted over max-lines in two,
and break the import-time cycles a plan found (the steps `core.suggest` repeats)."""

from __future__ import annotations

import networkx as nx

from ..types import Plan
from .cluster import halve
from .graph import Graph
from .indivisible import Block, longest, whole
from .place import SHARED, break_cycles, closure


def repair(g: Graph, group: dict[int, int], plan: Plan, members: dict[str, list[int]],
           modules: int, budget: int, found: tuple[Block, ...]) -> bool:
    """After a plan with errors: halve a module over max-lines (GS105) unless K is fixed,
    and break import-time cycles (GS104), the plan's own if the graph saw none. False if
    nothing helps."""
    codes = {f.code for f in plan.errors}
    if codes - {"GS104", "GS105"}:
        return False
    changed = False
    if "GS105" in codes and not modules:
        over = [m.name for m in plan.modules if m.lines > plan.max_lines]
        changed = cut(g, group, [members.get(name, []) for name in over], budget, found)
    before = dict(group)
    break_cycles(g, group)
    changed = changed or group != before
    if "GS104" in codes and not changed:
        node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
        timed = [e for e in plan.edges if e.import_time and not e.typing_only]
        graph: nx.DiGraph[str] = nx.DiGraph((e.source, e.target) for e in timed)
        cycles = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
        for edge in timed:  # the first edge of a cycle whose providers are not shared yet
            if any(edge.source in c and edge.target in c for c in cycles):
                needed = [node_of[x] for x in edge.names if x in node_of]
                for n in closure(g, needed, group, SHARED):
                    group[n], changed = SHARED, True
                if changed:
                    break
    return changed


def cut(g: Graph, group: dict[int, int], parts: list[list[int]], budget: int,
        found: tuple[Block, ...] = ()) -> bool:
    """Cut each part (a module over max-lines) in two cohesive halves; where the cohesive
    cut would leave one side under a quarter of the lines (a lone constant), in two runs
    of the file of about equal lines instead; never through a block (`indivisible`).
    False if no part could be cut."""
    changed = False
    for nodes in parts:
        if len(nodes) < 2:
            continue
        half = halve(g, nodes, budget)[1]
        if min(g.size(half), g.size(nodes) - g.size(half)) * 4 < g.size(nodes):
            ordered = sorted(nodes, key=lambda n: g.nodes[n].line)
            cut = 1  # the first run ends where it holds about half the lines
            while cut < len(ordered) - 1 and 2 * g.size(ordered[:cut]) < g.size(nodes):
                cut += 1
            half = ordered[cut:]
        half = whole(g, nodes, half, found)
        fresh = max(group.values()) + 1
        for n in half:
            group[n], changed = fresh, True
    return changed


def too_long(g: Graph, nodes: list[int], lines: int, limit: int,
             found: tuple[Block, ...] = ()) -> bool:
    """A module predicted over max-lines that the plan would call an error: not one over it
    only because its longest definition or block is (with the module's imports), a
    warning."""
    if lines <= limit or len(nodes) < 2:
        return False
    return lines - g.size(nodes) + longest(g, nodes, found) <= limit
