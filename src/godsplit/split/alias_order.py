"""The import check's GS425: each class and function is met first under the name it was.

`doctest.DocTestFinder` (and pytest's `--doctest-modules`) walks a module's namespace in
the order its names were bound and names an object's tests by the first name it meets:
rdflib 7.6's `_ContextType = Graph`, bound before `Graph` by the facade's sorted
re-exports, renamed the five `rdflib.graph.Graph...` doctests
`rdflib.graph._ContextType...`, and the check, which compared names and objects, said
"verified" (trial36). The probe records, for each name bound to a class or function of the
split's modules, the first name of its object (`probe_firsts.py`); a name both imports bind
whose object is met first under another name is this error. The facade binds the plain
aliases it can after its re-exports (`later_aliases.py`); what is left is refused.
"""

from __future__ import annotations

from ..types import Finding
from .verify import Snapshot

SHOWN = 5


def first_findings(before: Snapshot, after: Snapshot, path: str) -> list[Finding]:
    """GS425 for the objects bound under several names whose first name changed, naming
    the names now met first (at the first's binding; suggest keeps them in the old module,
    which binds them after the re-exports)."""
    changed = sorted(n for n in before.firsts
                     if n in after.firsts and before.firsts[n] != after.firsts[n])
    if not changed:
        return []
    pairs = sorted({(before.firsts[n], after.firsts[n]) for n in changed})
    shown = "; ".join(f"{was} is met first as {now}" for was, now in pairs[:SHOWN])
    more = f" and {len(pairs) - SHOWN} more" if len(pairs) > SHOWN else ""
    return [Finding(
        "GS425", "error", "after the split, importing the old module binds a class or function "
        f"under another of its names first: {shown}{more}; doctest's finder (pytest's "
        "`--doctest-modules`) names its tests by the first name, so their ids change: map the "
        "names to one module, or bind the alias as `A = B` after its class or function",
        path, 1, tuple(sorted({now for _, now in pairs})))]  # the names bound too early
