"""The module's definitions as `import_time` follows what runs at import time: each top-level
def and class with the names it uses as attributes and operators (memoized), a class's
bases, methods and method aliases, and its metaclasses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import libcst as cst

from .class_calls import base_names, class_aliases, class_calls, is_metaclass
from .descriptors import attachable_names, names_outside, property_functions
from .getattr_reads import GetattrHooks
from .opaque_calls import OpaqueCalls
from .plain_values import PlainValues
from .run_uses import lazy_annotations, run_uses
from .self_receivers import SelfReceivers

if TYPE_CHECKING:
    from .analyze import Unit


class Code:
    """The module's definitions, with what each uses as attributes and operators."""

    def __init__(self, module: cst.Module, units: list[Unit]) -> None:
        self.units = units
        self.lazy = lazy_annotations(module)  # `from __future__ import annotations`
        self.defs: dict[str, tuple[int, cst.FunctionDef | cst.ClassDef]] = {}
        self.index: dict[str, int] = {}  # a def's place in the module's body
        for unit in units:
            for index in unit.stmts:
                stmt = module.body[index]
                if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                    self.defs[stmt.name.value] = (unit.id, stmt)
                    self.index[stmt.name.value] = index
        self.values: set[str] = set()  # see instance_names
        self._uses: dict[tuple[int, bool], tuple[frozenset[str], frozenset[str]]] = {}
        self._attachable: frozenset[str] | None = None
        self.module = module
        self.receivers, self.typed = SelfReceivers(module), dict[int, tuple[str, set[str]]]()
        self.hooks = GetattrHooks(module, self.receivers.declared)
        self.plain = PlainValues(module, {n: d[1] for n, d in self.defs.items()})
        self.opaque = OpaqueCalls(module, {n: d[1] for n, d in self.defs.items()}, frozenset(
            n for u in units for n in u.binds) - instance_names(units), self.receivers.declared)
        self._through: dict[int, frozenset[tuple[str, str]]] = {}
        self._properties: dict[int, frozenset[int]] = {}
        self._classes: dict[str, tuple[list[str], dict[str, cst.FunctionDef],
                                       dict[str, set[str]]]] = {}
        # methods of metaclasses run when any class using them (or its subclass) is made:
        # their reads are never only their runners'
        self.metaclasses = {name for name, (_, node) in self.defs.items()
                            if isinstance(node, cst.ClassDef) and is_metaclass(node, self.defs)}
        classes = {name: node for name, (_, node) in self.defs.items()
                   if isinstance(node, cst.ClassDef)}
        for node in classes.values():
            self.metaclasses |= {k.value.value for k in node.keywords if k.keyword is not None
                                 and k.keyword.value == "metaclass"
                                 and isinstance(k.value, cst.Name)}
        grown = True  # their bases and subclasses (metaclasses too) in this module
        while grown:
            related = {b.value.value for m in self.metaclasses if m in classes
                       for b in classes[m].bases if isinstance(b.value, cst.Name)} | {
                name for name, node in classes.items() if any(
                    isinstance(b.value, cst.Name) and b.value.value in self.metaclasses
                    for b in node.bases)}
            grown = not related <= self.metaclasses
            self.metaclasses |= related

    def through(self, node: cst.CSTNode) -> frozenset[tuple[str, str]]:
        """The `C.m(...)` calls and `@C.m` decorators in `node` (memoized)."""
        if id(node) not in self._through:
            self._through[id(node)] = class_calls(node)
        return self._through[id(node)]

    def uses(self, node: cst.CSTNode, whole: bool = False
             ) -> tuple[frozenset[str], frozenset[str]]:
        """The attribute names and special methods `node` uses (memoized); but for `whole`, not
        in the properties it makes; not those on a typed `self` (self_receivers): `typed`."""
        key = (id(node), whole)
        if key not in self._uses:
            operators: set[str] = set()
            owner = self.receivers.owners.get(id(node))
            on_self: set[str] = set()
            names = run_uses(node, self.lazy, operators,
                             frozenset() if whole else self.properties(node), self.hooks,
                             (owner[1], on_self) if owner else None, self.plain)
            if owner:  # (with `whole` or not: both)
                self.typed[id(node)] = (owner[0], self.typed.get(id(node), ("", on_self))[1] | on_self)
            self._uses[key] = (frozenset(names), frozenset(operators))
        return self._uses[key]

    def attachable(self) -> frozenset[str]:
        """See descriptors.attachable_names (memoized)."""
        if self._attachable is None:
            imports = frozenset(n for u in self.units for n in u.binds) - self.values
            self._attachable = attachable_names(self.module, imports)
        return self._attachable

    def properties(self, node: cst.CSTNode) -> frozenset[int]:
        """The defs in function `node` that it makes into properties (not run by it)."""
        if not isinstance(node, cst.FunctionDef):
            return frozenset()
        if id(node) not in self._properties:
            self._properties[id(node)] = property_functions(node)
        return self._properties[id(node)]

    def functions(self, name: str) -> list[tuple[int, cst.FunctionDef, set[str]]]:
        """The top-level def called `name`, with its unit and the names it may read."""
        if isinstance(kind := self.defs.get(name, (0, None))[1], cst.FunctionDef):
            return [(self.defs[name][0], kind, {r.name for r in self.units[self.defs[name][0]].reads})]
        return []

    def run_by(self, node: cst.CSTNode, names: Iterable[str]) -> set[str]:
        """Of `names`, those function `node` reads when it runs: not only in the bodies
        of the properties it makes (sh's `cmd_getter`, made by `Contrib.__call__`)."""
        skip = self.properties(node)
        return set(names) & names_outside(node, skip) if skip else set(names)

    def evaluated(self, uid: int, names: set[str]) -> set[str]:
        """`names` but those unit `uid` reads only in annotations (`obj: "ShaFile"`): those
        are not called (dulwich: a class counted as made, its methods as run)."""
        return names - {r.name for r in self.units[uid].reads if r.annotation_only}

    def cls(self, name: str) -> tuple[list[str], dict[str, cst.FunctionDef],
                                      dict[str, set[str]]] | None:
        """A class's bases, methods and method aliases; None for anything else."""
        if name not in self.defs or not isinstance(node := self.defs[name][1], cst.ClassDef):
            return None
        if name not in self._classes:
            methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
            before = [c for c, i in self.index.items()  # classes defined before it
                      if i < self.index[name] and isinstance(self.defs[c][1], cst.ClassDef)]
            bases = base_names(node, self.receivers.aliases, self.values, before)
            self._classes[name] = (bases, methods, class_aliases(node, methods))
        return self._classes[name]


def instance_names(units: list[Unit]) -> set[str]:
    """The globals through which code may reach an instance of a class of the module:
    every one but imports (a value, a class and its attributes, a function's attributes),
    so a type alias made of imports (`Action = Callable[[str], None]`) runs no method."""
    return {name for unit in units if unit.kind not in ("import", "future", "type_checking")
            for name in unit.binds | unit.rebinds}
