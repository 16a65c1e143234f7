"""Group the graph's nodes into exactly K modules, the way a person would cut the file.

Greedy agglomeration (Clauset-Newman-Moore): start from one group per definition and
merge, each time, the two groups whose merge gains the most modularity, never above the
line budget, until K groups remain. Where no edge joins groups any more, the smallest
neighbours in the file are merged. Pure and deterministic (ties broken by position).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from .graph import Graph

FILL = 0.6  # without --modules: modules average this share of the line budget
RESOLUTION = 1.0  # modularity resolution: higher keeps groups smaller
BALANCE = 0.5  # how much merging two large groups costs (their lines, multiplied)


@dataclass
class _Groups:
    members: dict[int, list[int]]
    size: dict[int, int]
    first: dict[int, int]  # line of the group's first definition
    adj: dict[int, dict[int, float]]
    degree: dict[int, float]
    version: dict[int, int]

    def merge(self, keep: int, gone: int) -> None:
        self.members[keep] = sorted(self.members[keep] + self.members.pop(gone))
        self.size[keep] += self.size.pop(gone)
        self.first[keep] = min(self.first[keep], self.first.pop(gone))
        self.degree[keep] += self.degree.pop(gone)
        for other, w in self.adj.pop(gone).items():
            if other == keep:
                continue
            self.adj[other].pop(gone, None)
            self.adj[keep][other] = self.adj[keep].get(other, 0.0) + w
            self.adj[other][keep] = self.adj[keep][other]
        self.adj[keep].pop(gone, None)
        self.version[keep] += 1
        self.version.pop(gone)


def goal(g: Graph, budget: int) -> int:
    """How many modules the file needs without --modules: about FILL full on average."""
    return max(1, math.ceil(g.size(range(len(g.nodes))) / (FILL * max(budget, 1))))


def agglomerate(g: Graph, nodes: list[int], k: int, cap: int,
                resolution: float = RESOLUTION, force: bool = True,
                pieces: Iterable[list[int]] = ()) -> list[list[int]]:
    """`nodes` in k groups (or fewer, when there are fewer nodes), each at most `cap` lines
    where the sizes allow; with `force`, the last merges may exceed the cap to reach k.
    Workflows, then each of `pieces`, start as one group when they fit in `cap`."""
    inside = set(nodes)
    adj = {n: {m: w for m, w in g.near.get(n, {}).items() if m in inside} for n in nodes}
    groups = _Groups({n: [n] for n in nodes}, {n: g.nodes[n].lines for n in nodes},
                     {n: g.nodes[n].line for n in nodes}, adj,
                     {n: sum(adj[n].values()) for n in nodes}, dict.fromkeys(nodes, 0))
    for bond in g.bonds:  # a workflow is one piece, if it fits
        bound = [n for n in bond if n in inside]
        if bound and sum(groups.size[n] for n in bound) <= cap:
            for n in bound[1:]:
                groups.merge(bound[0], n)
    for piece in pieces:
        where = {n: key for key, members in groups.members.items() for n in members}
        keys = sorted({where[n] for n in piece if n in where})
        if len(keys) > 1 and sum(groups.size[key] for key in keys) <= cap:
            for key in keys[1:]:
                groups.merge(keys[0], key)
    total = sum(groups.degree.values()) / 2 or 1.0
    lines = float(sum(groups.size.values()) or 1)
    heap: list[tuple[float, int, int, int, int]] = []
    # the gain of merging a and b (a < b; adj is symmetric), pushed for every pair that
    # shares an edge and again whenever one of them grows; a hot loop: the dicts, divisors
    # and the products of a's figures are locals
    adj, degree, size, version = groups.adj, groups.degree, groups.size, groups.version
    modularity, spread, push = 2 * total * total, lines * lines, heapq.heappush

    def push_pairs(a: int, others: Iterable[int]) -> None:
        near, da, sa, va = adj[a], degree[a], size[a], version[a]
        rda, bsa = resolution * da, BALANCE * sa  # each product as the formula groups it
        for b in others:
            if a < b:
                gain = near[b] / total - rda * degree[b] / modularity - bsa * size[b] / spread
                push(heap, (-gain, a, b, va, version[b]))
            else:
                gain = near[b] / total - resolution * degree[b] * da / modularity - (
                    BALANCE * size[b] * sa / spread)
                push(heap, (-gain, b, a, version[b], va))

    for a in groups.members:
        push_pairs(a, [b for b in adj[a] if a < b])
    while len(groups.members) > k and heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if version.get(a) != va or version.get(b) != vb:
            continue
        if size[a] + size[b] > cap:
            continue
        groups.merge(a, b)
        push_pairs(a, adj[a])  # (the keys are distinct: the order of pushes does not matter)
    while len(groups.members) > k:  # no edge left to merge on: neighbours in the file
        order = sorted(groups.members, key=lambda x: groups.first[x])
        pairs = sorted(((groups.size[a] + groups.size[b], groups.first[a], a, b)
                        for a, b in itertools.pairwise(order)))
        fits = [p for p in pairs if p[0] <= cap]
        if not fits and not force:
            break
        *_, a, b = (fits or pairs)[0]
        groups.merge(min(a, b), max(a, b))
    return sorted(groups.members.values())


def halve(g: Graph, members: list[int], cap: int) -> list[list[int]]:
    """Cut one group in two cohesive parts (file order when nothing else tells them apart)."""
    if len(members) < 2:
        return [members]
    parts = agglomerate(g, members, 2, cap, force=True)
    if len(parts) < 2:
        ordered = sorted(members, key=lambda n: g.nodes[n].line)
        half = max(1, len(ordered) // 2)
        parts = [sorted(ordered[:half]), sorted(ordered[half:])]
    return parts



def objective(g: Graph, groups: list[list[int]], resolution: float = RESOLUTION) -> float:
    """What the greedy merging climbs, for a grouping of some of the nodes (over the graph
    they induce): modularity at `resolution`, less the balance cost of every pair of nodes
    in one group (their lines, multiplied). A grouping that scores lower than the greedy
    one cannot be reached by searching better, only by other weights."""
    inside = {n for members in groups for n in members}
    edges = {(a, b): w for (a, b), w in g.weights.items() if a in inside and b in inside}
    total = sum(edges.values()) or 1.0
    lines = float(g.size(inside) or 1)
    degree = dict.fromkeys(inside, 0.0)
    for (a, b), w in edges.items():
        degree[a] += w
        degree[b] += w
    out = 0.0
    for members in groups:
        own = set(members)
        within = sum(w for (a, b), w in edges.items() if a in own and b in own)
        spread = sum(degree[n] for n in members)
        pairs = (g.size(members) ** 2 - sum(g.nodes[n].lines ** 2 for n in members)) / 2
        out += within / total - resolution * spread * spread / (4 * total * total) - (
            BALANCE * pairs / (lines * lines))
    return out
