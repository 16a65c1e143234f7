"""A relative import inside a function, re-based for its new depth, kept within the line length.

A moved function's own `from .x import y` gains a dot in a new module one package deeper
(`imports.rebase`). SQLObject 3.14's `sqlbuilder.py` has, in `def IN`, `from .sresults
import SelectResults  # Import here to avoid circular import`, 79 columns under its
flake8's 79; re-based to `from ..sresults` it was 80 (E501, new in the written file). Such
a line that fit before and no longer fits has its names put in parentheses, one per line,
as black writes a long import (its comment stays at the end of the statement).
"""

from __future__ import annotations

import libcst as cst


def _one_per_line(node: cst.ImportFrom, indent: str) -> cst.ImportFrom:
    assert not isinstance(node.names, cst.ImportStar)
    names = list(node.names)
    out = []
    for i, alias in enumerate(names):
        after = cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(), indent=True,
            last_line=cst.SimpleWhitespace("" if i == len(names) - 1 else indent))
        out.append(alias.with_changes(comma=cst.Comma(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=after)))
    opening = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), indent=True,
                                          last_line=cst.SimpleWhitespace(indent))
    return node.with_changes(names=out, lpar=cst.LeftParen(whitespace_after=opening),
                             rpar=cst.RightParen())


def _width(line: cst.SimpleStatementLine, columns: int) -> int:
    code = cst.Module([]).code_for_node(line.with_changes(leading_lines=()))
    return columns + len(code.rstrip("\r\n"))


def within(original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine,
           columns: int, limit: int, indent: str) -> cst.SimpleStatementLine:
    """`updated` (`original` with its import re-based), its names in parentheses where it
    is over `limit` at `columns` of indentation and `original` was not."""
    node = updated.body[0] if len(updated.body) == 1 else None
    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar) or (
            node.lpar is not None or _width(updated, columns) <= limit
            or _width(original, columns) > limit):
        return updated
    return updated.with_changes(body=[_one_per_line(node, indent)])
