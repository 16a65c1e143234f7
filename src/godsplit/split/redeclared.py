"""`if TYPE_CHECKING:` blocks that redeclare, for the type checker only, a name a definition
of the module binds at run time: twisted's `defer.py` declares overloads of `_DeferredList`
and `DeferredList = _DeferredList` under `if TYPE_CHECKING:`, then defines
`class DeferredList(...)  # type: ignore[no-redef]`. The checker sees the declaration,
Python the class. Such a block belongs to that definition: one unit with it, it moves with
it, in source order, and the new module declares to the checker what the old one did.
Left in the facade as a TYPE_CHECKING block, it followed the facade's import of the class:
mypy's "Cannot assign to a type", the class's `type: ignore[no-redef]` unused, and every
caller typed against the class instead of the declaration.

A block holding an import is left as it is (a TYPE_CHECKING import others may read)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from .classify import UnitKind
from .nodes import target_names, walk


def redeclarations(module: cst.Module, kinds: Sequence[UnitKind],
                   bound: Mapping[int, set[str]]) -> dict[int, int]:
    """Statement index -> the earlier statement index whose unit it joins: a definition
    joins the TYPE_CHECKING block before it that declares one of its names, or such a
    block the definition before it (the nearest one after the block, else before)."""
    joins: dict[int, int] = {}
    taken: set[int] = set()
    for index, stmt in enumerate(module.body):
        if kinds[index] != "type_checking" or not _declares_only(stmt):
            continue
        declared = bound.get(index, set())
        order = [*range(index + 1, len(kinds)), *range(index - 1, -1, -1)]
        owner = next((j for j in order if kinds[j] == "definition" and j not in taken
                      and j not in joins and bound.get(j, set()) & declared), None)
        if owner is not None:
            joins[max(index, owner)] = min(index, owner)
            taken.add(owner)
    return joins


def kinds_with(kinds: Sequence[UnitKind], joins: Mapping[int, int]) -> list[UnitKind]:
    """The joined TYPE_CHECKING blocks are part of a definition now."""
    blocks = {i for pair in joins.items() for i in pair if kinds[i] == "type_checking"}
    return ["definition" if i in blocks else kind for i, kind in enumerate(kinds)]


def _declares_only(stmt: cst.BaseStatement) -> bool:
    """Defs, classes and assignments only (no import, nothing that may delete a name)."""
    if not isinstance(stmt, cst.If) or not isinstance(stmt.body, cst.IndentedBlock):
        return False
    for node in walk(stmt.body, into_scopes=False):
        if isinstance(node, (cst.Import, cst.ImportFrom, cst.Del, cst.Global)):
            return False
    return any(isinstance(line, (cst.FunctionDef, cst.ClassDef)) or (
        isinstance(line, cst.SimpleStatementLine) and any(
            isinstance(s, (cst.Assign, cst.AnnAssign)) and _targets(s) for s in line.body))
        for line in stmt.body.body)


def _targets(small: cst.Assign | cst.AnnAssign) -> set[str]:
    if isinstance(small, cst.AnnAssign):
        return target_names(small.target) if small.value is not None else set()
    return set().union(*(target_names(t.target) for t in small.targets))

