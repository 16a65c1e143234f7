"""The moved definition whose late call changed what the import check says changed (GS408).

A statement that binds nothing joins the latest definition it reads (`split.analyze`) and
moves with it. A bare call far below its definition then runs earlier than it did: in the
definition's new module, before the definitions the source made between them. scapy's
`contrib/pfcp.py` ends with `IE_UE_IP_Address(SD=0, V4=0, V6=0, spare=0)`; making an
`IE_*` instance rewrites a field default the `IE_*` classes share, and each class records
it in its signature as it is made. Moved with its class, the call ran before 102 classes
were made, and the import check found their signatures changed (GS408). Keeping the 102
changed classes did not help (the call still ran before them), and suggest proposed no
mapping at all.

So, when GS408 names changed classes or functions, the moved definitions carrying a bare
call that the source ran after one of them are kept instead: the call then stays in the
old module, in the source's order, and the check is run again.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from ..split.analyze import Analysis


def _bare_call(stmt: cst.BaseStatement) -> bool:
    """`f(...)` or `obj.method(...)` as a statement: its effects are the call's, unknown."""
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) for small in stmt.body)


def late_callers(analysis: Analysis, changed: Collection[str],
                 stay: Collection[str] = ()) -> list[str]:
    """The names of the definitions (not in `stay`) carrying a bare call that the source
    runs after the first statement of a definition binding one of `changed`."""
    firsts = {analysis.units[i].first for name in changed
              for i in analysis.binders.get(name, ())}
    kept = set(stay)
    out: list[str] = []
    for unit in analysis.units:
        if unit.kind != "definition" or not unit.binds or unit.binds & kept:
            continue
        calls = [i for i in unit.stmts[1:] if _bare_call(analysis.module.body[i])]
        if any(f < i and f not in unit.stmts for i in calls for f in firsts):
            out.extend(sorted(unit.binds))
    return out
