"""A helper that code of its own group reads stays there (round 28).

`place.to_helpers` gives each helper (a definition the mapping does not list by name: a
module-level constant, a private function or class) to the group that reads it most. A
helper that code of several groups reads then left the group it was clustered with for
whichever group reads it a little more, though code beside it still used it. Maintainers
move a shared constant or helper only when nothing where it is uses it: over the sixty
historical splits of `benchmarks/maintainers`, a helper constant sits in the module of the
definition that reads it most 65% of the time (suggest 94%), and beside its neighbours
in the file 80%. So a helper stays while code of its own group reads it, and follows the
group that reads it most only when none does (the shared module's members aside, as
before). No weight or threshold.
"""

from __future__ import annotations

from .graph import Graph


def stays(g: Graph, group: dict[int, int], n: int) -> bool:
    """Whether helper `n` stays in its group: code of that group other than itself reads
    it."""
    return any(r >= 0 and r != n and group[r] == group[n] and g.reads.get((r, n), 0.0) > 0.0
               for r in g.readers.get(n, ()))
