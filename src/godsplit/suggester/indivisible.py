"""Sets of definitions a suggestion never parts: as indivisible as one long definition.

Code changing or reading one object at import time, where the order matters (a registry
filled by `X.register()` calls, subclasses appended to a list by their base's hook), must
run in one module, in source order: parted, it is a GS124, and the plan's last repair
keeps it all in the old module (markdown2's 19 `Extra` subclasses and their registrations:
a 1,269-line facade). Such a set is found from the source before any plan
(`order_findings.order_sets`), kept whole when a module is cut, and, when it is longer
than a module may be, given a module of its own, as one over-long definition is (the
plan's GS105 is then a warning). Pure and deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..split.analyze import Analysis
from ..split.order_findings import order_sets
from .graph import Graph, Node


@dataclass(frozen=True)
class Block:
    nodes: frozenset[int]
    changes: str  # the object its code changes or reads at import time (the first, sorted)


def blocks(analysis: Analysis, g: Graph) -> tuple[Block, ...]:
    """The sets of two or more nodes whose code must run in one module, in source order
    (overlapping sets are one), in the order of their first definition."""
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    graph: nx.Graph[int] = nx.Graph()
    named: dict[int, str] = {}
    for name, units in order_sets(analysis):
        # with the object's own definition (the registry's class or list): what it holds
        own = {u for u in analysis.binders.get(name, ()) if analysis.units[u].kind == "definition"}
        nodes = sorted({node_of[b] for u in units | own for b in analysis.units[u].binds
                        if b in node_of})
        if len(nodes) > 1:
            graph.add_edges_from((nodes[0], n) for n in nodes[1:])
            for n in nodes:
                named.setdefault(n, name)
    out = [Block(frozenset(c), min(named[n] for n in c)) for c in
           nx.connected_components(graph) if len(c) > 1]
    return tuple(sorted(out, key=lambda b: min(g.nodes[n].line for n in b.nodes)))


def unite(g: Graph, group: dict[int, int], found: tuple[Block, ...], cap: int) -> bool:
    """Put each parted block back in one group: the one holding most of its lines, or a
    group of its own when it is longer than `cap` (a module of its own). False if none
    moved."""
    changed = False
    for block in found:
        held: Counter[int] = Counter()
        for n in block.nodes:
            held[group[n]] += g.nodes[n].lines
        target = max(sorted(held), key=lambda k: held[k])
        others = [n for n, k in group.items() if k == target and n not in block.nodes]
        if g.size(block.nodes) > cap and others:
            target = max(group.values()) + 1
        elif len(held) == 1:
            continue
        for n in sorted(block.nodes):
            changed |= group[n] != target
            group[n] = target
    return changed


def longest(g: Graph, nodes: list[int], found: tuple[Block, ...]) -> int:
    """The lines of the longest part of `nodes` no cut can divide."""
    inside = set(nodes)
    whole = [g.size(b.nodes) for b in found if b.nodes <= inside]
    return max([g.nodes[n].lines for n in nodes] + whole, default=0)


def whole(g: Graph, nodes: list[int], half: list[int], found: tuple[Block, ...]) -> list[int]:
    """`half` of `nodes` with each block it parts moved to the side holding most of the
    block's lines; if that leaves a side empty, the longest block is the half (empty when
    the nodes are that block: nothing to cut)."""
    side = set(half)
    inside = set(nodes)
    within = [b for b in found if b.nodes & inside]
    for block in within:
        mine = block.nodes & inside
        if mine & side and mine - side:
            if 2 * g.size(mine & side) >= g.size(mine):
                side |= mine
            else:
                side -= mine
    if side and side != inside:
        return sorted(side)
    biggest = max(within, key=lambda b: (g.size(b.nodes & inside), -min(b.nodes)),
                  default=None)
    if biggest is None or biggest.nodes >= inside:
        return []
    return sorted(biggest.nodes & inside)


def note(g: Graph, found: tuple[Block, ...], limit: int) -> list[str]:
    """What the suggestion says of each block longer than max-lines."""
    return [f"{b.changes} and the code changing or reading it at import time ({len(b.nodes)} "
            f"definitions, {g.size(b.nodes)} lines) must run in one module, in source order "
            f"(GS124), over max-lines {limit}: they get a module of their own" for b in found
            if g.size(b.nodes) > limit]


def alone(analysis: Analysis, node: Node) -> str:
    """How long a definition is, and with what must move with it (`Coverage` and the
    `if DEBUG:` block that rebinds it), as GS105 counts it."""
    own = max((analysis.units[u].lines for u in analysis.binders.get(node.label, ())),
              default=node.lines)
    if own >= node.lines:
        return f"{node.label} alone is {node.lines} lines"
    return f"{node.label} alone is {own} lines ({node.lines} with what must move with it)"
