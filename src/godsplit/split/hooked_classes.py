"""The class statements that run a class's hooks (its `__init_subclass__`, or a
metaclass's `__new__`/`__init__`) as they are made, for GS124: a class naming it as a base
or `metaclass=`, a subclass of one of those (at any depth), and, for a metaclass, a class
made by calling it (`Setting = SettingMeta('Setting', (Setting,), {})`: gunicorn's
`config.py`, whose 120 settings get the metaclass from that rebound base, each appended
to `KNOWN_SETTINGS` as its class statement runs)."""

from __future__ import annotations

import libcst as cst

from .analyze import Analysis
from .nodes import walk


def hooked_units(analysis: Analysis, cls: str, meta: bool) -> set[int]:
    """The units whose class statements run `cls`'s class hooks: a class with `cls` among
    its bases or keywords (`metaclass=`), or with a base made so (a subclass's subclass
    runs its ancestors' `__init_subclass__`, and is made by their metaclass); a metaclass
    also makes the class a call of it binds (gunicorn's `Setting = SettingMeta('Setting',
    (Setting,), {})`, whose subclasses it then makes)."""
    by_name: dict[str, set[int]] = {}  # a name -> the units making a class from it
    for unit in analysis.units:
        for i in unit.stmts:
            for name in _made_from(analysis.module.body[i], meta):
                by_name.setdefault(name, set()).add(unit.id)
    out: set[int] = set()
    todo, seen = [cls], {cls}
    while todo:
        for uid in by_name.get(todo.pop(), set()) - out:
            out.add(uid)
            for name in analysis.units[uid].binds - seen:
                seen.add(name)
                todo.append(name)
    return out


def _made_from(stmt: cst.CSTNode, meta: bool) -> set[str]:
    """The names a class statement names as bases or keywords; with `meta`, the function
    a top-level assignment calls (`X = Meta(name, bases, ns)`)."""
    if isinstance(stmt, cst.ClassDef):
        return {n.value for a in (*stmt.bases, *stmt.keywords) for n in walk(a.value)
                if isinstance(n, cst.Name)}
    if meta and isinstance(stmt, cst.SimpleStatementLine):
        return {s.value.func.value for s in stmt.body if isinstance(s, cst.Assign)
                and isinstance(s.value, cst.Call) and isinstance(s.value.func, cst.Name)}
    return set()


def is_meta(stmt: cst.CSTNode) -> bool:
    """A class statement deriving from `type`."""
    return isinstance(stmt, cst.ClassDef) and any(
        isinstance(b.value, cst.Name) and b.value.value == "type" for b in stmt.bases)
