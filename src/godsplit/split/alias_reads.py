"""GS121 and a plain alias: `ArgParser = ArgumentParser`, then `ArgumentParser.parse =
ArgumentParser.parse_args` (ConfigArgParse; round 30).

An alias statement reads the object a name holds, not its state: a later change of an
attribute or an item of that object changes the alias's object too, in whichever module the
alias ends up, so the alias cannot differ. Two things still can: a later binding of the name
(a new object, or none), and code that reads the object's state through the alias before
the change, which after the split would run after it (the alias's module imports the
name from a module that has run to its end).
"""

from __future__ import annotations

import libcst as cst

from .analyze import Analysis, Unit
from .changes import may_change


def rebinding_only(
    analysis: Analysis, unit: Unit, name: str, later: list[int], bindings: set[int]
) -> list[int]:
    """Of `later` (the statements after `unit`'s read of `name` that bind or change it:
    GS121), those that can make the read differ: all of them, unless every statement of
    `unit` is an alias of `name` and no code reads an alias before the last of them; then
    only those that bind the name anew (`bindings`: statements known to, such as a call of
    a function rebinding it through `global`)."""
    aliases = _aliases(analysis, unit, name)
    if not aliases or analysis.namespace_stmts or _read_before(analysis, unit, aliases, max(later)):
        return later
    return [i for i in later
            if i in bindings or may_change(analysis.module.body[i], name, rebind_only=True)]


def _aliases(analysis: Analysis, unit: Unit, name: str) -> frozenset[str]:
    """The names `unit` binds when every statement of it binds names to the object `name`
    holds and does nothing else (`X = name`, `X = Y = name`, `X: T = name`); else none."""
    out: set[str] = set()
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.SimpleStatementLine):
            return frozenset()
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign):
                targets = [small.target]
            else:
                return frozenset()
            value = small.value
            if not (isinstance(value, cst.Name) and value.value == name) or not all(
                    isinstance(t, cst.Name) for t in targets):
                return frozenset()
            out |= {t.value for t in targets if isinstance(t, cst.Name)}
    return frozenset(out)


def _read_before(analysis: Analysis, unit: Unit, aliases: frozenset[str], last: int) -> bool:
    """Whether code run at import time may read an alias before statement `last`: another
    unit reading it whose top-level code, or a unit running it (a call of a function that
    reads it), starts before `last`."""
    for other in analysis.units:
        if other.id == unit.id:
            continue
        for read in other.reads:
            if read.name not in aliases or not read.import_time or read.annotation_only:
                continue
            runners = [analysis.units[r] for r in read.runners] or [other]
            if min(u.first for u in runners) < last:
                return True
    return False
