"""What a factory makes at import time stays with the factory.

`D1xx = ErrorRegistry.create_group("D1", ...)` and `D100 = D1xx.create_error("D100", ...)`:
a value bound to what a method of another definition of the file returns, called while
the module is imported, is that definition's product (an error code its registry creates,
a group a registry hands out). Maintainers declare the products beside their maker (the
error codes with the registry that lists them), not beside the code that uses them; a
helper otherwise follows the code that reads it most (`place.to_helpers`), which took
each error code to the checker that reports it. An instance made by calling a class
(`parse = Parser()`) is not a product: it stays a helper of its readers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import libcst as cst

from ..split.analyze import Analysis


def _root(call: cst.BaseExpression) -> str | None:
    """`D1xx` of `D1xx.create_error(...)` (and of `a.b.make(...)`), else None: the call
    must be a method of a name."""
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return None
    owner: cst.BaseExpression = call.func.value
    while isinstance(owner, cst.Attribute):
        owner = owner.value
    return owner.value if isinstance(owner, cst.Name) else None


def _assigned(analysis: Analysis, clusters: list[list[int]]
              ) -> Iterator[tuple[int, cst.Assign | cst.AnnAssign]]:
    """Each node of one statement that is an assignment alone on its line, with it."""
    for index, cluster in enumerate(clusters):
        stmts = [i for u in cluster for i in analysis.units[u].stmts]
        line = analysis.module.body[stmts[0]] if len(stmts) == 1 else None
        if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(
                small := line.body[0], (cst.Assign, cst.AnnAssign)):
            yield index, small


def made_by(analysis: Analysis, clusters: list[list[int]], node_of: Mapping[str, int]) -> dict[int, int]:
    """Node -> the node whose method makes it: a node of one statement `X = M.f(...)` (or
    `X: T = M.f(...)`) where `M` is bound by another node."""
    out: dict[int, int] = {}
    for index, small in _assigned(analysis, clusters):
        if isinstance(small, cst.Assign) and (
                len(small.targets) != 1 or not isinstance(small.targets[0].target, cst.Name)):
            continue
        if isinstance(small, cst.AnnAssign) and not isinstance(small.target, cst.Name):
            continue
        maker = node_of.get(_root(small.value) or "") if small.value is not None else None
        if maker is not None and maker != index:
            out[index] = maker
    return out


def calls(analysis: Analysis, clusters: list[list[int]], node_of: Mapping[str, int]
          ) -> dict[int, int]:
    """Node -> the node it calls by name: a node of one statement `x = C(...)` (or `a = b =
    C(...)`, `x: T = C(...)`) where `C` is bound by another node: what `instances` reads to
    find the file's tables of instances of its classes."""
    out: dict[int, int] = {}
    for index, small in _assigned(analysis, clusters):
        value = small.value
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            callee = node_of.get(value.func.value)
            if callee is not None and callee != index:
                out[index] = callee
    return out


def follow_makers(
    makers: Mapping[int, int], line: Mapping[int, int], group: dict[int, int], shared: int
) -> None:
    """Each product goes to its maker's group, in file order (a product of a product
    follows the first one's maker); nothing moves in or out of the shared group."""
    for product in sorted(makers, key=lambda n: line[n]):
        maker = makers[product]
        if group[product] != shared and group[maker] != shared:
            group[product] = group[maker]
