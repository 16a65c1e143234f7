"""The nodes of a top-level statement that run while the module is imported."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from .nodes import walk


def runs_at_import(node: cst.CSTNode, annotations: bool = False) -> Iterator[cst.CSTNode]:
    """The nodes of top-level `node` that run when the module runs it: a def's decorators
    and defaults (and its annotations, with `annotations`: without `from __future__ import
    annotations`), a class's decorators, bases and body (its methods' likewise), never a
    function's or lambda's body."""
    if isinstance(node, cst.FunctionDef):
        params = node.params
        every = (*params.params, *params.kwonly_params, *params.posonly_params)
        parts: list[cst.CSTNode] = [*node.decorators, *(p.default for p in every if p.default)]
        if annotations:
            parts += [p.annotation for p in every if p.annotation]
            parts += [node.returns] if node.returns else []
        for part in parts:
            yield from walk(part, into_scopes=False)
        return
    if isinstance(node, cst.ClassDef):
        for part in (*node.decorators, *node.bases, *node.keywords):
            yield from walk(part, into_scopes=False)
        for stmt in node.body.body:
            yield from runs_at_import(stmt, annotations)
        return
    if isinstance(node, cst.Lambda):
        return
    yield node
    for child in node.children:
        yield from runs_at_import(child, annotations)
