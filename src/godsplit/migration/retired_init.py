"""What `retire` leaves of a package facade's `__init__.py`: its docstring, header, the code
kept there on purpose and the imports that code reads, without re-exports, `__all__` or
godsplit's machinery and marker comment (split out of `retire.py`, by role)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from ..split import imports
from ..split.analyze import Analysis
from ..split.render import MARKER
from .isort_fences import is_fence, without_empty_fences


def _machinery(analysis: Analysis, unit_id: int) -> bool:
    unit = analysis.units[unit_id]
    names = unit.binds | {r.name for r in unit.reads}
    return any(n.lower().startswith("_godsplit") for n in names)


def kept_units(analysis: Analysis) -> list[int]:
    """Units of the facade's own code: not its imports, `__all__`, docstring or godsplit's."""
    kept = []
    for unit in analysis.units:
        if unit.kind in ("docstring", "future", "import", "type_checking"):
            continue
        if _machinery(analysis, unit.id) or unit.binds == {"__all__"}:
            continue
        kept.append(unit.id)
    return kept


def plain_dunders(analysis: Analysis, unit_id: int) -> bool:
    """`__version__ = "1.0"`, or a module `__getattr__`/`__dir__`: nothing is lost with the
    old file once nothing imports it (unlike a `__main__` block or a statement run for
    its effect)."""
    unit = analysis.units[unit_id]
    names = unit.binds
    return unit.kind == "facade" and bool(names) and all(
        n.startswith("__") and n.endswith("__") for n in names)


def unmarked(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """`lines` without godsplit's marker comment, and the lines it wraps onto (`# godsplit:
    facade: the code lives in the modules of` / ``# `pkg.big` now.``)."""
    kept, marker = [], False
    for line in lines:
        comment = line.comment.value if line.comment else None
        marker = comment is not None and (marker or comment.startswith(MARKER))
        kept += [] if marker else [line]
    return kept


def _strip_marker(node: cst.BaseStatement) -> cst.BaseStatement:
    return node.with_changes(leading_lines=unmarked(getattr(node, "leading_lines", ())))


def retired_init(analysis: Analysis, kept: list[int]) -> str:
    """The package's `__init__.py` without the facade: docstring, header, the kept code and
    the imports it reads."""
    module = analysis.module
    reads = {r.name for uid in kept for r in analysis.units[uid].reads}
    body: list[cst.BaseStatement] = []
    gap = False  # a blank line stood before a dropped statement

    def keep(stmt: cst.BaseStatement) -> None:
        nonlocal gap
        stmt = _strip_marker(stmt)
        leading = list(getattr(stmt, "leading_lines", ()))
        if gap and body and not any(line.comment is None for line in leading):
            stmt = stmt.with_changes(leading_lines=[cst.EmptyLine(), *leading])
        gap = False
        body.append(stmt)

    for unit in analysis.units:
        keep_unit = unit.id in kept or unit.kind == "docstring" or (
            unit.kind == "future" and kept)
        for index in unit.stmts:
            stmt = module.body[index]
            chosen: cst.BaseStatement | None = stmt if keep_unit else None
            if unit.kind in ("import", "type_checking") and kept and not _machinery(
                analysis, unit.id
            ):
                chosen = imports.filter_import_line(stmt, reads) if isinstance(
                    stmt, cst.SimpleStatementLine) else (stmt if unit.binds & reads else None)
            if chosen is not None:
                keep(chosen)
            else:
                gap = gap or any(line.comment is None
                                 for line in getattr(stmt, "leading_lines", ()))
    header = unmarked(module.header)
    if not body and not any(line.comment and not is_fence(line.comment.value) for line in header):
        return ""
    return without_empty_fences(module.with_changes(header=header, body=body).code.strip("\n") + "\n")
