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

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE
from .analyze import Analysis, Read, Unit
from .at_import import runs_at_import
from .base_reads import PlainClasses, only_subclassed
from .call_chain import Classes
from .class_calls import class_calls
from .hooked_classes import hooked_units, is_meta
from .node_kinds import Kinds
from .nodes import innermost, target_names, walk

if TYPE_CHECKING:
    from .assign import Assignment

# methods that change a list, dict, set or deque in place, and registration calls
MUTATORS = frozenset({
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem",
    "remove", "discard", "clear", "appendleft", "extendleft", "sort", "reverse",
    "register", "__setitem__", "__delitem__",
})
ORDERED = frozenset({"append", "extend", "insert", "appendleft", "extendleft"})


def _root(node: cst.BaseExpression) -> str | None:
    """`REG` of `REG`, `REG[k]`, `REG.items`, `REG.a[k].b`."""
    return root.value if isinstance(root := innermost(node), cst.Name) else None


def changes(stmt: cst.CSTNode, name: str, into_scopes: bool, deep: bool = False,
            ordered: bool = False) -> bool:
    """Whether `stmt`'s code changes the object `name` is bound to (not rebinding it);
    `deep`: an object it holds (`name.items.append(x)`, not `name.x = 1`); `ordered`:
    adds to a sequence (`append`: its order is what code sees, a dispatch chain), or
    changes it and reads it too (`Field.counter += 1; self.order = Field.counter`,
    `REG[k] = len(REG)`: what it reads depends on the changes made before)."""
    if not (ordered or deep):
        return name in _changed(stmt, into_scopes)
    if any(_root(e) == name and not (deep and isinstance(e, cst.Attribute) and isinstance(
            e.value, cst.Name)) for e in _targets(stmt, into_scopes, ordered)):
        return True
    if ordered and not deep:  # a class: one of its methods changes and reads it
        if isinstance(stmt, cst.ClassDef) and into_scopes:
            return any(changes(s, name, True, ordered=True) for s in stmt.body.body)
        return changes(stmt, name, into_scopes) and snapshots(stmt, name, into_scopes)
    return False


@lru_cache(maxsize=8192)  # (nodes hash by identity; asked for every name a unit reads)
def _changed(stmt: cst.CSTNode, into_scopes: bool) -> frozenset[str]:
    """The names whose objects `stmt`'s code changes, found in one walk for all names."""
    return frozenset(r for e in _targets(stmt, into_scopes, False) if (r := _root(e)))


_may_change = Kinds(cst.Call, cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Del)


def _targets(stmt: cst.CSTNode, into_scopes: bool, ordered: bool,
             ) -> Iterator[cst.BaseExpression]:
    """The items and attributes `stmt`'s code assigns, deletes or changes in place
    (`ordered`: those it adds to in order)."""
    for node in walk(stmt, into_scopes=into_scopes):
        if not _may_change(node):  # (most nodes: one look-up by type, not five isinstance)
            continue
        targets: list[cst.BaseExpression] = []
        if _advances(node):  # `ID = next(_ids)`: each call takes the next item, in order
            targets = [cst.Attribute(node.args[0].value, cst.Name("x"))]  # type: ignore[attr-defined]
        elif ordered:
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                    node.func.attr.value in ORDERED):
                targets = [node.func]
        elif isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del)):
            targets = [node.target]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                node.func.attr.value in MUTATORS):
            targets = [node.func]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and (
                node.func.value in ("setattr", "delattr")) and node.args:
            targets = [cst.Attribute(node.args[0].value, cst.Name("x"))]
        for target in targets:
            yield from (e for e in ([e.value for e in target.elements] if isinstance(
                target, (cst.Tuple, cst.List)) else [target])
                if isinstance(e, (cst.Subscript, cst.Attribute)))


def _advances(node: cst.CSTNode) -> bool:
    """`next(it)`, `next(self.ids, None)`: the builtin taking an iterator's next item."""
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
            and node.func.value == "next" and bool(node.args)
            and isinstance(node.args[0].value, (cst.Name, cst.Attribute)))


def snapshots(stmt: cst.CSTNode, name: str, into_scopes: bool) -> bool:
    """Whether code that changes `name`'s object also reads it (beyond the targets of its
    changes): `self.order = Field.counter`, `len(REG)`. Not a test for a key (`if t not in
    Pickler.dispatch: Pickler.dispatch[t] = f`, dill): which of two entries under one key
    wins is what GS218 says already."""
    roots: set[int] = set()
    skip: set[int] = set()  # `x.name`, `f(name=...)`: not the global; `k in REG`
    for node in walk(stmt, into_scopes=into_scopes):
        if isinstance(node, cst.Attribute):
            skip.add(id(node.attr))
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            skip.add(id(node.keyword))
        elif isinstance(node, cst.Param):  # `def register_type(cls, ...)` reads no `cls`
            skip.add(id(node.name))
        elif isinstance(node, cst.ComparisonTarget) and isinstance(node.operator, (
                cst.In, cst.NotIn)):
            skip.add(id(innermost(node.comparator)))
        targets: list[cst.BaseExpression] = []
        if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Del)):
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [
                node.target]
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                node.func.attr.value in MUTATORS):
            targets = [node.func]
        for target in targets:
            elements = [e.value for e in target.elements] if isinstance(
                target, (cst.Tuple, cst.List)) else [target]
            roots |= {id(innermost(e)) for e in elements}
    return any(isinstance(n, cst.Name) and n.value == name and id(n) not in roots | skip
               for n in walk(stmt, into_scopes=into_scopes))


def _unit_changes(analysis: Analysis, unit: Unit, name: str, into_scopes: bool,
                  classes: Classes, ordered: bool = False) -> bool:
    """Whether `unit`'s code changes `name`'s object, itself or through a classmethod
    changing `cls` that it calls on `name` or a subclass (`Field.make()`)."""
    return any(changes(stmt := analysis.module.body[i], name, into_scopes, ordered=ordered)
               or classes.calls_changing(stmt, name, into_scopes, ordered) for i in unit.stmts)


# what a class statement runs of a class it names as a base, and as its metaclass
_HOOKS = {"base": frozenset({"__init_subclass__"}),
          "metaclass": frozenset({"__new__", "__init__", "__prepare__"})}


def _names_run(analysis: Analysis, unit: Unit) -> tuple[set[str], dict[str, set[str]]]:
    """The names whose code the code `unit` runs at import time may run (it calls them,
    decorates with them, passes them on, ...), and the names it only subclasses or reads
    an attribute of (`class A(Base, metaclass=Meta)`, `__hash__ = Base.__hash__`), with
    the methods of theirs that may run then (`_HOOKS`; the attribute read)."""
    nodes = [n for i in unit.stmts for n in runs_at_import(analysis.module.body[i])]
    called = {id(n.func) for n in nodes if isinstance(n, cst.Call)} | {
        id(n.decorator) for n in nodes if isinstance(n, cst.Decorator)}
    inert: dict[int, frozenset[str]] = {  # `Base.method` handed on may be called later
        id(n.value): frozenset({n.attr.value}) for n in nodes if isinstance(n, cst.Attribute)
        and isinstance(n.value, cst.Name) and id(n) not in called}
    todo: list[cst.CSTNode] = [analysis.module.body[i] for i in unit.stmts]
    while todo:  # the class statements it runs: top-level ones and those in their bodies
        node = todo.pop()
        if isinstance(node, cst.ClassDef):
            for arg in (*node.bases, *node.keywords):
                if isinstance(arg.value, cst.Name) and (
                        arg.keyword is None or arg.keyword.value == "metaclass"):
                    inert[id(arg.value)] = _HOOKS["base" if arg.keyword is None else "metaclass"]
            todo.extend(node.body.body)
    names = [n for n in nodes if isinstance(n, cst.Name)]
    hooks: dict[str, set[str]] = {}
    for n in names:
        if id(n) in inert:
            hooks.setdefault(n.value, set()).update(inert[id(n)])
    return {n.value for n in names if id(n) not in inert}, hooks


def _may_run(analysis: Analysis, unit: Unit, runner: Unit, name: str, ordered: bool,
             classes: Classes) -> bool:
    """Whether `runner`'s import-time code may run the code of `unit` that changes `name`:
    it names `unit` (a call, a decorator, an argument); or the code it runs calls the
    function `unit`, or runs a method of class `unit` that changes it (`call_chain`:
    `IntField()` runs the `__init__` it inherits from `Field`; pyparsing's
    `Empty().set_name(...)` runs none of the `ParserElement` methods that change the
    class); or it subclasses its class and the change is in the hook that runs then.
    `class IntegerField(Field)` and `__hash__ = Field.__hash__` run none of
    `Field.__init__`, which counts the fields made (peewee)."""
    active, inert = _names_run(analysis, runner)
    if unit.binds & active:
        return True
    through = {p for i in runner.stmts for p in class_calls(analysis.module.body[i], False)}
    names, methods = classes.reach.runs(runner.id, active, through)
    if any(isinstance(analysis.module.body[i], cst.FunctionDef) for i in unit.stmts):
        if unit.binds & names:  # a function it calls, or one they call
            return True
    elif any((stmt.name.value, m.name.value) in methods and (
            changes(m, name, True, ordered=ordered)
            or classes.calls_changing(m, name, True, ordered))
            for i in unit.stmts if isinstance(stmt := analysis.module.body[i], cst.ClassDef)
            for m in stmt.body.body if isinstance(m, cst.FunctionDef)):
        return True  # a method of the class that changes it runs: not any method
    hooks = {h for n in unit.binds for h in inert.get(n, ())}
    return bool(hooks) and any(
        isinstance(m, cst.FunctionDef) and m.name.value in hooks
        and changes(m, name, True, ordered=ordered)
        for i in unit.stmts if isinstance(stmt := analysis.module.body[i], cst.ClassDef)
        for m in stmt.body.body)


def _class_hooks(analysis: Analysis, unit: Unit, ordered: bool = False) -> set[str]:
    """What a class's hooks that run when a class uses it change: its `__init_subclass__`,
    or a metaclass's (a `type` subclass) `__new__`/`__init__`: globals, and the class
    itself through their first parameter when they change what it holds
    (`cls.registry.append(cls)`; `cls.name = ...` sets the new class's own attribute)."""
    out: set[str] = set()
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.ClassDef):
            continue
        hooks = {"__init_subclass__", *(("__new__", "__init__") if is_meta(stmt) else ())}
        for method in stmt.body.body:
            if not isinstance(method, cst.FunctionDef) or method.name.value not in hooks:
                continue
            params = method.params.params
            first = params[0].name.value if params else None
            roots = {_root(n) for n in walk(method, into_scopes=True)
                     if isinstance(n, (cst.Subscript, cst.Attribute))}
            for root in roots - {None, first} - _locals(method):
                assert root is not None
                if changes(method, root, True, ordered=ordered):
                    out.add(root)
            if first is not None and changes(method, first, True, deep=True, ordered=ordered):
                out.add(stmt.name.value)
    return out


def _locals(method: cst.FunctionDef) -> set[str]:
    """The names `method` binds itself (its parameters, its assignments and loops), not
    globals: `fields = []; fields.append(...)` in a metaclass's `__new__` (peewee) changes
    no module-level object. A `global` statement makes a name the module's again."""
    params = method.params
    out = {p.name.value for p in (*params.params, *params.kwonly_params, *params.posonly_params)}
    out |= {p.name.value for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)}
    declared: set[str] = set()
    for node in walk(method.body, into_scopes=False):
        if isinstance(node, cst.Assign):
            out |= {n for t in node.targets for n in target_names(t.target)}
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For)):
            out |= target_names(node.target)
        elif isinstance(node, cst.Global):
            declared |= {n.name.value for n in node.names}
    return out - declared


def events(
    analysis: Analysis, name: str, hooks: dict[int, set[str]], classes: Classes,
    ordered: bool = False, plain: PlainClasses | None = None,
) -> tuple[set[int], set[int]]:
    """(units whose import-time code changes `name`'s object, units reading it then);
    `hooks`: class unit -> what its class hooks change (`_class_hooks`). Code reading a
    subclass of `name` changes it when it calls a classmethod changing `cls` on it."""
    changed: set[int] = set()
    read: set[int] = set()
    binders = set(analysis.binders.get(name, ()))
    plain = plain or PlainClasses(analysis)
    for uid, names in hooks.items():  # subclasses, classes made by a metaclass
        if name in names:
            unit = analysis.units[uid]
            changed |= hooked_units(analysis, next(iter(sorted(unit.binds))), any(
                is_meta(analysis.module.body[i]) for i in unit.stmts))
    for unit in analysis.units:
        for r in unit.reads:
            if not r.import_time or (r.name != name and not _through_subclass(
                    analysis, unit, r, name, classes, ordered)):
                continue
            if r.runners:  # a function others run at import time: those that call it
                if unit.kind == "definition" and _unit_changes(
                        analysis, unit, name, True, classes, ordered):
                    changed |= {u for u in r.runners if _may_run(
                        analysis, unit, analysis.units[u], name, ordered, classes)}
            elif unit.id not in binders and unit.id not in hooks:
                if _unit_changes(analysis, unit, name, False, classes, ordered):
                    changed.add(unit.id)
                elif not only_subclassed([analysis.module.body[i] for i in unit.stmts], name,
                                         plain, runs_at_import):
                    read.add(unit.id)  # `class X(Field)` alone reads nothing of `Field`'s
    return changed - binders, read


def _through_subclass(analysis: Analysis, unit: Unit, read: Read, name: str, classes: Classes,
                      ordered: bool) -> bool:
    """Whether `unit` reads a subclass of class `name` to call a classmethod changing `cls`
    on it (`IntField.make()` reads and sets `counter`, which it inherits from `Field`)."""
    return bool(classes.changers[ordered]) and read.name in classes.defs and (
        name in classes.bases([read.name])) and any(
        classes.calls_changing(analysis.module.body[i], name, bool(read.runners), ordered)
        for i in unit.stmts)


def in_source_order(analysis: Analysis, assignment: Assignment, modules: list[str]) -> bool:
    """Whether code in `modules` (one per event, in source order) surely runs in that order
    after the split: each module's events are consecutive, and each module imports, at
    import time, every module before it (so those finished first: pyparsing's subclasses
    of `ParserElement`, then a later module's `isinstance(v, ParserElement)` over them).
    The old module runs its kept code after the new ones: only last."""
    runs = [m for i, m in enumerate(modules) if i == 0 or modules[i - 1] != m]
    if len(runs) != len(set(runs)) or FACADE in runs[:-1]:
        return False
    deps: dict[str, set[str]] = {}
    for unit in analysis.units:
        home = assignment.module_of.get(unit.id, FACADE)
        for r in unit.reads:
            if r.import_time and not r.annotation_only:
                deps.setdefault(home, set()).update(
                    assignment.module_of.get(b, FACADE) for b in analysis.binders.get(r.name, ()))
    for later, module in enumerate(runs[1:], 1):
        if module == FACADE:
            continue  # it imports every new module before its own code
        seen, todo = set(), [module]
        while todo:
            for dep in deps.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        if not set(runs[:later]) <= seen:
            return False
    return True
