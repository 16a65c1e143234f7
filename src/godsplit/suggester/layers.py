"""With `--modules K`, a group halved to make one more module: by layers, when the
halves the merging finds would read each other in a cycle (round 15).

Maintainers build modules in layers (README, round 11): a base class that many classes
of the file derive from goes below them, in a module of its own with what it reads
(astroid's `NodeNG` in `node_ng.py`, under the node classes). When a group must be cut
in two and the cohesive halves (`cluster.halve`) read each other both ways, each base
class that two or more of the group's classes list as a base is tried as the lower
half, with everything it reads in the group (calls and import-time reads, not
annotations): the upper half reads the lower, never the other way, so the two are no
cycle. Of those cuts, the one the merging's objective (modularity less the balance
cost) scores highest is taken. A group with no such base keeps the cohesive halves.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from .cluster import objective
from .graph import Graph


def read_both_ways(g: Graph, a: list[int], b: list[int]) -> bool:
    """Whether `a` reads `b` and `b` reads `a` (calls and import-time reads)."""
    one, two = set(a), set(b)
    ahead = back = False
    for (r, p), strength in g.reads.items():
        if strength >= 1.0:
            ahead = ahead or (r in one and p in two)
            back = back or (r in two and p in one)
    return ahead and back


def layered(g: Graph, members: list[int], halves: list[list[int]]) -> list[list[int]]:
    """`halves` of `members`, or, if they read each other in a cycle, the best cut of
    a base class and what it reads below the rest (upper half first)."""
    if len(halves) < 2 or not read_both_ways(g, halves[0], halves[1]):
        return halves
    inside = set(members)
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(sorted(inside))
    graph.add_edges_from((r, p) for (r, p), strength in sorted(g.reads.items())
                         if strength >= 1.0 and r != p and r in inside and p in inside)
    derived = Counter(b for n in sorted(inside) for b in set(g.nodes[n].bases) if b in inside)
    options = []
    for base in sorted(b for b, count in derived.items() if count >= 2):
        lower = {base} | nx.descendants(graph, base)
        if len(lower) < len(inside):
            cut = [sorted(inside - lower), sorted(lower)]
            options.append((-objective(g, cut), base, cut))
    return min(options)[2] if options else halves
