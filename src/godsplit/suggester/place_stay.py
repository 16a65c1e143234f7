"""A helper that code of its own group reads stays there (round 28).

`place.to_helpers` gives each helper (a definition the mapping does not list by name: a
module-level constant, a private function or class) to the group that reads it most, so a
helper that code of several groups reads left the group it was clustered with, and the
code there that uses it, for whichever group reads it a little more. The code that reads a
helper most is a weaker sign of where maintainers put it than that: over the sixty
historical splits of `benchmarks/maintainers`, a helper constant sits in the module of the
definition that reads it most 65% of the time (suggest's groupings: 94%), a private helper
function 84% (95%). So a helper moves only when nothing of its own group reads it, and then
to the group that reads it most, as before. No weight or threshold.
"""

from __future__ import annotations

from .graph import Graph


def stays(g: Graph, group: dict[int, int], n: int) -> bool:
    """Whether helper `n` stays in its group: code of that group other than itself reads
    it."""
    return any(r >= 0 and r != n and group[r] == group[n] and g.reads.get((r, n), 0.0) > 0.0
               for r in g.readers.get(n, ()))
