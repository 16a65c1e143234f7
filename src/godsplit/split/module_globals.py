"""GS140: moved code reading the module's `__annotations__`.

`x: int = 1` at the top of a module fills the module's `__annotations__`; a function that
reads it (`return dict(__annotations__)`, a settings loader walking the declared names)
reads the module it is defined in. Moved, it reads its new module's: other annotations,
or none at all (a NameError: a module without annotations has no `__annotations__`).
godsplit cannot hand it the old module's at import time in every layout, so it is a plan
error naming the read; the code stays in the old module (`keep`).
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from ..types import Finding
from .analyze import Analysis


def _reads(node: cst.CSTNode, in_class_body: bool = False) -> bool:
    """Whether `node` reads the module global `__annotations__` (a class body's own is
    the class's: not those)."""
    if isinstance(node, cst.Name) and node.value == "__annotations__":
        return not in_class_body
    if isinstance(node, cst.Attribute):
        return _reads(node.value, in_class_body)  # not `x.__annotations__`
    if isinstance(node, cst.ClassDef):
        return any(_reads(d, in_class_body) for d in node.decorators) or any(
            _reads(child, True) for child in node.body.children)
    if isinstance(node, (cst.FunctionDef, cst.Lambda)):
        return any(_reads(child) for child in node.children)
    return any(_reads(child, in_class_body) for child in node.children)


def annotations_reads(analysis: Analysis, moved: Collection[int]) -> list[Finding]:
    """GS140 at each moved top-level statement (index in `moved`) reading the module's
    `__annotations__`."""
    return [Finding(
        "GS140", "error", "moved code reads the module's `__annotations__`: in its new "
        "module it would read that module's (other annotations, or none: NameError); keep "
        "this code in the old module (`keep`)", str(analysis.path), analysis.code_line(i))
        for i in sorted(moved) if "__annotations__" in analysis.code(i)
        and _reads(analysis.module.body[i])]
