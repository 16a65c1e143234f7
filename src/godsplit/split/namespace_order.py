"""Who binds a name for kept code the facade may run before its re-exports.

`facade.needs_first` follows a kept unit's import-time reads to the units binding them. A
name no statement binds had none, so the unit counted as ready to run first. In a module
that binds names through its namespace, that name comes from the writer: regex 2024.11.6's
`_regex_core.py` runs `globals().update(RegexFlag.__members__)` (line 124), then
`_ALL_VERSIONS = VERSION0 | VERSION1` (line 128). Both stay in the old module; `RegexFlag`
moved, so the writer runs after the re-exports, and `_ALL_VERSIONS` (imported by a new
module) ran before it: NameError at import (GS406) after a plan with 0 errors, and suggest
ended with "no mapping without plan errors was found". Here every namespace writer above
the reader provides such a name, as it did in the source.
"""

from __future__ import annotations

from collections.abc import Callable

from .analyze import Analysis
from .namespace_bound import unbound, writes_namespace


def providers(analysis: Analysis) -> Callable[[int], list[int]]:
    """For a unit's id: the ids of the units binding what it reads at import time (their
    binders), and when it reads a name no statement binds and Python does not give, the
    units above it that may bind names through the module's namespace."""
    body = analysis.module.body
    writers = sorted({u.id for u in analysis.units for i in u.stmts
                      if i in analysis.namespace_stmts and writes_namespace(body[i])})

    def binders(uid: int) -> list[int]:
        unit = analysis.units[uid]
        found = [p for r in unit.reads if r.import_time for p in analysis.binders.get(r.name, ())]
        if writers and any(unbound(analysis.codes[i], analysis.binders) for i in unit.stmts):
            found += [w for w in writers if analysis.units[w].first < unit.first]
        return found

    return binders
