"""Names read in PEP 484 type comments: `x = []  # type: List[Foo]`, `# type: (int) -> Bar`.

Python never evaluates them and LibCST's scope analysis does not see them, but mypy and
pyright read them in the module that holds the code: a function moved to a new module
still names `Foo` and `Bar` there, so that module must import them as the source does
(under `TYPE_CHECKING` when the source imports them there; pip 20's `wheel.py`). Such a
read is an annotation read, never made at run time; linters that do not read type
comments (ruff, pyflakes 3 and later) report an import only they read as unused, so it is
a hint (`Analysis.hint_reads`): imported with a targeted `# noqa: F401`.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
from collections.abc import Collection, Iterator, Sequence

_ANY = re.compile(r"#\s*type:")
_COMMENT = re.compile(r"#\s*type:\s*(?P<type>[^#]*)")


def type_comment_reads(
    text: str, starts: Sequence[int], names: Collection[str],
    reads: dict[int, dict[str, list[bool]]],
) -> dict[int, set[str]]:
    """Add each name of `names` that a type comment reads to the reads of the top-level
    statement holding the comment (`starts`: their first lines), as an annotation read.
    Returns, by statement, the names no other read of it makes (hints)."""
    hints: dict[int, set[str]] = {}
    if not _ANY.search(text):  # most modules have none: no tokenizing
        return hints
    for line, comment in _comments(text):
        index = bisect.bisect_right(starts, line) - 1
        if not 0 <= index < len(starts) - 1:
            continue
        for name in _names(comment) & set(names):
            if name not in reads[index]:
                reads[index][name] = [False, True]
                hints.setdefault(index, set()).add(name)
    return hints


def comment_types(text: str) -> list[str]:
    """The types of the type comments of `text` (`# type: ignore` left out)."""
    return [kind for _, kind in _comments(text)] if _ANY.search(text) else []


def _comments(text: str) -> Iterator[tuple[int, str]]:
    """(line, type) of each type comment other than `# type: ignore`."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and (match := _COMMENT.match(token.string)):
                kind = match["type"].strip()
                if kind and not re.match(r"ignore\b", kind):
                    yield token.start[0], kind
    except (tokenize.TokenError, SyntaxError):
        return


def _names(comment: str) -> set[str]:
    """The plain names a type comment's type reads (`a.B`: `a`), in its strings too."""
    try:
        tree: ast.AST = ast.parse(comment, mode="func_type" if "->" in comment else "eval")
    except (SyntaxError, ValueError, RecursionError):
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found |= _names(node.value)
    return found
