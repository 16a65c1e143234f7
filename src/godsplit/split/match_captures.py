"""GS148: a module-level `match` statement whose patterns bind module globals.

`case {"mode": mode}:` at the top level binds `mode` in the module's namespace, as an
assignment does; LibCST's scopes do not record pattern captures. The analysis counts a
top-level `match` statement's captures as its bindings (round 32: mapped by name, moved
with it, re-exported by the facade), but sees no read of them: code reading `mode` in
another module than the statement would read the value an assignment above gave it
(`mode = "default"`), or none, after the split. Such reads (found in each statement's code)
and other bindings, and the captures of a `match` nested in another statement, must be
in the statement's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .namespace_bound import unbound
from .nodes import walk

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .analyze import Analysis, Unit
    from .assign import Assignment


def captured(stmt: cst.CSTNode) -> set[str]:
    """The names the `match` statements in `stmt` bind in its scope (not inside defs)."""
    names: set[str] = set()
    for node in walk(stmt, into_scopes=False):
        if isinstance(node, cst.MatchAs) and node.name is not None:
            names.add(node.name.value)
        elif isinstance(node, cst.MatchStar) and node.name is not None:
            names.add(node.name.value)
        elif isinstance(node, cst.MatchMapping) and node.rest is not None:
            names.add(node.rest.value)
    return names


def module_captures(analysis: Analysis) -> Iterator[tuple[int, set[str]]]:
    """Each top-level statement (by index) whose `match` statements bind module globals,
    with the names they bind."""
    for index, stmt in enumerate(analysis.module.body):
        if "match" in analysis.codes[index] and not isinstance(
                stmt, (cst.FunctionDef, cst.ClassDef)) and (names := captured(stmt)):
            yield index, names


def effect_subject(analysis: Analysis, unit: Unit) -> str:
    """What GS204 calls a statement the facade keeps that binds no name the analysis
    sees: a `match` statement's captures bind some (not "defines nothing")."""
    names = sorted({n for i, found in module_captures(analysis) if i in unit.stmts
                    for n in found})
    return (f"module-level `match` statement binding {', '.join(names)} (capture patterns)"
            if names else "module-level statement that defines nothing")


def capture_reason(analysis: Analysis, name: str) -> str:
    """GS101's cause for a mapped name only a module-level `match` statement's captures
    bind (the analysis sees no definition: not "not defined in the source"), else ""."""
    for index, names in module_captures(analysis):
        if name in names:
            return (f"{name!r} cannot be mapped: only a capture pattern of the `match` "
                    f"statement at line {analysis.code_line(index)} of the source binds it, "
                    "which godsplit's analysis does not follow (GS148); bind it by "
                    "assignment to map it")
    return ""


def capture_findings(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS148 where code in another module than a `match` statement binds or reads a name
    its captures bind. A read the analysis did not resolve (it sees no binding of the
    name) is found in the statement's code (`symtable`): it stopped at GS411 after render."""
    unit_of = {i: u for u in analysis.units for i in u.stmts}
    out = []
    free: dict[int, set[str]] = {}  # unit -> the globals its code reads and does not bind
    for index, names in module_captures(analysis):
        if index not in unit_of:
            continue
        home = assignment.module_of.get(unit_of[index].id, FACADE)
        others = sorted({(u.line, n, assignment.module_of.get(u.id, FACADE))
                         for u in analysis.units for n in names
                         if u.id != unit_of[index].id
                         and assignment.module_of.get(u.id, FACADE) != home
                         and (n in u.binds or any(r.name == n for r in u.reads)
                              or n in _free_reads(analysis, u, free))})
        if others:
            where = ", ".join(f"{n!r} at line {line} ({_label(m)})" for line, n, m in others)
            out.append(Finding(
                "GS148", "error", f"this `match` statement binds {', '.join(sorted(names))} at "
                "module level (a capture pattern), which godsplit's analysis does not follow; "
                f"code in another module binds or reads it ({where}) and would see another "
                f"value: map them to the statement's module ({_label(home)}), or bind the "
                "name by assignment", str(analysis.path), analysis.code_line(index)))
    return out


def _free_reads(analysis: Analysis, unit: Unit, memo: dict[int, set[str]]) -> set[str]:
    """The globals the unit's statements read that they do not bind (memoized)."""
    if unit.id not in memo:
        memo[unit.id] = set().union(*(unbound(analysis.codes[i], ()) for i in unit.stmts))
    return memo[unit.id]


def kept_captures(analysis: Analysis, assignment: Assignment) -> list[str]:
    """The public names the `match` statements a facade keeps may bind: not in the names
    the analysis sees bound (`star_names`), so a facade's own `__all__` adds those its
    code bound once it ran (a pattern that did not match binds nothing)."""
    kept = {i for u in analysis.units if assignment.module_of.get(u.id, FACADE) == FACADE
            for i in u.stmts}
    return sorted({n for i, names in module_captures(analysis) if i in kept for n in names
                   if not n.startswith("_") and n not in analysis.binders})


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module
