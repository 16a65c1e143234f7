"""GS121 for reads a function makes when top-level code runs it (`Read.runners`).

`x = 1`, `def f(): return x`, `y = f()`, `x = 2`: `f` reads `x` when `y = f()` runs, so
`y` is 1. With `y` in another module than `f` and `x`, that module imports `f` from a
module already done: `f` reads the last value, 2, and `y` changes with nothing to show it
(the import check compares names and kinds, not values). `bindings.rebound_after_read`
takes the reads a unit makes itself; this takes those its runners make happen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .bindings import bindings, rebound_after_read
from .changes import may_change

if TYPE_CHECKING:
    from .assign import Assignment


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module


def run_reads_rebound(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS121: a function that top-level code runs reads a name the module binds or changes
    again after that code, and the code runs from another module than the one the function
    reads the name in, or the name's bindings are elsewhere: the run would read the last
    value."""
    findings: list[Finding] = []
    seen: set[tuple[int, str]] = set()
    by_id = {u.id: u for u in analysis.units}
    for unit in analysis.units:
        where = assignment.module_of.get(unit.id)
        if where is None:
            continue
        for read in unit.reads:
            if not read.import_time or read.annotation_only or not read.runners:
                continue
            seq = bindings(analysis, assignment, read.name, where)
            homes = {assignment.module_of[u.id] for u in seq if u.id in assignment.module_of}
            if not homes:
                continue  # imports alone are copied where they are read, in source order
            for rid in sorted(read.runners):
                runner, ran_from = by_id.get(rid), assignment.module_of.get(rid)
                if runner is None or ran_from is None or (ran_from == where and homes == {where}):
                    continue  # one module: source order is kept
                if ran_from in homes and ran_from != where:
                    continue  # it would import the reader mid-way, a cycle GS104 takes
                if not any(u.first < runner.first for u in seq):
                    continue  # bound only later: the source could not have run it then
                later = sorted(i for u in seq if u.id != rid and u.id not in analysis.star_imports
                               for i in u.stmts if i > runner.first and (
                                   i == u.first or may_change(analysis.module.body[i], read.name)))
                if not later or (rid, read.name) in seen:
                    continue
                seen.add((rid, read.name))
                home = ", ".join(sorted(_label(h) for h in homes))
                findings.append(Finding(
                    "GS121", "error", f"this code runs {_names(unit)} at import time, which "
                    f"reads {read.name!r}, bound or changed again at line "
                    f"{analysis.code_line(later[0])}; from {_label(ran_from)}, the run would "
                    f"get the last value of {read.name} from {home}: map this with "
                    f"{read.name} and {_names(unit)}", str(analysis.path), runner.line,
                ))
    return findings


def rebound_reads(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS121, for reads a unit makes and for those the code running it makes."""
    return rebound_after_read(analysis, assignment) + run_reads_rebound(analysis, assignment)


def _names(unit: Unit) -> str:
    return ", ".join(sorted(unit.binds)) or f"the code at line {unit.line}"
