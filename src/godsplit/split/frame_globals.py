"""Functions and classes that reach their module's namespace through a frame or a function
object, not `globals()`: `sys._getframe().f_globals[name]`,
`inspect.currentframe().f_globals`, `lookup.__globals__` of one of the module's own
functions. Moved, that namespace is the new module's, which lacks what stays behind (a
KeyError after a "verified" split); like `globals()` (`classify.reads_globals_inside`)
such code stays in the old module. A caller's frame (`sys._getframe(1)`) is not the
module's, nor a function handed in (`fn.__globals__` of a parameter).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import libcst as cst

from .nodes import walk

TEXTS = ("f_globals", "__globals__")
_OWN_FRAME = frozenset({"_getframe", "currentframe"})


def own_namespace_readers(module: cst.Module, codes: Sequence[str]) -> set[int]:
    """The top-level functions and classes (by index) that read their own frame's
    `f_globals`, or `__globals__` of a function the module defines at its top level."""
    functions = {stmt.name.value for stmt in module.body if isinstance(stmt, cst.FunctionDef)}
    return {i for i, stmt in enumerate(module.body)
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef))
            and any(t in codes[i] for t in TEXTS) and _reads(stmt, functions)}


def _reads(stmt: cst.BaseStatement, functions: Collection[str]) -> bool:
    for node in walk(stmt):
        if not isinstance(node, cst.Attribute):
            continue
        if node.attr.value == "f_globals" and _own_frame(node.value):
            return True
        if (node.attr.value == "__globals__" and isinstance(node.value, cst.Name)
                and node.value.value in functions):
            return True
    return False


def _own_frame(node: cst.BaseExpression) -> bool:
    """`sys._getframe()`, `sys._getframe(0)`, `inspect.currentframe()`: the running frame."""
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    if name not in _OWN_FRAME:
        return False
    return not node.args or (len(node.args) == 1 and isinstance(node.args[0].value, cst.Integer)
                             and node.args[0].value.value == "0")


def sets_own_attribute(stmt: cst.BaseStatement) -> bool:
    """Whether top-level code binds a name by setting an attribute of its own module:
    `sys.modules[__name__].EXTRA = 5`, `setattr(sys.modules[__name__], "EXTRA", 5)`. Code
    reading `EXTRA` as a global finds it in the old module only (NameError, moved)."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    for node in walk(stmt, into_scopes=False):
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
            targets = [node.target]
        elif (isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
              and node.func.value == "setattr" and node.args):
            targets = [cst.Attribute(node.args[0].value, cst.Name("x"))]
        if any(isinstance(t, cst.Attribute) and _own_module(t.value) for t in targets):
            return True
    return False


def _own_module(node: cst.BaseExpression) -> bool:
    """`sys.modules[__name__]`."""
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1
            and isinstance(node.value, cst.Attribute) and node.value.attr.value == "modules"):
        return False
    index = node.slice[0].slice
    return (isinstance(index, cst.Index) and isinstance(index.value, cst.Name)
            and index.value.value == "__name__")
