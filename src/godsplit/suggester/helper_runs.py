"""With `--modules K`: a run of private helpers that several modules share is a module of
its own (round 35).

A file's author often writes its private helpers one after another, at the end of the
file or under a banner: pandapower's `create.py` ends with 17 of them (`_check_element`,
`_not_nan`, `_set_entries`...), each called by many of the `create_*` functions. Its
maintainers moved them whole to `pandapower/create/_utils.py`, which every `*_create`
module imports; gevent's `monkey.py` helpers became `_util`, pvlib's fitting helpers
`_fit_desoto_pvsyst_sandia`. Suggest had given each helper to the module calling it most
(`place.to_helpers`), so pandapower's 17 went to seven modules.

A run is RUN or more private functions in a row (file order, nothing else between them,
a section banner or not). It goes to the file's helpers module when it is common ground:
read from two or more other modules, and most of its helpers (each) read from two or
more. A run whose helpers each serve one module (a module's own helpers written together)
stays as placed, each with its reader. All the file's common runs make one module
(pandapower's two, 9 checks and 6 setters with a public `try_astype` between them: one
`_utils`). As `constants.carve` does for a block of constants, the module made for them
is made up for by merging the two closest other groups; import-time cycles are then
broken and exactly K made again, by the caller.
"""

from __future__ import annotations

from .constants import merge_others
from .graph import Graph
from .place import SHARED

RUN = 5  # private functions in a row, at least, make a run (as `constants.RUN`)


def _helper(g: Graph, n: int) -> bool:
    node = g.nodes[n]
    return node.kind == "function" and not node.public


def runs(g: Graph) -> list[list[int]]:
    """Runs of at least RUN private functions one after another in file order."""
    out: list[list[int]] = []
    run: list[int] = []
    for n in sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line):
        if _helper(g, n):  # (across a banner too: pandapower's `# --- checks` and `# --- setters`)
            run.append(n)
            continue
        if len(run) >= RUN:
            out.append(run)
        run = [n] if _helper(g, n) else []
    if len(run) >= RUN:
        out.append(run)
    return out


def common(g: Graph, group: dict[int, int], run: list[int]) -> bool:
    """True when `run` is several modules' common ground: read from two or more groups
    besides itself, and most of its helpers each read from two or more."""
    inside = set(run)

    def readers(members: list[int]) -> set[int]:
        return {group[r] for n in members for r in g.readers.get(n, ())
                if r >= 0 and r not in inside and group[r] != SHARED}

    shared = sum(len(readers([n])) >= 2 for n in run)
    return len(readers(run)) >= 2 and 2 * shared > len(run)


def pool_runs(g: Graph, group: dict[int, int], k: int, cap: int) -> bool:
    """The runs of private helpers that are common ground (`common`) together in one group
    of their own, the file's helpers module; the module made for them made up for by
    merging the two closest other groups. True when a node moved."""
    pooled = [n for run in runs(g) if all(group[n] != SHARED for n in run)
              and common(g, group, run) for n in run]
    if not pooled or sorted(n for n in group if group[n] == group[pooled[0]]) == sorted(pooled):
        return False  # none; or a group of their own already
    fresh = max(group.values()) + 1
    for n in pooled:
        group[n] = fresh
    merge_others(g, group, k, cap, {fresh})
    return True
