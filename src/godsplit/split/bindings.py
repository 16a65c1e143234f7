"""Which top-level bindings of a name decide the value moved code reads.

A name the old module binds more than once (`import json`, `json = None`, `try: import
json` ... `except ImportError: pass`) has the value of the last binding that surely ran,
and of every binding after it that may have run. Moved code must see that value: a new
module that reads the name copies those imports (in source order, so a later one runs
later), or imports the name from the module holding the definitions among them, which
copies the imports that follow its definitions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .alias_reads import rebinding_only
from .analyze import Analysis, Unit
from .changes import may_change
from .classify import sure_names
from .imports import identifiers
from .main_guards import is_main_block
from .namespace_bound import unbound, writes_namespace
from .nodes import target_names, walk

if TYPE_CHECKING:
    from .assign import Assignment


def surely(analysis: Analysis, unit: Unit, name: str) -> bool:
    """Whether every run of `unit` binds `name` afresh (`classify.sure_names`)."""
    return any(name in sure_names(analysis.module.body[i]) for i in unit.stmts)


def declares_only(analysis: Analysis, unit: Unit, name: str) -> bool:
    """Whether `unit` only annotates `name` (`cffi: ModuleType | None`), binding nothing."""
    declared = False
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.SimpleStatementLine):
            return False
        for small in stmt.body:
            if isinstance(small, (cst.Import, cst.ImportFrom)):
                return False
            targets = (
                [t.target for t in small.targets]
                if isinstance(small, cst.Assign)
                else [getattr(small, "target", None)]
            )
            if name in set().union(*map(target_names, targets)):
                if not (isinstance(small, cst.AnnAssign) and small.value is None):
                    return False
                declared = True
    return declared


def bindings(analysis: Analysis, assignment: Assignment, name: str, module: str) -> list[Unit]:
    """The units that bind `name` when the module is imported, in source order: not a
    `TYPE_CHECKING` block, an annotation alone, a function's `global` rebinding (it binds
    at call time), nor a `__main__` block outside `module` (only a script run binds it).
    A star import after a definition may rebind its name (`def join`, then `from
    os.path import *`); after an import only when godsplit reads that it binds the name
    to something else (`star_exports`)."""
    out: list[Unit] = []
    for uid in analysis.binders.get(name, ()):
        unit = analysis.units[uid]
        if unit.kind in ("type_checking", "future") or name not in unit.binds:
            continue
        if declares_only(analysis, unit, name):
            continue
        if is_main_block(analysis.module.body[unit.first]) and assignment.module_of.get(unit.id) != module:
            continue
        out.append(unit)
    first = min((u.first for u in out if u.kind != "import"), default=len(analysis.module.body))
    out += [analysis.units[uid] for uid in analysis.star_imports  # it may rebind the name
            if analysis.units[uid].first > first or name in analysis.star_rebinds.get(uid, ())]
    return sorted(out, key=lambda u: u.first)


def deciding(analysis: Analysis, assignment: Assignment, name: str, module: str) -> list[Unit]:
    """The bindings that decide the value code reads once the module is imported: from the
    last one that surely binds `name`, on."""
    seq = bindings(analysis, assignment, name, module)
    start = max((i for i, u in enumerate(seq) if surely(analysis, u, name)), default=0)
    return seq[start:]


def follow_definitions(
    analysis: Analysis, assignment: Assignment, units: list[Unit], module: str
) -> dict[int, set[str]]:
    """Imports `module` copies because they rebind, after one of its definitions, a name
    that definition binds (`json = None`, then `try: import json`): import unit -> names.
    Modules reading the name import it from here, so here it must have its final value."""
    out: dict[int, set[str]] = {}
    mine = {u.id for u in units}
    for unit in units:
        for name in unit.binds:
            seq = deciding(analysis, assignment, name, module)
            # the definition decides the value, or imports that surely rebind it come
            # after it (`def join`, then `from os.path import join`): either way modules
            # importing the name from here must get the imports' value
            if not any(u.id in mine for u in seq) and not (seq and seq[0].first > unit.first):
                continue
            for other in seq:
                if other.kind == "import":
                    out.setdefault(other.id, set()).add(name)
    return out


def kept_rebinders(analysis: Analysis, assignment: Assignment) -> frozenset[int]:
    """Imports that rebind, after a definition kept in the old module, a name it binds
    (`json = None` kept, then `try: import json`): they stay there too, and bind the name
    late, so new modules reading it get it handed over when the old module is done."""
    out: set[int] = set()
    for unit in analysis.units:
        if assignment.module_of.get(unit.id) != FACADE or unit.kind != "definition":
            continue
        for name in unit.binds:
            seq = deciding(analysis, assignment, name, FACADE)
            if unit in seq:
                out |= {
                    u.id
                    for u in seq
                    if u.kind == "import" and u.first > unit.first and u.id not in analysis.star_imports
                }
    return frozenset(out)


def rebound_after_read(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS121: code that reads a name at import time, where the old module binds it again
    further down (`X = 1`, `Y = X + 1`, `X = 2`), or changes it with a statement that
    moves with its definition (`REG = {}`, `SNAP = dict(REG)`, `REG["b"] = 2`): in another
    module than the bindings, it would import the name's last value or state."""
    findings = []
    for unit in analysis.units:
        where = assignment.module_of.get(unit.id)
        if where is None or is_main_block(analysis.module.body[unit.first]):
            continue
        for read in unit.reads:
            if not read.import_time or read.annotation_only or read.runners:
                continue
            seq = bindings(analysis, assignment, read.name, where)
            homes = {assignment.module_of[u.id] for u in seq if u.id in assignment.module_of}
            if not homes or homes == {where}:
                continue  # imports alone are copied where they are read, in source order
            # where the unit reads it: a registration the unit's definition carries
            # (`Image.register_save(TiffImageFile.format, _save)` with `_save`) reads late
            at = next((i for i in unit.stmts if read.name in identifiers(analysis.code(i))),
                      unit.first)
            # bound only further down: a read before that binding would raise NameError, so
            # every read that succeeds sees it (traitlets' metaclass reads `Int` when
            # `HasTraits`, above it, is made, in a branch its traits alone reach); a
            # rebinding or a change after it still counts
            others = [u for u in seq if u.id != unit.id]
            first = (min(u.first for u in others)
                     if others and all(u.first > at for u in others) else None)
            calls = rebinder_calls(analysis, read.name, at)
            later = sorted({i for u in seq if u.id != unit.id and u.id not in analysis.star_imports
                            for i in u.stmts if i > at and i != first and (
                                i == u.first or may_change(analysis.module.body[i], read.name))}
                           | calls)
            if later:  # an alias (`P = Parser`) and `Parser.parse = ...`: one object
                later = rebinding_only(analysis, unit, read.name, later, calls | {
                    u.first for u in seq if u.id != unit.id})
            if later:
                home = _label(next(iter(homes)))
                # a module GS103 left unsettled is the plan's guess, not the mapping's: name
                # the modules the mapping gives (`map this with X (to a)` read as if it did)
                contested = next((assignment.contested[u.id] for u in seq
                                  if u.id in assignment.contested), ())
                to = f" (to {home})"
                if contested:
                    home = f"the module that binds {read.name} ({_either(contested)}: see GS103)"
                    to = ""
                if unit.id in assignment.contested:
                    where = f"the module that holds this ({_either(assignment.contested[unit.id])}"
                    where += ": see GS103)"
                findings.append(Finding(
                    "GS121", "error", f"{read.name!r} is read here at import time and bound or "
                    f"changed again at line {analysis.code_line(later[0])}; from "
                    f"{_label(where)}, the read would get its last value from {home}: map this "
                    f"with {read.name}{to}", str(analysis.path), unit.line,
                ))
    return findings


def rebinder_calls(analysis: Analysis, name: str, after: int) -> set[int]:
    """The top-level statements after `after` that call a function rebinding `name`
    (`def inc(): global COUNTER; COUNTER += 1`, then `inc()`): they change it too."""
    rebinders = {n for u in analysis.units if name in u.rebinds for n in u.binds}
    return {i for i in range(after + 1, len(analysis.module.body)) if rebinders and not isinstance(
                stmt := analysis.module.body[i], (cst.FunctionDef, cst.ClassDef)) and any(
                isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value in rebinders
                for n in walk(stmt, into_scopes=False))}


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module


def _either(modules: tuple[str, ...]) -> str:
    return " or ".join(_label(m) for m in modules)


def unbound_reads(analysis: Analysis, units: list[Unit], module: str) -> list[Finding]:
    """GS122: moved code reads a name no statement binds, in a module whose code binds names
    through `globals()` (`globals().update(...)`, which stays in the old module): in
    `module` the name would be undefined."""
    writers = [i for i in sorted(analysis.namespace_stmts)
               if writes_namespace(analysis.module.body[i])]
    if not writers or analysis.star_imports:
        return []
    writer = analysis.code_line(writers[0])
    findings = []
    for unit in units:
        names = {n for index in unit.stmts for n in unbound(analysis.code(index), analysis.binders)}
        if names:
            findings.append(
                Finding(
                    "GS122",
                    "error",
                    f"{', '.join(sorted(names))}: bound by no statement, "
                    "but the module binds names through its namespace (globals(); vars() "
                    "or locals() at top level; attributes of sys.modules[__name__]: line "
                    f"{writer}); in {module} undefined: keep this code in the old module (`keep`)",
                    str(analysis.path),
                    unit.line,
                )
            )
    return findings
