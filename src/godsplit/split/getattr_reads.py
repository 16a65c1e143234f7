"""Which attribute reads may run a `__getattr__` or `__getattribute__` of the module's own
classes, for run_uses.py (import_time.py runs a special method by name on the classes
with instances at import time).

Python runs `__getattribute__` on every read of an instance's attribute, and `__getattr__`
when that finds nothing: mock's `DEFAULT = sentinel.DEFAULT` runs `_Sentinel.__getattr__`,
which makes a `_SentinelObject`. A read whose object is known not to be such an instance
runs neither: a module (`os.path`), a class or function of the module, a builtin, a
literal, `super()`, a global bound only to such things or to an instance of a class
whose hooks cannot run for that name. Counting every read made bottle's `os.path.join`,
... run `BaseRequest.__getattr__` (its `request = LocalRequest()`): a false GS104 cycle.

What is not known counts: a local variable, a parameter (but a method's `self`), an
attribute of anything but a module, a call's result. `self` in a method of class `C` is
an instance of `C` or of a subclass: their `__getattribute__` always runs, their
`__getattr__` only for a name none of `C`'s classes in the module provides (a class
attribute, a method, a `self.name = ...` in one of their methods: set in `__init__`, read
after). A class's attribute runs a hook only if a metaclass of the module defines one.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from .class_calls import decorated, first_param, reachable
from .nodes import walk

GETATTR = frozenset({"__getattr__", "__getattribute__"})
_LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer,
             cst.Float, cst.Imaginary, cst.List, cst.Tuple, cst.Set, cst.Dict, cst.ListComp,
             cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.Lambda)
_CLASS_FIRST = frozenset({"__new__", "__init_subclass__", "__class_getitem__"})
_UNKNOWN = "?"
# what can reach the module's own objects from foreign code: `getattr(sys.modules[__name__], x)`
_LOOKUPS = frozenset({"getattr", "globals", "vars", "locals", "eval", "exec", "__import__",
                      "__name__", "modules", "import_module", "__dict__", "__self__",
                      "get_objects", "f_globals", "f_locals"})


class _Bindings(cst.CSTVisitor):
    """How each global is bound at the top level: `import`, `def`, `class`, the values
    it is assigned, or `_UNKNOWN` (a `for` target, `+=`, a tuple target, `global x`)."""

    def __init__(self) -> None:
        self.kinds: dict[str, set[str]] = {}
        self.values: dict[str, list[cst.BaseExpression]] = {}

    def _mark(self, node: cst.CSTNode | None, kind: str) -> None:
        if isinstance(node, cst.Name):
            self.kinds.setdefault(node.value, set()).add(kind)
        elif node is not None:  # a tuple, starred or attribute target: its names unknown
            for name in _names_in(node):
                self.kinds.setdefault(name, set()).add(_UNKNOWN)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._mark(node.name, "def")
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._mark(node.name, "class")
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            bound: cst.BaseExpression = alias.asname.name if alias.asname else alias.name
            while isinstance(bound, cst.Attribute):  # `import os.path` binds `os`
                bound = bound.value
            self._mark(bound, "import")
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self._mark(alias.asname.name if alias.asname else alias.name, "import")
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._value(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._value(node.target, node.value)

    def _value(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self._mark(target, "value")
            self.values.setdefault(target.value, []).append(value)
        elif not isinstance(target, (cst.Attribute, cst.Subscript)):
            self._mark(target, _UNKNOWN)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._mark(node.target, _UNKNOWN)

    def visit_For(self, node: cst.For) -> None:
        self._mark(node.target, _UNKNOWN)

    def visit_AsName(self, node: cst.AsName) -> None:  # `with ... as x`, `except E as x`
        self._mark(node.name, _UNKNOWN)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._mark(node.target, _UNKNOWN)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        self._mark(node.name, _UNKNOWN)


def _names_in(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(_Names())
    return found


class GetattrHooks:
    """The module's classes with `__getattr__`/`__getattribute__`, and which reads may run
    them (see the module docstring)."""

    def __init__(self, module: cst.Module, declared: Collection[str] | None = None) -> None:
        """`declared`: the names of the module's `global` statements, if known."""
        self.classes = {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}
        self.hooks = {name: _own_hooks(node) for name, node in self.classes.items()}
        self.active = any(self.hooks.values())
        self._bases = {name: [b.value.value for b in node.bases if isinstance(b.value, cst.Name)
                              and b.value.value in self.classes]
                       for name, node in self.classes.items()}
        self._provided: dict[str, frozenset[str]] = {}
        self.owners: dict[int, str] = {}  # id(method) -> its class
        for name, node in self.classes.items():
            for stmt in node.body.body:
                if isinstance(stmt, cst.FunctionDef):
                    self.owners[id(stmt)] = name
        if not self.active:
            return
        bindings = _Bindings()
        for stmt in module.body:
            stmt.visit(bindings)
        if declared is None:  # declared `global` anywhere: bound at call time, to anything
            declared = {item.name.value for node in walk(module) if isinstance(node, cst.Global)
                        for item in node.names}
        self.kinds = bindings.kinds
        self.values = bindings.values
        for name in declared:
            self.kinds.setdefault(name, set()).add(_UNKNOWN)
        metaclasses = {k.value.value for node in self.classes.values() for k in node.keywords
                       if k.keyword is not None and k.keyword.value == "metaclass"
                       and isinstance(k.value, cst.Name)}
        metaclasses |= {name for name, node in self.classes.items()
                        if any(isinstance(b.value, cst.Name) and b.value.value == "type"
                               for b in node.bases)}
        self.class_reads = any(self._hooked_instance(m, None) for m in metaclasses
                               if m in self.classes) or any(
            self.hooks[c] and self._ancestors(c) & metaclasses for c in self.classes)

    def _ancestors(self, name: str) -> set[str]:
        return reachable(self._bases, name)

    def _provides(self, name: str) -> frozenset[str]:
        """The attribute names class `name` and its bases in the module provide."""
        if name not in self._provided:
            found: set[str] = set()
            for cls in {name} | self._ancestors(name):
                found |= _class_names(self.classes[cls])
            self._provided[name] = frozenset(found)
        return self._provided[name]

    def _hooked_instance(self, cls: str, attr: str | None, subclasses: bool = False) -> bool:
        """Whether reading `attr` (None: any) of an instance of `cls` (or, for
        `subclasses`, of a subclass in the module) may run a hook of the module."""
        related = {cls} | self._ancestors(cls)
        if subclasses:
            related |= {c for c in self.classes if cls in self._ancestors(c)}
        hooks = set().union(*(self.hooks[c] for c in related))
        if "__getattribute__" in hooks:
            return True
        return "__getattr__" in hooks and (attr is None or attr not in self._provides(cls))

    def may_run(self, node: cst.Attribute, local: frozenset[str], owner: str | None,
                this: str | None) -> bool:
        """Whether reading `node` may run a hook. `local`: the names bound in the function
        being read (unknown values); `owner`: its class, `this` its `self` parameter."""
        if not self.active:
            return False
        value, attr = node.value, node.attr.value
        if isinstance(value, _LITERALS):
            return False
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) \
                and value.func.value == "super":
            return False
        if isinstance(value, cst.Attribute):  # `os.path.join`: a module's attribute
            root: cst.BaseExpression = value
            while isinstance(root, cst.Attribute):
                root = root.value
            return not (isinstance(root, cst.Name) and root.value not in local
                        and self.kinds.get(root.value) == {"import"})
        if isinstance(value, cst.Call):
            return self._call(value, attr, local)
        if not isinstance(value, cst.Name):
            return True
        if owner is not None and value.value == this:
            return self._hooked_instance(owner, attr, subclasses=True)
        if value.value in local:
            return True
        return self._global(value.value, attr, set())

    def _call(self, call: cst.Call, attr: str, local: frozenset[str]) -> bool:
        """Whether reading `attr` of what `call` returns may run a hook: `C(...)` makes a
        `C`; a call made only of imports, builtins and literals (`re.compile("x")`)
        returns none of the module's instances, unless it looks the module up."""
        func = call.func
        if isinstance(func, cst.Name) and func.value in self.classes \
                and func.value not in local and self.kinds.get(func.value) == {"class"} \
                and not self.class_reads:
            return self._hooked_instance(func.value, attr)
        names = _names_in(call)
        return bool(names & (local | _LOOKUPS)) or any(
            self.kinds.get(n, {"import"}) != {"import"} for n in names)

    def _global(self, name: str, attr: str, seen: set[str]) -> bool:
        kinds = self.kinds.get(name)
        if not kinds:  # a builtin, or from a star import: not an instance of the module's
            return False
        if _UNKNOWN in kinds or name in seen:
            return True
        seen.add(name)
        if "class" in kinds and self.class_reads:
            return True
        return any(self._value(value, attr, seen) for value in self.values.get(name, ()))

    def _value(self, value: cst.BaseExpression, attr: str, seen: set[str]) -> bool:
        if isinstance(value, _LITERALS):
            return False
        if isinstance(value, cst.Name):
            return self._global(value.value, attr, seen)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) \
                and value.func.value in self.classes:
            return self._hooked_instance(value.func.value, attr)
        # made only from imports and builtins: not an instance of the module's classes
        return any(self.kinds.get(n, {"import"}) != {"import"} for n in _names_in(value))

    def self_param(self, method: cst.FunctionDef) -> str | None:
        """A method's instance parameter: None for a class or static method."""
        if decorated(method, "staticmethod") or decorated(method, "classmethod") \
                or method.name.value in _CLASS_FIRST:
            return None
        return first_param(method)


def _own_hooks(node: cst.ClassDef) -> frozenset[str]:
    return frozenset(_class_names(node, defined_only=True) & GETATTR)


def _class_names(node: cst.ClassDef, defined_only: bool = False) -> set[str]:
    """The names a class body binds; but for `defined_only`, also the `self.x = ...`
    attributes its methods set and the names in its `__slots__`."""
    found: set[str] = set()
    for stmt in node.body.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            found.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) \
                    else [small.target] if isinstance(small, cst.AnnAssign) else []
                found |= {t.value for t in targets if isinstance(t, cst.Name)}
                if not defined_only and isinstance(small, cst.Assign) and "__slots__" in found:
                    found |= {e.value.evaluated_value for e in getattr(small.value, "elements", ())
                              if isinstance(e.value, cst.SimpleString)
                              and isinstance(e.value.evaluated_value, str)}
    if not defined_only:
        found |= _self_attributes(node)
    return found


def _self_attributes(node: cst.ClassDef) -> set[str]:
    found: set[str] = set()

    class _Stores(cst.CSTVisitor):
        def __init__(self, this: str | None) -> None:
            self.this = this

        def visit_AssignTarget(self, target: cst.AssignTarget) -> None:
            for element in _flat(target.target):
                if isinstance(element, cst.Attribute) and isinstance(element.value, cst.Name) \
                        and element.value.value == self.this:
                    found.add(element.attr.value)

    for stmt in node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            stmt.body.visit(_Stores(first_param(stmt)))
    return found


def _flat(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [e for element in target.elements for e in _flat(element.value)]
    return [target]


class _Locals(cst.CSTVisitor):
    """The names bound inside a function (or, at the top level, by its lambdas and
    comprehensions): values the reads cannot know."""

    def __init__(self, function: bool) -> None:
        self.function = function
        self.names: set[str] = set()
        self.declared: set[str] = set()  # `global x`: a global, not a local

    def _bind(self, node: cst.CSTNode | None) -> None:
        if node is not None:
            self.names |= _names_in(node) if not isinstance(node, cst.Name) else {node.value}

    def visit_Param(self, node: cst.Param) -> None:
        self.names.add(node.name.value)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target)

    def visit_Global(self, node: cst.Global) -> None:
        self.declared |= {item.name.value for item in node.names}

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if self.function:
            self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self.function:
            self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self.function:
            self._bind(node.target)

    def visit_For(self, node: cst.For) -> None:
        if self.function:
            self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        if self.function:
            self._bind(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if self.function:
            self._bind(node.target)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.function:
            self.names.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.function:
            self.names.add(node.name.value)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if self.function:
            self._bind(node.asname.name if node.asname else node.name)


def local_names(root: cst.CSTNode) -> frozenset[str]:
    """The names whose values a read in `root` cannot know from the module's top level."""
    visitor = _Locals(isinstance(root, cst.FunctionDef))
    root.visit(visitor)
    return frozenset(visitor.names - visitor.declared)
