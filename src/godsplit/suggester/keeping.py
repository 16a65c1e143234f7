"""The last repair of a suggestion: code that cannot move stays in the old module (`keep`).

Some code can only run where it is: it compares its module's name with the old one
(GS117), writes or reads the module's namespace (GS122), is read at import time before a
module it needs has bound it (GS112), or changes, at import time, an object that code in
other modules changes too (GS121, GS124). Regrouping cannot fix those (dill's `_dill.py`:
suggest found no mapping without errors). Keeping the definitions the errors point at in
the old module is what a person does with them (`keep = [...]`), and the old module is
where the code was: the plan is made again with them kept, until it is clean or no error
points at a definition that could still be kept.
"""

from __future__ import annotations

import re

from ..split.analyze import Analysis
from ..types import Plan

# errors regrouping handles (cycles, sizes), and what keeping cannot fix
NOT_KEPT = frozenset({"GS104", "GS105", "GS106", "GS107"})


_LINES = re.compile(r"(?:\blines? |, )(\d+)\b")  # "at line 588", "lines 575 (a), 589 (b)"
_STAYS = re.compile(r"^'([^']+)' stays in the old module but")  # GS112


def keep_more(analysis: Analysis, plan: Plan, kept: set[str]) -> bool:
    """Add to `kept` the names bound by the definitions the plan's errors point at (their
    line and the lines their message names), and by those reading at import time a name
    that stays (GS112); False if none is new (nothing more to try)."""
    before = len(kept)
    for finding in plan.errors:
        if finding.code in NOT_KEPT or finding.path != str(analysis.path):
            continue
        lines = {finding.line, *(int(n) for n in _LINES.findall(finding.message))}
        stays = _STAYS.match(finding.message)
        for unit in analysis.units:
            if unit.kind != "definition":
                continue
            at = any(unit.line <= line < unit.line + max(unit.lines, 1) for line in lines)
            reads = stays is not None and any(r.name == stays.group(1) and r.import_time
                                              for r in unit.reads)
            if at or reads:
                kept |= {n for n in unit.binds if not n.startswith("__")}
    return len(kept) > before
