"""With `--modules K`: K modules listed, even when planning empties one (round 30).

`choose` makes exactly K groups, the shared one included, before any plan. Planning can
then keep every name of a group in the old module (`keeping`: code that cannot move, and
what reads it at import time: PuLP's `solvers.py`, where everything reading the
configuration read by an `if __name__ != "__main__":` block stays). A group left with no
name to move gets no entry, so the suggestion listed fewer modules than the K asked for,
although the help promises K. The modules are what the user asked for; the group that
emptied is refilled as a person asked for one more module would: by cutting the largest
module listed in two (its cohesive halves, never through a block: `repair.cut`), and the
mapping is planned again. If that plan cannot be made clean, the clean plan before it
stands, with fewer modules and a note saying why (`core.suggest`).
"""

from __future__ import annotations

from .graph import Graph
from .indivisible import Block
from .repair import cut


def refill(g: Graph, group: dict[int, int], listed: dict[str, list[int]], k: int,
           shared: str, budget: int, found: tuple[Block, ...] = ()) -> bool:
    """Cut the largest modules of `listed` (module -> the nodes it moves, the modules the
    mapping lists) that hold two definitions or more, one for each module short of `k`,
    the shared module last (it holds what several modules need: halved, both halves are
    still needed by them). False if none could be cut."""
    short = k - len(listed)
    if short <= 0:
        return False
    order = sorted((name for name, nodes in listed.items() if len(nodes) > 1),
                   key=lambda name: (name == shared, -g.size(listed[name]), name))
    changed = False
    for name in order[:short]:
        changed |= cut(g, group, [listed[name]], budget, found)
    return changed
