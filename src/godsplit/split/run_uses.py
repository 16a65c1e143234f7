"""What a piece of code uses when it runs: the attribute names it names and the special
methods its operators run (`a | b` runs `__or__`), for import_time.py's dispatch by name.

An annotation that is never evaluated runs nothing: a function's own parameter and return
annotations when it is called (they ran, if ever, when its `def` did), a local variable's
(PEP 526), and every annotation under `from __future__ import annotations`. Counting them
made `def f(x: int | None)` run every `__or__` of the module (traitlets: `TraitType.__or__`
reads `Union`, a false GS104 cycle).
"""

from __future__ import annotations

import libcst as cst

from .getattr_reads import GETATTR, GetattrHooks, local_names
from .literals import SkipsTables
from .plain_values import OPAQUE, PlainValues

OPERATORS = {"Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv",
             "FloorDivide": "floordiv", "Modulo": "mod", "Power": "pow", "LeftShift": "lshift",
             "RightShift": "rshift", "BitAnd": "and", "BitOr": "or", "BitXor": "xor",
             "MatrixMultiply": "matmul"}
_COPY_STATE = frozenset({"__reduce_ex__", "__reduce__", "__getstate__", "__setstate__"})
_COPIERS = {"copy": _COPY_STATE | {"__copy__"}, "deepcopy": _COPY_STATE | {"__deepcopy__"}}
_UNARY = {"Minus": "__neg__", "Plus": "__pos__", "BitInvert": "__invert__"}
_COMPARISONS = {"Equal": "__eq__", "NotEqual": "__ne__", "LessThan": "__lt__",
                "LessThanEqual": "__le__", "GreaterThan": "__gt__", "GreaterThanEqual": "__ge__",
                "In": "__contains__", "NotIn": "__contains__"}


def lazy_annotations(module: cst.Module) -> bool:
    """Whether the module has `from __future__ import annotations`."""
    return any(
        isinstance(small, cst.ImportFrom) and isinstance(small.module, cst.Name)
        and small.module.value == "__future__" and not small.relative
        and not isinstance(small.names, cst.ImportStar)
        and any(alias.name.value == "annotations" for alias in small.names)
        for line in module.body if isinstance(line, cst.SimpleStatementLine)
        for small in line.body)


class _Uses(SkipsTables):
    """The attribute names `root` uses when it runs (`x.name`, not text in its strings),
    and the special methods its operators run: a function when it is called, any other
    statement when it is executed."""

    def __init__(self, root: cst.CSTNode, lazy: bool, skip: frozenset[int],
                 hooks: GetattrHooks | None, typed: tuple[str, set[str]] | None,
                 plain: PlainValues | None = None) -> None:
        self.root, self.plain, self._lambdas = root, plain, 0
        self.typed = typed  # (the method's `self`, the names used on it)
        self.hooks = hooks if hooks is None or hooks.active else None
        self.local = local_names(root) if self.hooks else frozenset()
        self.owner = self.hooks.owners.get(id(root)) if self.hooks else None
        self.this = (self.hooks.self_param(root) if self.hooks and self.owner
                     and isinstance(root, cst.FunctionDef) else None)
        self.hooked = hooks is None  # no hooks known: any read may run one
        self.lazy = lazy  # `from __future__ import annotations`
        self.skip = skip  # defs whose bodies do not run (descriptors.property_functions)
        self.names: set[str] = set()
        self.operators: set[str] = set()
        self._scopes: list[bool] = []  # innermost last: whether a function's body
        self._unevaluated: set[int] = set()  # ids of Annotation nodes that never run here

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return not self.lazy and id(node) not in self._unevaluated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node is self.root:  # called: its own annotations ran with its `def`, if ever
            params = node.params
            every = [*params.posonly_params, *params.params, *params.kwonly_params]
            every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
            self._unevaluated |= {id(p.annotation) for p in every if p.annotation is not None}
            if node.returns is not None:
                self._unevaluated.add(id(node.returns))
        self._scopes.append(True)
        if id(node) not in self.skip:
            return True
        for decorator in node.decorators:  # a property made here: its body does not run
            decorator.visit(self)
        node.params.visit(self)
        if node.returns is not None:
            node.returns.visit(self)
        return False

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._scopes.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scopes.append(False)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._lambdas += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._lambdas -= 1

    def _may_hold(self, node: cst.BaseExpression) -> bool:
        """Whether `node` may be an instance of a class of the module (plain_values)."""
        if self.plain is None:
            return True
        root = self.root if isinstance(self.root, cst.FunctionDef) else None
        inside = OPAQUE if self._lambdas or len(self._scopes) != (root is not None) else root
        return not self.plain.plain(node, inside)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._scopes.pop()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.typed is not None and isinstance(node.value, cst.Name) \
                and node.value.value == self.typed[0]:
            self.typed[1].add(node.attr.value)
        else:
            self.names.add(node.attr.value)
        # `sentinel.DEFAULT` runs `__getattribute__`, and `__getattr__` for a name the
        # object lacks (mock's `_Sentinel.__getattr__` makes a `_SentinelObject`); not
        # `os.path` (see getattr_reads)
        if not self.hooked and self.hooks is not None and self.hooks.may_run(
                node, self.local, self.owner, self.this):
            self.hooked = True
        if self.hooked:
            self.operators |= GETATTR

    # operators run their operands' special methods (pyparsing: `a | b` runs __or__): of
    # the classes with instances at import time only, these names being everywhere; the
    # left operand's `__or__`, the right one's `__ror__`, unless it is plain
    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        stem = OPERATORS.get(type(node.operator).__name__)
        if stem and self._may_hold(node.left):
            self.operators.add(f"__{stem}__")
        if stem and self._may_hold(node.right):
            self.operators.add(f"__r{stem}__")

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        self.operators.add(_UNARY.get(type(node.operator).__name__, "__bool__"))

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        self.operators.add(_COMPARISONS.get(type(node.operator).__name__, "__eq__"))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if self._may_hold(node.value):
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
        stem = OPERATORS.get(type(node.operator).__name__.removesuffix("Assign"))
        if stem and self._may_hold(node.target):
            self.operators |= {f"__{stem}__", f"__i{stem}__"}
        if stem and self._may_hold(node.value):
            self.operators.add(f"__r{stem}__")

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self._scopes and self._scopes[-1]:  # a local variable's: never evaluated
            self._unevaluated.add(id(node.annotation))
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

    def visit_Import(self, node: cst.Import) -> bool:
        return False  # `import http.cookies`: a module path, not an attribute use

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False


def run_uses(node: cst.CSTNode, lazy: bool, operators: set[str],
             skip: frozenset[int] = frozenset(), hooks: GetattrHooks | None = None,
             typed: tuple[str, set[str]] | None = None, plain: PlainValues | None = None,
             ) -> set[str]:
    """The attribute names `node` uses when it runs, not in the bodies of the defs in
    `skip`; adds the special methods its operators run to `operators`. `lazy`: the module
    has `from __future__ import annotations`; `hooks`: the module's `__getattr__` classes
    (None: any attribute read may run one); `typed`: a method's `self` whose type is known
    (self_receivers.py) and the set that gets the names used on it, instead of the result;
    `plain`: the values no operator or subscript on runs a special method of the module's."""
    visitor = _Uses(node, lazy, skip, hooks, typed, plain)
    node.visit(visitor)
    operators |= visitor.operators
    return visitor.names
