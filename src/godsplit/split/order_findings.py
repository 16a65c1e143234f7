"""GS124 and GS218 of a plan: the events on each module-level object (`import_order`)
that its mapping puts in several modules.

Which units change or read each name's object at import time depends on the source
alone, not on the mapping: it is found once for the analysis (suggest assigns and plans
several mappings of one analysis), and only where the events end up is checked for
each assignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .base_reads import PlainClasses
from .call_chain import Classes, classes_of
from .import_order import _class_hooks, changes, events, in_source_order
from .package_order import in_run_order, order_note
from .same_keys import reversed_keys

if TYPE_CHECKING:
    from .assign import Assignment


@dataclass(frozen=True)
class _Events:
    in_order: dict[int, set[str]]  # class unit -> what its class hooks change, in order
    classes: Classes
    plain: PlainClasses
    changed: tuple[tuple[str, set[int], set[int]], ...]  # (name, units changing, reading)


_LAST: list[tuple[Analysis, _Events]] = []  # the last analysis asked about, and its events


def _events(analysis: Analysis) -> _Events:
    if _LAST and _LAST[0][0] is analysis:
        return _LAST[0][1]
    hooks = {u.id: hooked for u in analysis.units if (hooked := _class_hooks(analysis, u))}
    in_order = {u: _class_hooks(analysis, analysis.units[u], True) for u in hooks}
    classes = classes_of(analysis.module, changes)
    plain = PlainClasses(analysis)
    changed = []
    for name in sorted(analysis.binders):
        if all(analysis.units[u].kind == "import" for u in analysis.binders[name]) or any(
                "singledispatch" in analysis.code(i) for u in analysis.binders[name]
                for i in analysis.units[u].stmts[:1]):
            continue  # a module (`os.environ.setdefault`, `sys.path.insert`): shared anyway;
            # `@f.register(int)` of a `functools.singledispatch` function: keyed by type
        found, read = events(analysis, name, hooks, classes, plain=plain)
        if found:
            changed.append((name, found, read))
    _LAST[:] = [(analysis, _Events(in_order, classes, plain, tuple(changed)))]
    return _LAST[0][1]


def order_findings(analysis: Analysis, assignment: Assignment,
                   trace: tuple[str, ...] | None = None) -> list[Finding]:
    """`trace`: the order the modules' code runs when the package is imported, where
    known (`package_order`): events in that order get a GS153 note, not a GS124."""
    findings = []
    found = _events(analysis)
    for name, changed, read in found.changed:
        units = sorted(changed | read)
        where = {uid: assignment.module_of.get(uid, FACADE) for uid in units}
        modules = [where[u] for u in sorted(units, key=lambda u: analysis.units[u].line)]
        if len(set(where.values())) < 2 or in_source_order(analysis, assignment, modules):
            continue
        # named by the statements' lines, not their units' (a registration carried by
        # its function, below it: round 31, as `ordered_calls` since round 30)
        stmts = sorted(i for u in units for i in acting(analysis, analysis.units[u], name))
        module_at = {i: where[u] for u in units for i in analysis.units[u].stmts}
        line = analysis.code_line(next(i for i in stmts if module_at[i] != module_at[stmts[0]]))
        if trace is not None and in_run_order(modules, trace):
            findings.append(order_note(repr(name), modules, str(analysis.path), line))
            continue
        ordered = events(analysis, name, found.in_order, found.classes, True, found.plain)[0]
        at = ", ".join(f"{analysis.code_line(i)} ({_label(module_at[i])})" for i in stmts)
        if read or ordered:
            findings.append(Finding(
                "GS124", "error", f"{name!r} is changed at import time, and changed or read "
                f"then by code that would be in several modules (lines {at}); that code would "
                "run in the order the modules are imported, not in source order (a list "
                "would change order, a snapshot its content): map it to one module",
                str(analysis.path), line))
        elif (same := reversed_keys(analysis, name, changed, where, trace)) is not None:
            key, early, late = same
            findings.append(Finding(
                "GS420", "error", f"{name!r} is changed at import time under one key, "
                f"{key}, at line {analysis.units[early].line} ({_label(where[early])}) and "
                f"again at line {analysis.units[late].line} ({_label(where[late])}): in the "
                f"source the later wins; split, the code of {_label(where[late])} runs before "
                f"that of {_label(where[early])}, and the earlier wins: map both to one "
                "module", str(analysis.path),
                analysis.units[late].line))
        else:  # keyed (`REGISTRY[name] = fn`): lookups are the same, iteration order not
            findings.append(Finding(
                "GS218", "warning", f"{name!r} is changed at import time by code that would "
                f"be in several modules (lines {at}): it gets its entries in the order the "
                "modules are imported, not in source order; code iterating it sees another "
                "order (and of two entries under one key, another one wins): map that code "
                "to one module if the order matters", str(analysis.path), line))
    return findings


def acting(analysis: Analysis, unit: Unit, name: str) -> list[int]:
    """The statements of `unit` that name `name`, other than a `def` where another does (a
    registration carried by its function), or, where none names it (a function or class
    that code run at import time reaches), its first statement."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    found = [i for i in unit.stmts if word.search(analysis.code(i))]
    top = [i for i in found if not isinstance(analysis.module.body[i], cst.FunctionDef)]
    return top or found or list(unit.stmts[:1])  # a `def` naming it in its body: not the act


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module


_SETS: list[tuple[Analysis, tuple[tuple[str, frozenset[int]], ...]]] = []  # the last asked


def order_sets(analysis: Analysis) -> tuple[tuple[str, frozenset[int]], ...]:
    """Each object whose import-time events must run in one module, in source order (what
    a GS124 would name if a mapping parted them), with the units changing or reading it:
    such a set is as indivisible as one definition. Found from the source alone."""
    if _SETS and _SETS[0][0] is analysis:
        return _SETS[0][1]
    found = _events(analysis)
    out = []
    for name, changed, read in found.changed:
        units = changed | read
        if len(units) > 1 and (read or events(analysis, name, found.in_order, found.classes,
                                              True, found.plain)[0]):
            out.append((name, frozenset(units)))
    _SETS[:] = [(analysis, tuple(out))]
    return _SETS[0][1]
