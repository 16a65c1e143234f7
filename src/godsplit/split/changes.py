"""Whether a top-level statement may change what a name holds (GS121).

A definition carries the statements that bind nothing and read it (its registrations), and
GS121 takes those after a read for changes of the name. `Image.register_open(TiffImageFile
.format, TiffImageFile, _accept)` hands the class to a call, which may change it;
`Image.register_mime(TiffImageFile.format, "image/tiff")` only reads an attribute of it.
"""

from __future__ import annotations

import libcst as cst

from .nodes import innermost, target_names


def may_change(stmt: cst.CSTNode, name: str, *, rebind_only: bool = False) -> bool:
    """Whether `stmt` (code run at import time; bodies of defs and lambdas not entered) may
    bind `name`, or change the object it holds: assign to or delete an attribute or item of
    it, call a method of it, hand it to a call, or bind it anew. Reading an attribute of it
    (`f(X.format)`) does not. With `rebind_only`, only whether it may bind the name anew (a
    new object, or none: `X = ...`, `del X`, `def X`, `import X`), not change the object."""
    found = False

    def visit(node: cst.CSTNode, parent: cst.CSTNode | None) -> None:
        nonlocal found
        if isinstance(node, cst.FunctionDef) and node.name.value == name:
            found = True  # `def X` binds it
        if found or (isinstance(node, (cst.FunctionDef, cst.Lambda)) and parent is not None):
            return
        if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Del, cst.For,
                             cst.With, cst.Import, cst.ImportFrom, cst.ClassDef)) or (
                isinstance(node, cst.NamedExpr)):
            found = _binds_or_writes(node, name, rebind_only)
        elif rebind_only:
            pass
        elif isinstance(node, cst.Call) and _rooted(node.func, name) and not isinstance(
                node.func, cst.Name):
            found = True  # X.method(...)
        elif isinstance(node, cst.Arg) and isinstance(node.value, cst.Name) and (
                node.value.value == name):
            found = True  # f(X)
        for child in node.children:
            visit(child, node)

    visit(stmt, None)
    return found


def _rooted(expr: cst.BaseExpression, name: str) -> bool:
    """`X`, `X.a`, `X[k]`, `X.a.b[k]`: an expression whose innermost value is `name`."""
    return isinstance(root := innermost(expr), cst.Name) and root.value == name


def _binds_or_writes(node: cst.CSTNode, name: str, rebind_only: bool = False) -> bool:
    targets: list[cst.BaseExpression]
    if isinstance(node, cst.Assign):
        targets = [t.target for t in node.targets]
    elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del, cst.For, cst.NamedExpr)):
        targets = [node.target]
    elif isinstance(node, cst.With):
        targets = [i.asname.name for i in node.items if i.asname is not None]
    elif isinstance(node, cst.ClassDef):
        return node.name.value == name
    else:  # an import: what it binds
        assert isinstance(node, (cst.Import, cst.ImportFrom))
        if isinstance(node.names, cst.ImportStar):
            return True
        return any((a.evaluated_alias or a.evaluated_name).split(".")[0] == name
                   for a in node.names)
    return any(name in target_names(t) or (not rebind_only and _rooted(t, name)) for t in targets)
