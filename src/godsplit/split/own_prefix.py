"""Names starting with `_godsplit` are godsplit's own: the code it writes into the facade
and the new modules binds them (`_godsplit_sys`, `_GODSPLIT_MODULES`, `_GodsplitFacade`),
and the import check leaves them out of what it compares. A source binding one would have
it overwritten by that code, and compared by nobody: its live facade failed to import with
"AttributeError: 'str' object has no attribute 'modules'" (`_godsplit_sys = "..."` in the
source), reported as the module's own failure (round 32, trial33). It is refused before
planning, at the statement binding it.
"""

from __future__ import annotations

from ..types import GodsplitError
from .analyze import Analysis
from .imports import identifiers


def check_own_prefix(analysis: Analysis) -> None:
    """Raise GodsplitError at the first top-level statement binding a name godsplit's code
    uses (any case of `_godsplit`); one the module deletes again (`del`) is gone by the time
    godsplit's code runs (keep-module-name's helper in a module godsplit wrote)."""
    gone = analysis.deleted_names
    for unit in sorted(analysis.units, key=lambda u: u.first):
        names = sorted(n for n in unit.binds if n.lower().startswith("_godsplit")
                       and n not in gone)
        if not names:
            continue
        index = next((i for i in unit.stmts if names[0] in identifiers(analysis.code(i))),
                     unit.first)
        raise GodsplitError(
            f"binds {', '.join(names)}: names starting with `_godsplit` are godsplit's own "
            "(the code it writes into the facade and the new modules binds them, and the "
            "import check leaves them out): rename it", analysis.path,
            analysis.code_line(index))
