"""How deep a source's statements nest, asked of Python's own parser before LibCST reads it.

LibCST's native parser takes time that grows with the square of a statement's nesting (a
chain `1 + 1 + ...` of 3,000 terms: 16 s; of 20,000: over ten minutes) and holds the GIL
all along, so neither Ctrl-C nor SIGTERM can stop godsplit meanwhile; and once parsed,
LibCST's visitors and code generation recurse at least twice a level, so a statement
nested `sys.getrecursionlimit() // 2` deep fails anyway (RecursionError: `split/parsing.py`
says so after the parse). Python's parser reads such a statement in milliseconds, or gives
up (RecursionError or MemoryError: then the module cannot be imported either). Either way
godsplit stops at once with an input error naming the statement, before LibCST is called.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
import warnings
from pathlib import Path

from .configtypes import GodsplitError

_LEAVES = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
class TooDeep(GodsplitError):
    """A statement nested deeper than LibCST can read (or Python's own parser)."""


_SPACE = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE)
_ADVICE = ("Build such a value from a list (`sum(...)`, `''.join(...)`, a dict of cases), or "
           "leave this file out of the split")


def check_depth(tree: ast.Module, text: str, path: Path) -> None:
    """A GodsplitError at the first top-level statement that nests `limit` (half the
    recursion limit) levels deep or more, which LibCST cannot walk."""
    limit = sys.getrecursionlimit() // 2
    starts = _line_starts(text)

    def too_small(node: ast.AST, room: int) -> bool:  # each level takes a byte or more
        end = getattr(node, "end_lineno", None)
        if end is None:
            return False
        first = starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        size: int = starts[end - 1] + node.end_col_offset - first  # type: ignore[attr-defined]
        return 2 * size < room

    for stmt in tree.body:
        if too_small(stmt, limit):
            continue
        stack: list[tuple[ast.AST, int]] = [(stmt, 1)]
        while stack:
            node, depth = stack.pop()
            if depth >= limit:
                raise TooDeep(
                    f"cannot analyse: this statement nests {limit:,} levels deep or more{_what(stmt)}; "
                    "LibCST, which godsplit reads code with, recurses at least twice a level and "
                    f"stops at Python's recursion limit ({sys.getrecursionlimit():,}), and its parser "
                    f"takes minutes on such a statement. {_ADVICE}", path, stmt.lineno)
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, _LEAVES) and not too_small(child, limit - depth):
                    stack.append((child, depth + 1))


def python_gave_up(text: str, path: Path, error: BaseException) -> TooDeep:
    """The error for a source Python's own parser or compiler gave up on (RecursionError, or
    MemoryError from its parser's stack): at the logical line with the most tokens."""
    cause = "RecursionError" if isinstance(error, RecursionError) else "MemoryError"
    return TooDeep(
        f"cannot analyse: Python's own compiler gives up on this statement ({cause}: it nests too "
        f"deep), so the module cannot be imported either. {_ADVICE}", path, _busiest_line(text))


def _what(stmt: ast.stmt) -> str:
    """`: a chain of 20,000 `+` terms`, where the statement holds such a chain."""
    from .split.parsing import chain_in

    chain = chain_in(stmt)
    return f" (a chain of {chain[0]:,} `{chain[1]}` terms)" if chain and chain[0] > 100 else ""


def _line_starts(text: str) -> list[int]:
    """The UTF-8 byte offset of each line (ast's columns are UTF-8 bytes)."""
    starts = [0]
    ascii_only = text.isascii()
    for line in text.split("\n"):
        size = len(line) if ascii_only else len(line.encode("utf-8", "surrogatepass"))
        starts.append(starts[-1] + size + 1)
    return starts


def _busiest_line(text: str) -> int | None:
    """The first line of the logical line with the most tokens, by Python's tokenizer."""
    best: tuple[int, int | None] | None = None
    count, first = 0, None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if first is None and token.type not in _SPACE:
                first = token.start[0]
            count += 1
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                if best is None or count > best[0]:
                    best = (count, first)
                count, first = 0, None
    except (tokenize.TokenError, SyntaxError):
        pass
    if first is not None and (best is None or count > best[0]):
        best = (count, first)
    return None if best is None else best[1]


def check_text(text: str, path: Path) -> None:
    """`check_depth` for a file godsplit only searches (a project file): a GodsplitError if
    LibCST cannot read it in reasonable time; a syntax error is left to LibCST's parse."""
    with warnings.catch_warnings():  # SyntaxWarnings (invalid escapes) are not ours to print
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(text, str(path))
        except (SyntaxError, ValueError):
            return
        except (RecursionError, MemoryError) as exc:
            raise python_gave_up(text, path, exc) from None
    check_depth(tree, text, path)
