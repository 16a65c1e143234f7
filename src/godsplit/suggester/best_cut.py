"""With `--modules K`, which group is halved when one more module is needed (round 29).

`place.exactly` makes exactly K modules. When the merging left fewer (groups of helpers
only dissolve into the groups that read them, families are gathered), a group is cut in
two. It used to be the largest group listing two or more definitions by name. The largest
is often the most cohesive one: poetry's `env.py`, whose merging stopped at eleven groups
of which six held only script strings, halved the group of its six exception classes and
their manager again and again (the exceptions ended in four modules, the maintainers keep
them in one), while groups holding two loosely tied topics stayed whole.

Now every candidate group is cut as before (`cluster.halve`, by layers when the halves
would read each other in a cycle: `layers.layered`), and the cut taken is the one the
merging's own objective scores highest: the reads the cut parts cost least against what
chance would put between the halves and the balance of sizes (`cluster.objective`, here as
the change that one cut makes). A large group still tends to be cut, since its halves
weigh most in the balance; a family whose members read each other is cut only when
nothing else is looser. Only groups whose members read one another are candidates when
any is: a group the merging joined for lying side by side in the file, with no read
between its members, has no cut the reads can judge (its cost is always nil), and
pylint's three `report_*` functions would be parted for that alone.
"""

from __future__ import annotations

from .cluster import BALANCE, RESOLUTION, halve
from .graph import Graph
from .layers import layered
from .whole import unpart


def _degree(g: Graph) -> tuple[dict[int, float], float]:
    """Each node's weighted degree in the affinity graph, and the total affinity."""
    degree: dict[int, float] = {}
    for (a, b), w in g.weights.items():
        degree[a] = degree.get(a, 0.0) + w
        degree[b] = degree.get(b, 0.0) + w
    return degree, sum(g.weights.values())


def gain(g: Graph, upper: list[int], lower: list[int], degree: dict[int, float],
         total: float, lines: float) -> float:
    """How much cutting `upper + lower` into the two raises the merging's objective
    (`cluster.objective` over the whole file): the affinity lost between the halves,
    against what chance would put there and the balance cost of keeping them together."""
    if not total:
        return BALANCE * g.size(upper) * g.size(lower) / (lines * lines)
    da = sum(degree.get(n, 0.0) for n in upper)
    db = sum(degree.get(n, 0.0) for n in lower)
    return (-g.weight(upper, lower) / total + RESOLUTION * da * db / (2 * total * total)
            + BALANCE * g.size(upper) * g.size(lower) / (lines * lines))


def read_inside(g: Graph, members: list[int]) -> bool:
    """Whether a member of the group reads another one."""
    inside = set(members)
    return any(r in inside and p in inside and r != p for r, p in g.reads)


def best_cut(g: Graph, parts: dict[int, list[int]], keys: list[int], cap: int
             ) -> tuple[int, list[int]]:
    """Of the groups `keys` (each of two or more nodes), the one whose cut in two raises
    the objective most, and the half that becomes a module of its own (the lower layer,
    when the cut is by layers). Ties go to the largest group, then the first."""
    joined = [k for k in keys if read_inside(g, parts[k])] or keys
    degree, total = _degree(g)
    lines = float(g.size(range(len(g.nodes))) or 1)
    options = []
    for k in joined:
        upper, lower = layered(g, parts[k], halve(g, parts[k], cap))[:2]
        upper, lower = unpart(g, upper, lower)  # a block of constants stays whole (`whole`)
        options.append((-gain(g, upper, lower, degree, total, lines), -g.size(parts[k]), k,
                        lower))
    *_, k, lower = min(options)
    return k, lower
