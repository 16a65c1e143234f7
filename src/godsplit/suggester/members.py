"""A module-level alias of a class's member goes where the class goes (round 35).

`Sample = ObservableReturnTypes.Sample`, one line under the enum it re-binds, is part of
the enum's interface: the name a caller writes instead of `ObservableReturnTypes.Sample`.
Its maintainers keep it with the class. In every such alias of the 141 maintainers'
splits (PennyLane's eight `ObservableReturnTypes` members, pandera's eight `PandasDtype`
members) the alias went to its class's module. The graph bonds the alias to its class
only by one import-time read, and to a function of the same word (`Sample` and `sample`,
`MutualInfo` and `mutual_info`) by its name: suggest put PennyLane's `Sample` with
`sample()` and `MutualInfo` with `mutual_info()`, away from the enum.

An alias is a top-level `NAME = Class.attr` (a chain of attributes, `Class.a.b` too)
whose root is a class the file defines; a node every name of which is such an alias of
one class moves to the group of that class's node. Nothing else moves; then import-time
cycles are broken and exactly K made again, by the caller.
"""

from __future__ import annotations

import libcst as cst

from ..split.analyze import Analysis
from .graph import Graph
from .place import SHARED, break_cycles, exactly


def _root(value: cst.BaseExpression) -> str | None:
    """The name an attribute chain starts from (`A` of `A.b.c`); None if not a chain."""
    if not isinstance(value, cst.Attribute):
        return None
    while isinstance(value, cst.Attribute):
        value = value.value
    return value.value if isinstance(value, cst.Name) else None


def member_aliases(module: cst.Module) -> dict[str, str]:
    """Alias -> the class it re-binds a member of: top-level `NAME = Class.attr`, `Class`
    a class of the file."""
    classes = {s.name.value for s in module.body if isinstance(s, cst.ClassDef)}
    out: dict[str, str] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (isinstance(small, cst.Assign) and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Name)
                    and (root := _root(small.value)) in classes and root is not None):
                out[small.targets[0].target.value] = root
    return out


def with_class(analysis: Analysis, g: Graph, group: dict[int, int]) -> bool:
    """Move each node of aliases of one class's members to that class's group; True if
    any moved."""
    aliases = member_aliases(analysis.module)
    if not aliases:
        return False
    home = {name: n for n, node in enumerate(g.nodes) for name in node.names}
    moved = False
    for n, node in enumerate(g.nodes):
        owners = {aliases.get(name) for name in node.names}
        if len(owners) != 1 or None in owners:
            continue
        owner = home.get(next(iter(owners)) or "")
        if owner is None or owner == n or SHARED in (group[owner], group[n]) \
                or group[n] == group[owner]:
            continue
        group[n] = group[owner]
        moved = True
    return moved


def follow_classes(analysis: Analysis, g: Graph, group: dict[int, int], k: int, cap: int) -> None:
    """`with_class`, then import-time cycles broken and (with `--modules K`) exactly k
    groups again."""
    if with_class(analysis, g, group):
        break_cycles(g, group)
        if k:
            exactly(g, group, k, cap)
