"""Which reads happen while the module is imported, beyond the module-level code itself.

A function called at import time, or a class instantiated, used as a decorator or
metaclass, or subclassed then, runs code whose reads of globals happen at import time
too; `analyze` upgrades them here, so an import cycle through them is refused (GS104)
instead of written broken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from .classify import is_main_block

if TYPE_CHECKING:
    from .analyze import Unit

# What runs when a class is called, when its instance is called too (`@Decorator(...)`),
# and when it is subclassed
_ON_CALL = frozenset({"__new__", "__init__", "__post_init__", "__attrs_post_init__",
                      "__set_name__", "__prepare__"})
_ON_DECORATE = _ON_CALL | {"__call__"}
_ON_SUBCLASS = frozenset({"__init_subclass__"})
_OPERATORS = {"Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv",
              "FloorDivide": "floordiv", "Modulo": "mod", "Power": "pow", "LeftShift": "lshift",
              "RightShift": "rshift", "BitAnd": "and", "BitOr": "or", "BitXor": "xor",
              "MatrixMultiply": "matmul"}
_UNARY = {"Minus": "__neg__", "Plus": "__pos__", "BitInvert": "__invert__"}
_COMPARISONS = {"Equal": "__eq__", "NotEqual": "__ne__", "LessThan": "__lt__",
                "LessThanEqual": "__le__", "GreaterThan": "__gt__", "GreaterThanEqual": "__ge__",
                "In": "__contains__", "NotIn": "__contains__"}


class _Attributes(cst.CSTVisitor):
    """The attribute names a piece of code uses (`x.name`), not text in its strings."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.operators: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.names.add(node.attr.value)

    # operators run their operands' special methods (pyparsing: `a | b` runs __or__): of
    # the classes with instances at import time only, these names being everywhere
    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        stem = _OPERATORS.get(type(node.operator).__name__)
        if stem:
            self.operators |= {f"__{stem}__", f"__r{stem}__"}

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        stem = _OPERATORS.get(type(node.operator).__name__.removesuffix("Assign"))
        if stem:
            self.operators |= {f"__{stem}__", f"__r{stem}__", f"__i{stem}__"}

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        self.operators.add(_UNARY.get(type(node.operator).__name__, "__bool__"))

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        self.operators.add(_COMPARISONS.get(type(node.operator).__name__, "__eq__"))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.operators |= {"__getitem__", "__class_getitem__"}

    def visit_Call(self, node: cst.Call) -> None:
        self.operators.add("__call__")  # `expr("name")` may call an instance

    def visit_Import(self, node: cst.Import) -> bool:
        return False  # `import http.cookies`: a module path, not an attribute use

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False


def _attributes(node: cst.CSTNode, operators: set[str]) -> set[str]:
    """The attribute names node uses; adds the special methods its operators run."""
    visitor = _Attributes()
    node.visit(visitor)
    operators |= visitor.operators
    return visitor.names


def called_at_import(
    module: cst.Module, units: list[Unit], calls: Mapping[int, set[str]], subclassed: set[str]
) -> list[Unit]:
    """Code that runs while the module is imported reads its globals at import time too.
    That is every function called then (`@register`, `X = f()`), and everything it reads
    that is a function; and for a class instantiated, used as a decorator or metaclass, or
    subclassed: the methods that run (`__init__`, `__new__`, `__call__` for `@C(...)`, ...,
    `__init_subclass__`, its bases'), and every method whose name running code uses as an
    attribute (`builder.build_class()`, `self.push()`: dispatch is dynamic, the name is
    what is known). Their reads are upgraded to import time."""
    defs: dict[str, tuple[int, cst.FunctionDef | cst.ClassDef]] = {}
    used: set[str] = set()  # attribute names used by code that runs at import time
    operators: set[str] = set()  # special methods its operators run
    for unit in units:
        for index in unit.stmts:
            stmt = module.body[index]
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                defs[stmt.name.value] = (unit.id, stmt)
            elif not is_main_block(stmt):
                used |= _attributes(stmt, operators)
    functions: set[str] = set()
    entries: dict[str, set[str]] = defaultdict(set)  # class -> methods that run on their own
    running: dict[str, set[str]] = defaultdict(set)  # class -> methods found running
    upgraded: dict[int, set[str]] = defaultdict(set)  # unit -> names read at import time

    def reached(names: set[str]) -> None:
        for name in names:
            kind = defs[name][1] if name in defs else None
            if isinstance(kind, cst.FunctionDef) and name not in functions:
                functions.add(name)
                uid = defs[name][0]
                upgraded[uid] |= {r.name for r in units[uid].reads}
                used.update(_attributes(kind, operators))
                todo.append(upgraded[uid])
            elif isinstance(kind, cst.ClassDef) and not _ON_CALL <= entries[name]:
                entries[name] |= _ON_CALL

    called = {n for names in calls.values() for n in names}
    todo: list[set[str]] = [{n for n in called if not n.startswith("@")}]
    for name in subclassed:
        entries[name] |= _ON_SUBCLASS
    for name in called:
        if name.startswith("@"):
            entries[name[1:]] |= _ON_DECORATE
    changed = True
    while changed:
        while todo:
            reached(todo.pop())
        changed = False
        for name in list(entries):
            if name not in defs or not isinstance(node := defs[name][1], cst.ClassDef):
                continue
            for base in _base_names(node):
                if not entries[name] <= entries[base]:
                    entries[base] |= entries[name]
                    changed = True
            methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
            wanted = entries[name] | used | (operators if _ON_CALL & entries[name] else set())
            fresh = {m for m in methods if m in wanted} | {
                m for attr, ms in _class_aliases(node, methods).items() if attr in wanted for m in ms
            }
            fresh -= running[name]
            if fresh:
                changed = True
                running[name] |= fresh
                uid = defs[name][0]
                for method in fresh:
                    names = set(units[uid].methods.get(method, ()))
                    upgraded[uid] |= names
                    used |= _attributes(methods[method], operators)
                    todo.append(names)
    for uid, names in upgraded.items():
        units[uid] = replace(units[uid], reads=tuple(
            replace(r, import_time=True) if r.name in names and not r.annotation_only else r
            for r in units[uid].reads
        ))
    return units


def _class_aliases(node: cst.ClassDef, methods: Mapping[str, object]) -> dict[str, set[str]]:
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


def _base_names(node: cst.ClassDef) -> list[str]:
    return [b.value.value for b in node.bases if isinstance(b.value, cst.Name)] + [
        k.value.value for k in node.keywords
        if k.keyword is not None and k.keyword.value == "metaclass" and isinstance(k.value, cst.Name)
    ]
