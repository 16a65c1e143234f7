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
        self._runs: dict[int, tuple[set[str], set[tuple[str, str]]]] = {}

    def _called(self, node: cst.CSTNode) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """The names `node`'s code calls (`f(...)`), and its `C.m(...)` calls (memoized)."""
        if id(node) not in self._calls:
            names = frozenset(n.func.value for n in walk(node) if isinstance(n, cst.Call)
                              and isinstance(n.func, cst.Name))
            self._calls[id(node)] = (names, class_calls(node))
        return self._calls[id(node)]

    def _methods(self, cls: str, wanted: Iterable[str]) -> list[tuple[str, cst.FunctionDef]]:
        """The methods named `wanted` of `cls` and of the module's classes it derives from,
        with the class defining each."""
        names = set(wanted)
        return [(c, m) for c in bases_of(self.classes, [cls]) if c in self.classes
                for m in self.classes[c].body.body
                if isinstance(m, cst.FunctionDef) and m.name.value in names]

    def runs(self, key: int, names: Iterable[str], through: Iterable[tuple[str, str]]
             ) -> tuple[set[str], set[tuple[str, str]]]:
        """What a statement runs, from `names` (what it calls, decorates with or hands on)
        and `through` (its `C.m(...)` calls), following the calls in the code that runs,
        transitively: the names (functions and classes reached), and the methods that run,
        `(class defining it, name)`: a class called runs its `__init__` (or a base's), `C.m()`
        runs `m`, and a method calling `self.m()` runs `m` of the class it runs for.
        Memoized by `key` (the statement's unit)."""
        if key in self._runs:
            return self._runs[key]
        out: set[str] = set()
        methods: set[tuple[str, str]] = set()
        todo: list[str | tuple[str, str]] = [*names, *through]
        done: set[str | tuple[str, str]] = set()
        while todo:
            item = todo.pop()
            if item in done:
                continue
            done.add(item)
            bodies: list[tuple[str | None, cst.FunctionDef]] = []
            if isinstance(item, tuple):  # `C.m(...)`: the method, and what it calls
                cls, name = item
                if cls in self.classes:
                    found = self._methods(cls, [name])
                    bodies = [(cls, m) for _, m in found]
                    methods |= {(c, m.name.value) for c, m in found}
            else:
                out.add(item)
                if item in self.functions:
                    bodies = [(None, self.functions[item])]
                elif item in self.classes:  # `IntField()` runs the `__init__` it inherits
                    found = self._methods(item, _ON_CALL)
                    bodies = [(item, m) for _, m in found]
                    methods |= {(c, m.name.value) for c, m in found}
            for owner, body in bodies:  # (a method runs for `owner`: `self.m()` is its `m`)
                called, pairs = self._called(body)
                todo.extend(called)
                first = first_param(body) if owner is not None else None
                todo.extend((owner, m) if c == first and owner is not None else (c, m)
                            for c, m in pairs)
        self._runs[key] = (out, methods)
        return out, methods


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
        self._bases: dict[str, frozenset[str]] = {}
        self._calls: dict[tuple[int, bool], frozenset[tuple[str, str]]] = {}
        self.reach = Reach(module, self.defs)
        self.instances = {
            small.targets[0].target.value: small.value.func.value
            for line in module.body if isinstance(line, cst.SimpleStatementLine)
            for small in line.body if isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call)
            and isinstance(small.value.func, cst.Name) and small.value.func.value in self.defs}
        made = self.bases(self.instances.values())  # only the methods of those can matter
        self.changers = {o: self._changers(changes, "classmethod", o, set(self.defs))
                         for o in (False, True)}
        self.mutators = {o: self._changers(changes, "self", o, made) for o in (False, True)}

    def _changers(self, changes: Changes, kind: str, ordered: bool,
                  among: set[str]) -> dict[str, set[str]]:
        own: dict[str, set[str]] = {}
        for name, node in self.defs.items():
            if name not in among:
                continue
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
        """`names` with the module's classes they derive from (memoized per class)."""
        out: set[str] = set()
        for name in names:
            if name not in self._bases:
                self._bases[name] = frozenset(bases_of(self.defs, [name]))
            out |= self._bases[name]
        return out

    def calls_changing(self, node: cst.CSTNode, name: str, into_scopes: bool,
                       ordered: bool) -> bool:
        """Whether `node`'s code calls, on `name` or a subclass of it, a classmethod that
        changes its class (`IntField.make()` sets `IntField.counter` from
        `Field.counter`), or, on the instance `name`, a method that changes it
        (`@app.route("/")`)."""
        if name in self.instances:
            mutators = self.mutators[ordered].get(self.instances[name], set())
            return bool(mutators) and any(c == name and m in mutators
                                          for c, m in self._class_calls(node, into_scopes))
        changers = self.changers[ordered]
        return bool(changers) and any(m in changers.get(c, ()) and name in self.bases([c])
                                      for c, m in self._class_calls(node, into_scopes))

    def _class_calls(self, node: cst.CSTNode, into_scopes: bool) -> frozenset[tuple[str, str]]:
        key = (id(node), into_scopes)
        if key not in self._calls:
            self._calls[key] = class_calls(node, into_scopes)
        return self._calls[key]


_CACHE: dict[int, tuple[cst.Module, Classes]] = {}


def classes_of(module: cst.Module, changes: Changes) -> Classes:
    """The `Classes` of `module`, made once per module (suggest plans one file many times)."""
    hit = _CACHE.get(id(module))
    if hit is not None and hit[0] is module:
        return hit[1]
    if len(_CACHE) >= 4:
        _CACHE.clear()
    found = _CACHE[id(module)] = (module, Classes(module, changes))
    return found[1]
