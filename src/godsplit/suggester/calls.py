"""Which values of the file are made by calling another of its definitions by name
(`int32 = Integer('int32')`): the graph records them for `instances`, which finds the
file's tables of instances of its classes."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from ..split.analyze import Analysis


def calls(analysis: Analysis, clusters: list[list[int]], node_of: Mapping[str, int]
          ) -> dict[int, int]:
    """Node -> the node it calls by name: a node of one statement `x = C(...)` (or `a = b =
    C(...)`, `x: T = C(...)`) where `C` is bound by another node (`graph.build_graph`)."""
    out: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        stmts = [i for u in cluster for i in analysis.units[u].stmts]
        line = analysis.module.body[stmts[0]] if len(stmts) == 1 else None
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            continue
        small = line.body[0]
        value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            callee = node_of.get(value.func.value)
            if callee is not None and callee != index:
                out[index] = callee
    return out
