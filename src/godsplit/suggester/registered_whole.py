"""With `--modules K`: each family of functions one of the file's decorators registers is
whole in one module (`registered` finds them; round 38).

The families are gathered once K groups are chosen, into the group that holds most of
each, rather than made one piece before the merging: as one piece, weasyprint's 90
validators drew into their group the expanders that read them and the helpers they read
(ARI 0.43 to 0.12, as low as file order), and qcodes' four upgrade steps drew the
whole file into one module (0.17 to -0.04). Where the gathering leaves fewer than K
groups, the largest is halved as ever (`place.exactly`), with each family one piece.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .graph import Graph
from .place import SHARED, break_cycles, exactly, groups_of, to_helpers


def gather_registered(g: Graph, group: dict[int, int], k: int, cap: int) -> bool:
    """Each family whole, in the group holding most of it (the first in the file on a
    tie), where it fits under `cap`; then helpers with their readers and exactly `k`
    groups again, each family one piece wherever a group is halved. True when a node
    moved."""
    parts = groups_of(group)
    moved = False
    for family in g.registers:
        members = [n for n in family if group[n] != SHARED]
        held = Counter(group[n] for n in members)
        if not held:
            continue
        first = {x: min(g.nodes[n].line for n in members if group[n] == x) for x in held}
        target = min(held, key=lambda x: (-held[x], first[x]))
        moving = [n for n in members if group[n] != target]
        if moving and g.size(parts[target]) + g.size(moving) <= cap:
            for n in moving:
                group[n] = target
            parts, moved = groups_of(group), True
    if moved:  # a family is one piece where a group is halved, as a workflow is
        bound = replace(g, near=g.near, composes={**g.composes, **{
            f[0]: sorted({*g.composes.get(f[0], []), *f[1:]}) for f in g.registers}})
        to_helpers(bound, group)
        break_cycles(bound, group)
        exactly(bound, group, k, cap)
    return moved
