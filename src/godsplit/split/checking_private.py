"""The facade's copy of an `if TYPE_CHECKING:` block that declares classes, functions or
aliases beside its imports (paho-mqtt's private TypedDicts `_InPacket`, `_OutPacket` and its
public `SocketLike` Protocol).

The facade keeps such a block whole: a type checker may import its public names from the
old module. A private declaration (`_InPacket`) that nothing the facade keeps reads is
another matter: the moved code that reads it has its own copy (render's `prune`), and in the
facade ruff reports it never used (PYI049 for a TypedDict, PYI046 a Protocol, PYI047 an
alias). The facade drops it, and the imports (or `try:` of imports) only dropped lines read.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from .analyze import Analysis
from .imports import bound_name, declared_names, filter_import_line, filter_type_checking, identifiers


def without_private(stmt: cst.If, keep: Collection[str], moved: Collection[str]
                    ) -> cst.If | None:
    """`stmt` (a mixed TYPE_CHECKING block) without its private declarations that moved
    code reads (`moved`: they have a copy there), no name in `keep` and no line it keeps;
    `stmt` itself when it drops none, None when it drops all. One nobody reads stays, as
    in the source."""
    body = stmt.body
    if stmt.orelse is not None or not isinstance(body, cst.IndentedBlock):
        return stmt
    lines = list(body.body)
    code = {id(line): cst.Module([]).code_for_node(line) for line in lines}
    readers = [line for line in lines if _imported(line) is None]
    dropped: set[int] = set()
    while True:  # `_A` read only by a dropped `_B` goes too
        new = {id(line) for line in readers if id(line) not in dropped and _private(line, keep, moved)
               and not (declared_names(line) or set()) & identifiers("".join(
                   code[id(other)] for other in readers
                   if other is not line and id(other) not in dropped))}
        if not new:
            break
        dropped |= new
    if not dropped:
        return stmt
    read_kept = identifiers("".join(code[id(r)] for r in readers if id(r) not in dropped))
    read_dropped = identifiers("".join(code[id(r)] for r in readers if id(r) in dropped))
    out: list[cst.BaseStatement] = []
    for line in lines:
        names = _imported(line)
        if id(line) in dropped:
            continue
        if names is None:
            out.append(line)
            continue
        gone = (names & read_dropped) - read_kept - set(keep)
        if gone == names:
            continue
        if gone and isinstance(line, cst.SimpleStatementLine):
            line = filter_import_line(line, names - gone) or line
        out.append(line)
    if not out:
        return None
    if out[0] is not lines[0]:  # the first line kept takes the block's first place
        out[0] = out[0].with_changes(leading_lines=())
    return stmt.with_changes(body=body.with_changes(body=out))


def checked_reads(analysis: Analysis, keep: Collection[str], moved: Collection[str]) -> set[str]:
    """The names read by the `if TYPE_CHECKING:` blocks the facade keeps whole (but for
    the private declarations `without_private` drops from them)."""
    out: set[str] = set()
    for unit in analysis.units:
        if unit.kind != "type_checking":
            continue
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if not isinstance(stmt, cst.If) or filter_type_checking(stmt, ()) is not stmt:
                continue
            kept = without_private(stmt, keep, moved)
            text = None if kept is stmt else identifiers(
                cst.Module([]).code_for_node(kept)) if kept is not None else set()
            out |= {r.name for r in unit.reads if text is None or r.name in text}
    return out


def _private(line: cst.BaseStatement, keep: Collection[str], moved: Collection[str]) -> bool:
    """Whether `line` declares only private names (`_InPacket`) that moved code reads,
    none of them in `keep`."""
    names = declared_names(line) if isinstance(line, (cst.ClassDef, cst.FunctionDef)) or (
        isinstance(line, cst.SimpleStatementLine)) else None
    return bool(names) and all(
        n.startswith("_") and not n.startswith("__") and n not in keep and n in moved
        for n in names or ())


def _imported(line: cst.BaseStatement) -> set[str] | None:
    """The names an import line or a `try:` made of imports binds; None for other lines."""
    if isinstance(line, cst.Try):
        return declared_names(line)
    if isinstance(line, cst.SimpleStatementLine) and line.body and all(
            isinstance(s, (cst.Import, cst.ImportFrom)) and not isinstance(s.names, cst.ImportStar)
            for s in line.body):
        return {bound_name(a) for s in line.body if isinstance(s, (cst.Import, cst.ImportFrom))
                and not isinstance(s.names, cst.ImportStar) for a in s.names}
    return None
