"""Code that runs through a class rather than an instance, as syntax: `C.m(...)` calls
and `@C.m` decorators (a classmethod or staticmethod called on the class, a method on an
instance of the module), a class's bases within the module, a classmethod calling
`cls(...)`, and class attributes made of methods (`status = property(_get, _set)`).

`import_time` follows `C.m(...)` calls to the method (or the one a base defines), so what
the method reads counts as read at import time by the code calling it; `call_chain`
(GS124) follows them to the code that changes an object.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import libcst as cst

from .literals import walk_code
from .node_kinds import Kinds
from .nodes import walk

_calls = Kinds(cst.Call, cst.Decorator)


def class_calls(node: cst.CSTNode, into_scopes: bool = True) -> frozenset[tuple[str, str]]:
    """The `C.m(...)` calls in `node` (with `into_scopes`, in the bodies of its defs too),
    and the `@C.m` decorators (which call it): `(C, m)`; whether `C` is a class (or an
    instance) of the module is for the caller to decide."""
    out = set()
    for n in walk_code(node, into_scopes):
        if not _calls(n):  # (most nodes: one look-up by type)
            continue
        called = n.func if isinstance(n, cst.Call) else n.decorator if isinstance(
            n, cst.Decorator) else None
        if isinstance(called, cst.Attribute) and isinstance(called.value, cst.Name):
            out.add((called.value.value, called.attr.value))
    return frozenset(out)


def decorated(method: cst.FunctionDef, name: str) -> bool:
    return any(isinstance(d.decorator, cst.Name) and d.decorator.value == name
               for d in method.decorators)


def on_class(method: cst.FunctionDef) -> bool:
    """A method that runs on the class itself (`cls.setup()` in `__init_subclass__`): a
    class or static method; a class that is only subclassed has no instance to run others
    (mock: `class Mock(CallableMixin, NonCallableMock)` ran `NonCallableMock.__getattr__`)."""
    return decorated(method, "classmethod") or decorated(method, "staticmethod")


def first_param(method: cst.FunctionDef) -> str | None:
    params = (*method.params.posonly_params, *method.params.params)
    return params[0].name.value if params else None


def makes_own_class(method: cst.FunctionDef) -> bool:
    """A classmethod that calls its class (`return cls(...)`): its `__init__` runs."""
    first = first_param(method)
    return decorated(method, "classmethod") and first is not None and any(
        isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == first
        for n in walk(method.body, into_scopes=True))


def class_defs(module: cst.Module) -> dict[str, cst.ClassDef]:
    """The module's top-level classes by name (the last definition of a name wins)."""
    return {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}


def bases_of(classes: Mapping[str, cst.ClassDef], names: Iterable[str]) -> set[str]:
    """`names` with the module's classes each of them derives from, transitively."""
    out = set(names)
    todo = list(out)
    while todo:
        node = classes.get(todo.pop())
        for base in node.bases if node is not None else ():
            if isinstance(base.value, cst.Name) and base.value.value not in out:
                out.add(base.value.value)
                todo.append(base.value.value)
    return out


def reachable(edges: Mapping[str, Iterable[str]], start: str) -> set[str]:
    """The names `edges` lead to from `start`, transitively (`start` only through a cycle):
    a class's bases in the module, given each class's direct bases."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in edges.get(todo.pop(), ()):
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def class_aliases(node: cst.ClassDef, methods: Mapping[str, object]) -> dict[str, set[str]]:
    """Class attributes made of its methods: `status = property(_get, _set)` runs `_get`
    and `_set` when code uses `obj.status`; `alias = method` runs `method`."""
    out: dict[str, set[str]] = {}
    for stmt in node.body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                targets = [small.target]
            else:
                continue
            value = small.value
            if value is None:
                continue
            used = {n.value for n in _names_in(value)} & set(methods)
            for target in targets:
                if isinstance(target, cst.Name) and used:
                    out.setdefault(target.value, set()).update(used)
    return out


class _Names(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: list[cst.Name] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `x.attr`: attr is not a name read
        return False


def _names_in(node: cst.CSTNode) -> list[cst.Name]:
    visitor = _Names()
    node.visit(visitor)
    return visitor.names


def is_metaclass(node: cst.ClassDef, defs: Mapping[str, tuple[int, cst.CSTNode]]) -> bool:
    """A class derived from `type` (or another metaclass), or used as one."""
    seen: set[str] = set()
    todo = [node]
    while todo:
        current = todo.pop()
        for base in current.bases:
            if isinstance(base.value, (cst.Name, cst.Attribute)):
                text = base.value.value if isinstance(base.value, cst.Name) else base.value.attr.value
                if text == "type" or text.endswith("Meta") or text.endswith("Type"):
                    return True
                found = defs.get(text)
                if found and isinstance(found[1], cst.ClassDef) and text not in seen:
                    seen.add(text)
                    todo.append(found[1])
    return False


def base_names(node: cst.ClassDef, aliases: Mapping[str, set[str]], values: Collection[str],
               before: list[str]) -> list[str]:
    """The classes `node` derives from (its bases by name or alias, its metaclass), and
    those `called_bases` adds: `before`, the module's classes defined before it."""
    named = [c for b in node.bases if isinstance(b.value, cst.Name)
             for c in aliases.get(b.value.value, {b.value.value})] + [
        k.value.value for k in node.keywords
        if k.keyword is not None and k.keyword.value == "metaclass" and isinstance(k.value, cst.Name)]
    return named + [c for c in called_bases(node, values, before, aliases) if c not in named]


def called_bases(node: cst.ClassDef, values: Collection[str], before: list[str],
                 aliases: Mapping[str, set[str]]) -> list[str]:
    """The module's classes a base of `node` may be beyond the ones it names: any class
    defined before it (`before`; later ones do not exist yet) for a base that calls a global
    of the module other than an import (`class C(pick())`, `with_metaclass(M, B)`), or names
    one that is neither a class nor an alias of classes (`aliases`: `B = pick()`, `B = X
    if c else Y`); `Base` for `Base[T]`. A call of an import returns none of the module's
    classes (as in getattr_reads)."""
    out: list[str] = []
    for base in node.bases:
        if any(isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value in values
               for n in walk(base.value)) or (isinstance(base.value, cst.Name)
                                              and base.value.value in values
                                              and base.value.value not in aliases):
            return before
        if isinstance(base.value, cst.Subscript) and isinstance(base.value.value, cst.Name) \
                and base.value.value.value in before:
            out.append(base.value.value.value)
    return out
