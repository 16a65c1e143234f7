"""The statements a module runs at module level: its body and, at any depth, the blocks of
its compound statements (`if`, `try`, `with`, `for`, `while`, `match`), never those of a
`def` or a `class`. One walker for pylint's unused imports (`pylint_unused`), mypy's
implicit re-exports (`checker_marks`) and pyflakes' module-level imports (`pyflakes_marks`),
each with its own filter of the blocks to enter."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

# (the statement, the field holding the block: "body", "orelse", "handlers", "finalbody",
# "cases") -> whether its statements are walked
Enter = Callable[[ast.stmt, str], bool]
_LOOPS = (ast.If, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While)
_TRIES = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def module_level(body: list[ast.stmt], enter: Enter | None = None) -> Iterator[ast.stmt]:
    """Each statement run at module level, in source order: a statement, then those of its
    blocks (`enter` says which; all by default). Iterative: deep nesting costs no recursion."""
    stack: list[Iterator[ast.stmt]] = [iter(body)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        blocks = [b for field, b in _blocks(node) if enter is None or enter(node, field)]
        stack.extend(iter(b) for b in reversed(blocks) if b)


def _blocks(node: ast.stmt) -> list[tuple[str, list[ast.stmt]]]:
    if isinstance(node, _LOOPS):
        return [("body", node.body), ("orelse", getattr(node, "orelse", []))]
    if isinstance(node, _TRIES):
        return [("body", node.body), *(("handlers", h.body) for h in node.handlers),
                ("orelse", node.orelse), ("finalbody", node.finalbody)]
    if isinstance(node, ast.Match):
        return [("cases", case.body) for case in node.cases]
    return []
