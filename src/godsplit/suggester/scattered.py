"""With `--modules K`: a group the merging pooled from far-apart stretches of the file
that do not read each other is cut at the gap (round 33, tune34c).

Maintainers cut a god file into stretches: a module's definitions sit together in the
file, and two runs of definitions a module's worth of lines apart, with other modules'
code between them and no read from one to the other, were rarely one module of theirs.
The merging can pool such runs all the same, on what their names share or on a family tie
through a base that everyone reads: holidays' country classes from the two ends of the
file, dulwich's porcelain functions of one word, scons' and borg's helpers, Ibis'
operations. Where a group's definitions are parted by at least the average module's lines
of other groups' definitions, and no call or import-time read joins the group's
definitions before the gap to those after it (a read of a definition that three or more
groups read does not count: such a helper, or a base of everything, belongs to no
stretch), the group is cut there, when the run after the gap holds two or more
definitions (one far-away definition is kept where its ties put it: a family member
defined late, sqlfluff's `ContainsOnly`). The pieces are then merged, closest first
(`place.closest`'s affinity for their lines), until there are K groups again, never a
piece back with a piece of the group it was cut from.

Measured before planning, `choose` on all 129 cases of `benchmarks/maintainers`: mean F1
0.626 to 0.630, 94 to 97 beating file order; holidays 0.70 to 0.97, scons-util 0.47 to
0.60, dulwich-porcelain 0.63 to 0.72, ibis-operations 0.54 to 0.61, borg-helpers 0.27 to
0.34; lower: python-gitlab-objects 0.58 to 0.50, petl-io 0.78 to 0.73, beets-commands 0.88
to 0.84. No weight or fitted threshold: the gap is the average module, a read any call.
"""

from __future__ import annotations

from .graph import Graph
from .place import SHARED, groups_of

CALL = 1.0  # a read this strong or stronger joins two stretches (not an annotation's)
EVERYONE = 3  # a definition read by this many groups or more joins no stretches


def _joined(g: Graph, group: dict[int, int], before: set[int], after: set[int]) -> bool:
    """Whether a call or import-time read, not of a definition everyone reads, joins
    `before` and `after`."""
    for (r, p), strength in sorted(g.reads.items()):
        if r < 0 or strength < CALL:
            continue
        if not ((r in before and p in after) or (r in after and p in before)):
            continue
        if len({group[x] for x in g.readers.get(p, ()) if x >= 0}) < EVERYONE:
            return True
    return False


def cut_scattered(g: Graph, group: dict[int, int], k: int) -> dict[int, int]:
    """Cut each group at its gaps (an average module's lines or more of other groups'
    definitions, no read across) whose later run holds two or more definitions; `group`
    gets the pieces' new ids. Returns piece -> the group it was cut from (every group,
    cut or not, maps to itself)."""
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    average = g.size(range(len(g.nodes))) / max(k, 1)
    before = dict(group)
    origin = {gid: gid for gid in groups_of(group)}
    fresh = max(group.values()) + 1
    for gid, members in sorted(groups_of(before).items()):
        if gid == SHARED or len(members) < 2:
            continue
        mine, seen = set(members), set[int]()
        foreign, current = 0, gid
        for n in order:
            if n not in mine:
                if seen and before[n] != SHARED:
                    foreign += g.nodes[n].lines
                continue
            if seen and foreign >= average and not _joined(g, before, seen, mine - seen):
                current, fresh = fresh, fresh + 1
                origin[current] = gid
            group[n] = current
            seen.add(n)
            foreign = 0
    parts = groups_of(group)
    for piece, gid in sorted(origin.items()):
        if piece != gid and len(parts[piece]) < 2:  # one far-away definition: not a stretch
            for n in parts[piece]:
                group[n] = gid
            del origin[piece]
    return origin


def unscatter(g: Graph, group: dict[int, int], k: int, cap: int) -> bool:
    """Cut the scattered groups (`cut_scattered`) and merge the pieces back to `k` groups,
    the closest first (within `cap` lines when a pair fits), a piece never with a piece of
    its own group. True if the grouping changed."""
    start = dict(group)
    origin = cut_scattered(g, group, k)
    while len(parts := groups_of(group)) > k:
        named = sorted(p for p in parts if p != SHARED)
        pairs = [(size > cap, -g.weight(parts[a], parts[b]) / size, a, b)
                 for i, a in enumerate(named) for b in named[i + 1:]
                 if origin[a] != origin[b]
                 for size in [g.size(parts[a]) + g.size(parts[b])]]
        if not pairs:
            break
        *_, a, b = min(pairs)
        for n in parts[b]:
            group[n] = a
        joined, into = origin[b], origin[a]
        for piece, was in list(origin.items()):
            if was == joined:
                origin[piece] = into
    return group != start
