"""The attribute names and special methods a piece of code uses, for `import_time`: a
method whose name running code uses as an attribute (`x.push()`), or an operator it runs
(`a | b` runs `__or__`), may run then."""

from __future__ import annotations

import libcst as cst

from .literals import SkipsTables

_OPERATORS = {"Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv",
              "FloorDivide": "floordiv", "Modulo": "mod", "Power": "pow", "LeftShift": "lshift",
              "RightShift": "rshift", "BitAnd": "and", "BitOr": "or", "BitXor": "xor",
              "MatrixMultiply": "matmul"}
_COPY_STATE = frozenset({"__reduce_ex__", "__reduce__", "__getstate__", "__setstate__"})
_COPIERS = {"copy": _COPY_STATE | {"__copy__"}, "deepcopy": _COPY_STATE | {"__deepcopy__"}}
_UNARY = {"Minus": "__neg__", "Plus": "__pos__", "BitInvert": "__invert__"}
_COMPARISONS = {"Equal": "__eq__", "NotEqual": "__ne__", "LessThan": "__lt__",
                "LessThanEqual": "__le__", "GreaterThan": "__gt__", "GreaterThanEqual": "__ge__",
                "In": "__contains__", "NotIn": "__contains__"}


class _Attributes(SkipsTables):
    """The attribute names a piece of code uses (`x.name`), not text in its strings."""

    def __init__(self, skip: frozenset[int]) -> None:
        self.skip = skip  # defs whose bodies do not run (descriptors.property_functions)
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

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        self.operators.add(_UNARY.get(type(node.operator).__name__, "__bool__"))

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        self.operators.add(_COMPARISONS.get(type(node.operator).__name__, "__eq__"))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.operators |= {"__getitem__", "__class_getitem__"}

    def visit_Call(self, node: cst.Call) -> None:
        self.operators.add("__call__")  # `expr("name")` may call an instance
        func = node.func  # `copy.copy(x)` runs x's __copy__ (param: `Parameter.__copy__`)
        if isinstance(func, cst.Attribute) and func.attr.value in _COPIERS and isinstance(
                func.value, cst.Name) and func.value.value == "copy":
            self.operators |= _COPIERS[func.attr.value]

    # `x.a = v` runs x's `__setattr__` (a metaclass's, for a class), `x[k] = v` `__setitem__`
    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._store(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store(node.target)
        stem = _OPERATORS.get(type(node.operator).__name__.removesuffix("Assign"))
        if stem:
            self.operators |= {f"__{stem}__", f"__r{stem}__", f"__i{stem}__"}

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._store(node.target)

    def _store(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute):
            self.operators.add("__setattr__")
        elif isinstance(target, cst.Subscript):
            self.operators.add("__setitem__")
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if id(node) not in self.skip:
            return True
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False  # `import http.cookies`: a module path, not an attribute use

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False


def attributes(node: cst.CSTNode, operators: set[str],
               skip: frozenset[int] = frozenset()) -> set[str]:
    """The attribute names node uses, not in the bodies of the defs in `skip`; adds the
    special methods its operators run."""
    visitor = _Attributes(skip)
    node.visit(visitor)
    operators |= visitor.operators
    return visitor.names
