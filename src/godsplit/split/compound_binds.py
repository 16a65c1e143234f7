"""What a compound statement under a top-level `if`/`try` may bind (classify's
conditional names).

numpy's `distutils/system_info.py` binds `vcpkg_root` in a `for` loop under `if vcpkg:`
under `if sys.platform == 'win32':`. Names bound in a loop or a `with` inside such a block
were neither sure nor maybe: imported unguarded from the new module holding the block,
they were missing on Linux (ImportError, rolled back after a clean plan). They are names
bound only maybe.
"""

from __future__ import annotations

import libcst as cst

from .imports import bound_name
from .nodes import target_names, walk


def bound_inside(stmt: cst.CSTNode) -> set[str]:
    """The names a compound statement may bind at the module's level (its loop targets,
    `with ... as`, assignments, imports, defs and classes in it; not inside those)."""
    out: set[str] = set()
    for node in walk(stmt, into_scopes=False):
        if isinstance(node, cst.Assign):
            out |= set().union(*(target_names(t.target) for t in node.targets))
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)):
            out |= target_names(node.target)
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            out |= target_names(node.asname.name)
        elif isinstance(node, (cst.Import, cst.ImportFrom)) and not isinstance(
                node.names, cst.ImportStar):
            out |= {bound_name(alias) for alias in node.names}
    for node in walk(stmt):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node is not stmt:
            out.add(node.name.value)  # (a nested def's own defs too: over-counted, guarded)
    return out
