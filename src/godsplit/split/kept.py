"""GS118: a split that leaves most of the source's code in the old module.

Code that finds its own module (`globals()`, generated `_pb2` blocks), what only kept code
uses, and statements that define nothing stay in the old module. When that is most of the
file the split is valid but hardly worth making, and the user should hear it from the plan,
not from the line counts."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

from ..types import FACADE, Finding, SplitConfig
from .analyze import Analysis

CODE_KINDS = ("definition", "facade", "effect")


def kept_most(analysis: Analysis, module_of: Mapping[int, str], split: SplitConfig) -> list[Finding]:
    """GS118 when the old module would keep more lines of code than the new modules get.
    Names the user keeps there on purpose (`keep`) are not counted."""
    moved = kept = on_purpose = 0
    units = []
    for unit in analysis.units:
        if unit.kind not in CODE_KINDS:
            continue
        if module_of.get(unit.id, FACADE) != FACADE:
            moved += unit.lines
        elif not any(fnmatch.fnmatchcase(n, k) for n in unit.binds for k in split.keep):
            kept += unit.lines
            units.append(unit)
        else:
            on_purpose += unit.lines
    if not moved or kept <= moved:
        return []
    largest = sorted(units, key=lambda u: (-u.lines, u.line))[:3]
    listed = "; ".join(f"{_names(u.binds)} (line {u.line}, {u.lines} lines)" for u in largest)
    # (what `keep` names stays too: the count must not read as all that stays)
    besides = f" besides the {on_purpose} lines `keep` names" if on_purpose else ""
    return [Finding(
        "GS118", "warning", f"the split moves {moved} lines and leaves {kept} lines of code "
        f"in the old module{besides}, the largest kept: {listed}. Code that uses its own module "
        "(`globals()`, `sys.modules`), module dunders and `__main__` blocks, statements that "
        "define nothing, and what only they use stay there: this split gains little",
        str(split.source), largest[0].line,
    )]


def _names(binds: frozenset[str]) -> str:
    if not binds:
        return "a statement"
    names = sorted(binds)
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more
