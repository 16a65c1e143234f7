"""What code run at import time may run through a chain of calls, and the classmethods
that change their class (GS124).

`FIRST = make("first")` runs `make`, whose body calls `register(name)`, which appends to
the module's registry: the change is `register`'s, made by `FIRST`'s statement though it
never names `register`. So also `Maker.make()` (a method run through its class) calling
`register`, and `IntField()` running the `__init__` it inherits, which calls `register`.
Only calls are followed (a name read in a body, `isinstance(x, Field)`, runs nothing):
the module's functions called by name, `C.m(...)` on its classes (the method, its own or
a base's), and the `__init__`/`__new__` of the classes called (theirs or a base's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import libcst as cst

from .class_calls import bases_of, class_calls, class_defs, decorated, first_param
from .nodes import walk

_ON_CALL = frozenset({"__new__", "__init__", "__post_init__", "__attrs_post_init__"})


class Reach:
    """The module's functions and classes, and what the code of each calls."""

    def __init__(self, module: cst.Module, classes: Mapping[str, cst.ClassDef]) -> None:
        self.functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
        self.classes = classes
        self._calls: dict[int, tuple[frozenset[str], frozenset[tuple[str, str]]]] = {}
        self._runs: dict[int, set[str]] = {}

    def _called(self, node: cst.CSTNode) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """The names `node`'s code calls (`f(...)`), and its `C.m(...)` calls (memoized)."""
        if id(node) not in self._calls:
            names = frozenset(n.func.value for n in walk(node) if isinstance(n, cst.Call)
                              and isinstance(n.func, cst.Name))
            self._calls[id(node)] = (names, class_calls(node))
        return self._calls[id(node)]

    def _methods(self, cls: str, wanted: Iterable[str]) -> list[cst.FunctionDef]:
        """The methods named `wanted` of `cls` and of the module's classes it derives from."""
        names = set(wanted)
        return [m for c in bases_of(self.classes, [cls]) if c in self.classes
                for m in self.classes[c].body.body
                if isinstance(m, cst.FunctionDef) and m.name.value in names]

    def runs(self, key: int, names: Iterable[str], through: Iterable[tuple[str, str]]) -> set[str]:
        """`names` (what a statement calls, decorates with or hands on) and the classes of
        `through` (its `C.m(...)` calls), with the module's classes they derive from and
        the functions and classes the code they run calls, transitively. Memoized by
        `key` (the statement's unit)."""
        if key in self._runs:
            return self._runs[key]
        out: set[str] = set()
        todo: list[str | tuple[str, str]] = [*names, *through]
        done: set[str | tuple[str, str]] = set()
        while todo:
            item = todo.pop()
            if item in done:
                continue
            done.add(item)
            if isinstance(item, tuple):  # `C.m(...)`: the class, and what `m` calls
                cls, method = item
                if cls not in self.classes:
                    continue
                out |= bases_of(self.classes, [cls])
                bodies: list[cst.CSTNode] = [*self._methods(cls, [method])]
            elif item in self.functions:
                out.add(item)
                bodies = [self.functions[item]]
            else:
                out.add(item)
                if item not in self.classes:
                    continue
                out |= bases_of(self.classes, [item])  # `IntField()` runs Field's `__init__`
                bodies = [*self._methods(item, _ON_CALL)]
            for body in bodies:
                called, pairs = self._called(body)
                todo.extend(called)
                todo.extend(pairs)
        self._runs[key] = out
        return out


Changes = Callable[[cst.CSTNode, str, bool, bool, bool], bool]  # `import_order.changes`


class Classes:
    """The module's classes; the classmethods of each (its own, or a base's of the module)
    whose code changes their class through `cls` (`cls.counter += 1`); the methods whose
    code changes their instance through `self` (`self.routes.append(...)`, in a function
    it returns too: `@app.route("/")`); and the module's instances of them (`app = App()`).
    `ordered`: the changes whose order matters (see `import_order.changes`; for `self`,
    adding to a sequence only, as methods read `self` all the time)."""

    def __init__(self, module: cst.Module, changes: Changes) -> None:
        self.defs = class_defs(module)
        self.reach = Reach(module, self.defs)
        self.changers = {o: self._changers(changes, "classmethod", o) for o in (False, True)}
        self.mutators = {o: self._changers(changes, "self", o) for o in (False, True)}
        self.instances = {
            small.targets[0].target.value: small.value.func.value
            for line in module.body if isinstance(line, cst.SimpleStatementLine)
            for small in line.body if isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call)
            and isinstance(small.value.func, cst.Name) and small.value.func.value in self.defs}

    def _changers(self, changes: Changes, kind: str, ordered: bool) -> dict[str, set[str]]:
        own: dict[str, set[str]] = {}
        for name, node in self.defs.items():
            for method in node.body.body:
                if not isinstance(method, cst.FunctionDef) or (
                        first := first_param(method)) is None:
                    continue
                special = [d for d in ("classmethod", "staticmethod") if decorated(method, d)]
                if special != ([kind] if kind == "classmethod" else []):
                    continue
                deep = kind == "self" and ordered
                if changes(method, first, True, deep, ordered):
                    own.setdefault(name, set()).add(method.name.value)
        return {name: found for name in self.defs if (found := set().union(
            *(own.get(b, set()) for b in bases_of(self.defs, [name]))))}

    def bases(self, names: Iterable[str]) -> set[str]:
        return bases_of(self.defs, names)

    def calls_changing(self, node: cst.CSTNode, name: str, into_scopes: bool,
                       ordered: bool) -> bool:
        """Whether `node`'s code calls, on `name` or a subclass of it, a classmethod that
        changes its class (`IntField.make()` sets `IntField.counter` from
        `Field.counter`), or, on the instance `name`, a method that changes it
        (`@app.route("/")`)."""
        if name in self.instances:
            mutators = self.mutators[ordered].get(self.instances[name], set())
            return bool(mutators) and any(c == name and m in mutators
                                          for c, m in class_calls(node, into_scopes))
        changers = self.changers[ordered]
        return bool(changers) and any(m in changers.get(c, ()) and name in self.bases([c])
                                      for c, m in class_calls(node, into_scopes))
