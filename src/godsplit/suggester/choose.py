"""With `--modules K`: two candidate groupings, and a choice between them that looks at
nothing but the file (round 14).

Each candidate is made exactly K groups with no import-time cycle between them:

- `greedy`: the modularity merging to K groups (what suggest made before round 14);
- `pieces`: definitions reachable only through one entry point start as one piece with
  it (`dominators`), the merging stops at 2K groups, and the closest are then merged
  until there are K.

Maintainers build modules in layers: in 13 of the 14 tuning cases of
`benchmarks/maintainers` no two of their modules read each other in a cycle (README,
round 11). So the candidate with the fewest groups on a cycle of reads (calls and
import-time reads, not annotations) wins; on a tie, the one with the higher modularity
of the graph of reads (every read, at its strength; Newman's Q), and on a tie again the
greedy one.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from .chance import beyond_chance, ranked
from .cluster import agglomerate
from .constants import carve
from .conversions import gather_conversions
from .crowded import spread_bonds
from .dominators import dominator_pieces
from .few_cycles import counted
from .graph import Graph
from .helper_runs import pool_runs
from .instances import by_tables
from .one_each import one_each
from .place import break_cycles, exactly, gather_families, to_helpers
from .reexports import to_shared
from .registered_whole import gather_registered
from .runs import prefer_runs
from .scattered import unscatter
from .two_runs import prefer_two_runs
from .variants import by_variant

OVER = 2  # the `pieces` candidate stops merging at OVER * K groups


def tangled(g: Graph, group: dict[int, int]) -> int:
    """How many groups lie on a cycle of reads between groups (calls and import-time
    reads, not annotations)."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_edges_from((group[r], group[p]) for (r, p), strength in sorted(g.reads.items())
                         if strength >= 1.0 and r >= 0 and group[r] != group[p])
    return sum(len(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def modularity(g: Graph, group: dict[int, int]) -> float:
    """Newman's modularity of `group` on the undirected graph of reads between
    definitions, each read weighing its strength (reads by the kept code left out)."""
    inside: dict[int, float] = {}
    degree: dict[int, float] = {}
    total = 0.0
    for (r, p), strength in sorted(g.reads.items()):
        if r < 0 or r == p:
            continue
        total += strength
        degree[group[r]] = degree.get(group[r], 0.0) + strength
        degree[group[p]] = degree.get(group[p], 0.0) + strength
        if group[r] == group[p]:
            inside[group[r]] = inside.get(group[r], 0.0) + strength
    if not total:
        return 0.0
    return sum(inside.get(k, 0.0) / total - (d / (2 * total)) ** 2
               for k, d in sorted(degree.items()))


def _finish(g: Graph, parts: list[list[int]], k: int, cap: int) -> dict[int, int]:
    """The steps after the merging, as suggest has always made them: families gathered,
    helpers with their readers, import-time cycles broken, exactly k groups."""
    group = {n: i for i, part in enumerate(parts) for n in part}
    gather_families(g, group, k, cap)
    return _settle(g, group, k, cap)


def _settle(g: Graph, group: dict[int, int], k: int, cap: int) -> dict[int, int]:
    """Helpers with their readers, import-time cycles broken, exactly k groups."""
    to_helpers(g, group)
    to_shared(g, group)
    break_cycles(g, group)
    exactly(g, group, k, cap)
    return group


def _greedy(g: Graph, k: int, cap: int) -> dict[int, int]:
    return _finish(g, agglomerate(g, list(range(len(g.nodes))), k, cap), k, cap)


def _pieces(g: Graph, k: int, cap: int) -> dict[int, int]:
    everything = list(range(len(g.nodes)))
    parts = agglomerate(g, everything, min(len(everything), OVER * k), cap,
                        pieces=dominator_pieces(g))
    return _finish(g, parts, k, cap)


CANDIDATES: tuple[tuple[str, Callable[[Graph, int, int], dict[int, int]]], ...] = (
    ("greedy", _greedy), ("pieces", _pieces))


def candidates(g: Graph, k: int, cap: int) -> list[tuple[str, dict[int, int]]]:
    """Each candidate's grouping: node -> group, exactly `k` groups (shared counts)."""
    return [(name, make(g, k, cap)) for name, make in CANDIDATES]


def choose(g: Graph, k: int, cap: int) -> dict[int, int]:
    """The candidate with the fewest groups on a cycle of reads, then the highest
    modularity of the reads (when one is above chance), then the first; of those better
    than chance (`chance`);
    a block of constants kept whole (`constants`). When more than half the definitions
    get a module of their own, a module per class and the rest pooled instead
    (`one_each`). Parallel variants of the same definitions, a module each, are a third
    candidate when the file has K - 1 families of them (`variants`). A base with more
    subclasses than a module can hold has its bond spread over them first (`crowded`).
    A group pooled from far-apart stretches of the file that read nothing of each other is
    cut at the gap (`scattered`). At K of 2 to 4, the file cut in runs of its own order
    instead when that has fewer groups on a cycle and no more reads across (`runs`)."""
    if (tabled := by_tables(g, k, cap, choose)) is not None:  # tables of instances (`instances`)
        return tabled
    g = spread_bonds(g, k)
    if (each := one_each(g, k, cap)) is not None:
        return _settle(g, each, k, cap)
    groupings = [group for _, group in candidates(g, k, cap)]
    if (variant := by_variant(g, k)) is not None:  # a module per variant, a third candidate
        groupings.append(_settle(g, variant, k, cap))
    q = ranked([modularity(g, group) for group in groupings])
    made = [(counted(tangled, g, groupings[i], k), -q[i], i, groupings[i])  # `few_cycles`
            for i in beyond_chance(q)]
    group: dict[int, int] = min(made, key=lambda x: x[:3])[3]
    group = prefer_runs(g, group, k, cap, tangled)  # at small K, the file's runs if layered
    group = prefer_two_runs(g, group, k, cap, tangled)  # at K 2, two runs if looser (`two_runs`)
    if gather_conversions(g, group, cap):  # a table of unit conversions whole (`conversions`)
        break_cycles(g, group)
        exactly(g, group, k, cap)
    gather_registered(g, group, k, cap)  # what one own decorator registers, whole (`registered_whole`)
    if carve(g, group, k, cap):  # a block of constants whole, its own module if shared (`constants`)
        break_cycles(g, group)
        exactly(g, group, k, cap)
    if pool_runs(g, group, k, cap):  # a run of helpers several modules share (`helper_runs`)
        break_cycles(g, group)
        exactly(g, group, k, cap)
    if unscatter(g, group, k, cap):  # far-apart stretches that read nothing of each other
        break_cycles(g, group)
        exactly(g, group, k, cap)
    return group
