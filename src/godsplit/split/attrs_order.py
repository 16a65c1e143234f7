"""Kept attrs classes run where their `__init__` sees the names it saw (GS144).

attrs writes a class's `__init__` with globals copied from its module's namespace when the
class is made (`init_snapshots`), so `get_type_hints(C.__init__)` resolves, or raises
NameError on the first annotation name not bound yet. A class kept in the old module is
made in the facade, which runs kept code in two groups: before the re-exports (`early`:
what new modules import, when it can run there) and after them, in source order. Neither
group is the old module's half-built namespace: early, a moved class the old file defined
above it is not bound yet (trio's `Task` reads `Nursery`); late, every moved name is,
below it too (trio's `CancelStatus` reads `CancelScope`, defined further down).

Here each kept attrs class goes to the group where the first annotation name the facade
lacks when it is made is the one the old module lacked (or none in both): before the
re-exports with the kept code it needs there (`needs_first`: when none of it reads a moved
name at import time), or after them (`after_blocks`: with the early code that reads it at
import time). Where neither group gives that, nothing moves and the plan refuses (GS144,
which reads the written facade).
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from ..types import FACADE
from .analyze import Analysis
from .assign import Assignment
from .facade import late_names, needs_first, reexported
from .init_snapshots import hint_reads, run_time_binds
from .late_blocks import after_blocks
from .layout import Layout
from .render import first_definition


def _missing(reads: tuple[str, ...], bound: Collection[str]) -> str | None:
    return next((name for name in reads if name not in bound), None)


def attrs_order(analysis: Analysis, assignment: Assignment, layout: Layout,
                early: set[int]) -> tuple[set[int], set[str]]:
    """`early` (kept code run before the re-exports) with each kept attrs class in the group
    that gives its `__init__` the old outcome; and the names the kept code after the
    re-exports binds."""
    found = hint_reads(analysis.source.text) if "attr" in analysis.source.text else {}
    kept = {u.id: u for u in analysis.units if assignment.module_of.get(u.id, FACADE) == FACADE}
    classes = {uid: found[name] for name in found for uid in analysis.binders.get(name, ())
               if uid in kept and kept[uid].kind not in ("import", "type_checking")}
    if not classes:
        return early, late_names(analysis, assignment, early)
    first_def = first_definition(analysis)
    binds = {u.id: run_time_binds("".join(analysis.code(i) for i in u.stmts)) if any(
        isinstance(analysis.module.body[i], (cst.If, cst.Try, cst.TryStar)) for i in u.stmts)
        else set(u.binds) for u in analysis.units}  # (an `if TYPE_CHECKING:`'s `else`)
    head: set[str] = set()  # the source's import block, as the facade renders it first
    guarded = False
    for unit in sorted(kept.values(), key=lambda u: u.first):
        if unit.first < first_def and unit.kind in (
                "import", "future", "type_checking", "effect", "facade"):
            guarded |= analysis.binds_guard(unit)  # it and the TYPE_CHECKING blocks below
            if not (analysis.binds_guard(unit) or (guarded and unit.kind == "type_checking")):
                head |= binds[unit.id]  # (those come after the re-exports)
    moved = {n for m in assignment.modules for n in reexported(analysis, assignment, m)} & {
        n for u in analysis.units if u.id not in kept for n in binds[u.id]}  # (at run time)
    moved |= set(layout.facade_attributes(assignment.modules))  # `from .m import`: binds m
    needed = needs_first(analysis, assignment)

    def outcome(uid: int, before: set[int]) -> str | None:
        """The first name `uid`'s annotations read that the facade lacks when it runs, with
        `before` the units run before the re-exports (in source order; the rest after)."""
        at, early_too = kept[uid].first, uid in before
        ran = [u for u in kept.values() if (
            u.id in before and u.first < at if early_too else u.id in before or u.first < at)]
        bound = head | {n for u in ran for n in binds[u.id]} | (set() if early_too else moved)
        return _missing(classes[uid][0], bound)

    def kept_as_was(uid: int, before: set[int]) -> bool:
        return outcome(uid, before) == classes[uid][1]

    for uid in sorted(classes, key=lambda u: kept[u].first):
        if kept_as_was(uid, early):
            continue
        if uid in early:  # after the re-exports, with the early code reading it
            trial, _ = after_blocks(analysis, early, [uid])
        elif (need := needed(uid)) is not None:  # before them, with the kept code it needs
            trial = early | need
        else:
            continue
        if kept_as_was(uid, trial) and all(kept_as_was(other, trial) for other in classes
                                           if other != uid and kept_as_was(other, early)):
            early = trial  # and no other class loses its outcome
    return early, late_names(analysis, assignment, early)
