"""The file's re-exports: an imported name bound again under the file's name (round 28).

A god file can bind names to objects other modules define, under the same name
(`BaseValue = _base.BaseValue`), so that code importing the old module keeps finding them
there. Such a line is an import under another spelling, and maintainers treat it as one:

- A class of the file deriving from a re-exported class is no more in a family with its
  siblings than classes deriving from any imported base. The graph's family bond (a class
  and its first base in the file, three times a call) would pull every such class into one
  module around a one-line alias; so a re-export is no base "in the file" for the graph
  (`build_graph`). It is still read at import time by the classes deriving from it.
- The re-exports stay together, apart from the definitions that moved (pytype's
  `abstract.py`: its maintainers split the classes by topic into five modules and kept the
  twenty re-exports in the old module). Helpers otherwise follow the group that reads them
  most, which scatters the re-exports over every module. When code of two or more groups
  needs them at import time (classes deriving from them), they go to the shared module,
  together: what several modules need at import time is what that module holds
  (`to_shared`). Else they follow their readers, as an import would be copied there: with
  `--modules K` the shared module is one of the K, too dear for two helpers read at call
  time (pytest's `isfunction = inspect.isfunction`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import libcst as cst

from ..split.analyze import Analysis

if TYPE_CHECKING:  # (the graph reads `reexported`: no import of it at run time)
    from .graph import Graph


def _root(expr: cst.BaseExpression) -> str | None:
    """The name a dotted name starts with (`a` of `a.b.c`), else None."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _same_name(assign: cst.Assign) -> bool:
    """`X = a.b.X`: one name bound to an attribute of the same name."""
    target, value = assign.targets[0].target, assign.value
    return (len(assign.targets) == 1 and isinstance(target, cst.Name)
            and isinstance(value, cst.Attribute) and value.attr.value == target.value)


def reexported(analysis: Analysis, clusters: Sequence[Sequence[int]]) -> frozenset[int]:
    """The clusters (by index) that are one statement `X = a.X` or `X = a.b.X`, where `a`
    is bound only by the file's imports."""
    kinds = {u.id: u.kind for u in analysis.units}
    out = set()
    for index, cluster in enumerate(clusters):
        stmts = [i for u in cluster for i in analysis.units[u].stmts]
        if len(stmts) != 1:
            continue
        stmt = analysis.module.body[stmts[0]]
        if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
            continue
        assign = stmt.body[0]
        if not (isinstance(assign, cst.Assign) and _same_name(assign)):
            continue
        bound = analysis.binders.get(_root(assign.value) or "", ())
        if bound and all(kinds[u] == "import" for u in bound):
            out.add(index)
    return frozenset(out)


def to_shared(g: Graph, group: dict[int, int]) -> None:
    """The re-exports go to the shared module together when code of two or more groups
    needs some of them at import time (a class deriving from one); else each stays where
    the helpers step put it."""
    from .place import SHARED  # (`place` imports the graph, which imports this module)

    needing = {group[r] for r, needed in g.early.items()
               if r >= 0 and r not in g.reexports and needed & g.reexports}
    if len(needing) >= 2:
        for n in g.reexports:
            group[n] = SHARED
