"""GS124: code run at import time that changes one module-level object, from several
modules.

`HANDLERS = []`, `def handler(f): HANDLERS.append(f)`, then `@handler def specific` and
`@handler def general`: the old module ran the decorators in source order, so `HANDLERS`
held `specific` first, and code iterating it found `specific` first. With `specific` and
`general` in two new modules, they run in the order the modules are imported (the
facade's import order, sorted by name, and each module's imports), which need not be
the source's: `general` first, and dispatch changed, though every name is there. A read
at import time (`NAMES = sorted(REGISTRY)`) sees the registrations made before it in
the source: from another module, those made before its module was imported.

The events on an object: code run at import time that changes it (a statement, or a
function or method it runs, whose code assigns an item or attribute of it, deletes one,
or calls a method that changes it in place), and code that reads it at import time.
When they are in more than one module, their order is no longer the source's: a plan
error, unless they are mapped to one module (where they keep their source order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .nodes import walk

if TYPE_CHECKING:
    from .assign import Assignment

# methods that change a list, dict, set or deque in place, and registration calls
MUTATORS = frozenset({
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem",
    "remove", "discard", "clear", "appendleft", "extendleft", "sort", "reverse",
    "register", "__setitem__", "__delitem__",
})


def _root(node: cst.BaseExpression) -> str | None:
    """`REG` of `REG`, `REG[k]`, `REG.items`, `REG.a[k].b`."""
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


def changes(stmt: cst.CSTNode, name: str, into_scopes: bool) -> bool:
    """Whether `stmt`'s code changes the object `name` is bound to (not rebinding it)."""
    for node in walk(stmt, into_scopes=into_scopes):
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, cst.Del):
            targets = [node.target]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                node.func.attr.value in MUTATORS):
            targets = [node.func]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and (
                node.func.value in ("setattr", "delattr")) and node.args:
            targets = [cst.Attribute(node.args[0].value, cst.Name("x"))]
        for target in targets:
            elements = [e.value for e in target.elements] if isinstance(
                target, (cst.Tuple, cst.List)) else [target]
            if any(isinstance(e, (cst.Subscript, cst.Attribute)) and _root(e) == name
                   for e in elements):
                return True
    return False


def _unit_changes(analysis: Analysis, unit: Unit, name: str, into_scopes: bool) -> bool:
    return any(changes(analysis.module.body[i], name, into_scopes) for i in unit.stmts)


def _run_methods(analysis: Analysis, unit: Unit) -> set[str]:
    """What the methods of class `unit` that run at import time (`__init_subclass__`, a
    metaclass's `__new__`, as `analysis.at_import` says) change: globals, and the class
    itself through their first parameter (`cls.registry.append(cls)`)."""
    out: set[str] = set()
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.ClassDef):
            continue
        for method in stmt.body.body:
            if not isinstance(method, cst.FunctionDef) or (
                    f"{stmt.name.value}.{method.name.value}" not in analysis.at_import):
                continue
            params = method.params.params
            roots = {_root(n) for n in walk(method, into_scopes=True)
                     if isinstance(n, (cst.Subscript, cst.Attribute))}
            for root in roots - {None}:
                assert root is not None
                if changes(method, root, True):
                    out.add(stmt.name.value if params and root == params[0].name.value else root)
    return out


def events(
    analysis: Analysis, name: str, runs: dict[int, set[str]]
) -> tuple[set[int], set[int]]:
    """(units whose import-time code changes `name`'s object, units reading it then);
    `runs`: class unit -> what its methods run at import time change (`_run_methods`)."""
    changed: set[int] = set()
    read: set[int] = set()
    binders = set(analysis.binders.get(name, ()))
    for uid, names in runs.items():  # a class whose methods run when it is used (subclassed)
        if name in names:
            changed |= {u.id for u in analysis.units if u.id != uid and any(
                r.import_time and r.name in analysis.units[uid].binds for r in u.reads)}
    for unit in analysis.units:
        for r in unit.reads:
            if r.name != name or not r.import_time:
                continue
            if r.runners:  # a function or method others run at import time
                if _unit_changes(analysis, unit, name, True):
                    changed |= set(r.runners)
            elif unit.id not in binders and unit.id not in runs:
                (changed if _unit_changes(analysis, unit, name, False) else read).add(unit.id)
    return changed - binders, read


def order_findings(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    findings = []
    classes = {n.partition(".")[0] for n in analysis.at_import if "." in n}
    runs = {u.id: _run_methods(analysis, u) for u in analysis.units if u.binds & classes}
    for name in sorted(analysis.binders):
        if all(analysis.units[u].kind == "import" for u in analysis.binders[name]) or any(
                "singledispatch" in analysis.code(i) for u in analysis.binders[name]
                for i in analysis.units[u].stmts[:1]):
            continue  # a module (`os.environ.setdefault`, `sys.path.insert`): shared anyway;
            # `@f.register(int)` of a `functools.singledispatch` function: keyed by type
        changed, read = events(analysis, name, runs)
        if not changed:
            continue
        units = sorted(changed | read)
        where = {uid: assignment.module_of.get(uid, FACADE) for uid in units}
        if len(set(where.values())) < 2:
            continue
        first = units[0]
        other = next(uid for uid in units if where[uid] != where[first])
        at = ", ".join(f"{analysis.units[u].line} ({_label(where[u])})" for u in units)
        findings.append(Finding(
            "GS124", "error", f"{name!r} is changed at import time, and changed or read then "
            f"by code that would be in several modules (lines {at}); that code would run in "
            "the order the modules are imported, not in source order (a registry would "
            "change order, a snapshot its content): map it to one module",
            str(analysis.path), analysis.units[other].line))
    return findings


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module
