"""`globals()` handed to an absolute `__import__`: a read the import never makes.

`__import__(name, globals(), locals(), fromlist)` is an old spelling of an import (Pillow's
`Image.init()` loads every plugin so). The namespace it is given serves only to resolve a
relative name (`level` > 0); with `level` 0, the default, the import ignores it, so the
code does not find the module it runs in and can move like any other. With a `level`
that is not the literal 0 it does: the relative name resolves from the module's package.
"""

from __future__ import annotations

import libcst as cst

from .nodes import walk

# positional place and keyword of `__import__(name, globals=None, locals=None,
# fromlist=(), level=0)`'s namespaces and level
_NAMESPACES = {1: "globals", 2: "locals"}
_LEVEL = (4, "level")


def _is_import(func: cst.BaseExpression) -> bool:
    """`__import__` or `importlib.__import__`."""
    if isinstance(func, cst.Name):
        return func.value == "__import__"
    return (isinstance(func, cst.Attribute) and func.attr.value == "__import__"
            and isinstance(func.value, cst.Name) and func.value.value == "importlib")


def _argument(call: cst.Call, place: int, keyword: str) -> cst.BaseExpression | None:
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if place < len(positional):
        return positional[place].value
    return next((a.value for a in call.args
                 if a.keyword is not None and a.keyword.value == keyword), None)


def _absolute(call: cst.Call) -> bool:
    if any(a.star for a in call.args):
        return False  # `__import__(*args)`: its level is unknown
    level = _argument(call, *_LEVEL)
    return level is None or (isinstance(level, cst.Integer) and level.evaluated_value == 0)


def ignored_namespaces(stmt: cst.CSTNode) -> frozenset[int]:
    """Ids of the `globals()`/`locals()` calls in `stmt` given to an absolute `__import__`
    as its namespaces: they neither find nor write the module's namespace."""
    found: set[int] = set()
    for node in walk(stmt):
        if not (isinstance(node, cst.Call) and _is_import(node.func) and _absolute(node)):
            continue
        for place, keyword in _NAMESPACES.items():
            value = _argument(node, place, keyword)
            if (isinstance(value, cst.Call) and isinstance(value.func, cst.Name)
                    and value.func.value in ("globals", "locals") and not value.args):
                found.add(id(value))
    return frozenset(found)
