"""A loop variable that shadows a name the new module imports (pyflakes' F402).

In the god file `fn = Helper()` was an assignment and a method's `for name, fn in ...`
shadowed nothing a linter flags; in the new module `fn` is imported from its sibling, and
pyflakes and ruff report "import `fn` shadowed by loop variable". The loop line gets a
targeted `# noqa: F402` where the project's linter enables the rule: the code is the
same, only the binding it shadows became an import.

pyflakes reports the shadowing of any module-level import; ruff only of one in the same
branch as the loop, not of an import written in a `try:` block (the guarded import of a
mixed cycle, of a name the sibling binds only conditionally): there a `# noqa: F402`
would be ruff's RUF100, an unused noqa (tomlkit's `items.py`, whose `for item in ...`
shadows the factory `item` a sibling imports last).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

import libcst as cst

from ..types import Edge
from .nodes import target_names
from .style import Style

_BLANKET = re.compile(r"#\s*noqa\b(?!\s*:)", re.IGNORECASE)


def comment_row(lines: Sequence[str], index: int) -> int:
    """Where a comment for the statement at `lines[index]` can go: that line, or the last
    line of its backslash continuation (no comment may follow a backslash; isort 5 and 6
    wrap a long `from m import a as a` with backslashes: edx-enterprise's facade, round
    30, got `import \\  # noqa: F401`, which does not parse)."""
    end = index
    while end + 1 < len(lines) and lines[end].rstrip("\r\n").endswith("\\"):
        end += 1
    return end


def noqa_comment(old: str, *codes: str) -> str:
    """`old` (a trailing comment, a line's code and comment, or "") with `codes` added to
    its closing `# noqa: ...` (those it does not list already), or a new one; `old`
    itself when it holds a bare `# noqa`, which covers every code already (billiard's
    `from os import kill as _kill  # noqa` got `  # noqa: F401` after it)."""
    if _BLANKET.search(old):
        return old
    found = re.search(r"# noqa: ?([\w, ]+)$", old)
    had = re.split(r"[, ]+", found[1].strip()) if found else []
    new = ", ".join(c for c in dict.fromkeys(codes) if c not in had)
    if not new:
        return old
    if found:
        return f"{old}, {new}"
    return f"{old}  # noqa: {new}" if old else f"# noqa: {new}"


class _Marker(cst.CSTTransformer):
    def __init__(self, names: Collection[str]) -> None:
        self.names = names
        self.marked = False

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        if not target_names(original_node.target) & set(self.names):
            return updated_node
        self.marked = True
        body = updated_node.body
        if isinstance(body, cst.IndentedBlock):
            header = body.header
            return updated_node.with_changes(body=body.with_changes(header=_marked(header)))
        assert isinstance(body, cst.SimpleStatementSuite)
        return updated_node.with_changes(
            body=body.with_changes(trailing_whitespace=_marked(body.trailing_whitespace)))


def _marked(trailing: cst.TrailingWhitespace) -> cst.TrailingWhitespace:
    old = trailing.comment.value if trailing.comment else ""
    if re.search(r"# noqa(?!:)|F402", old):  # already covered (a bare noqa: all codes)
        return trailing
    return trailing.with_changes(whitespace=cst.SimpleWhitespace("  "),
                                 comment=cst.Comment(noqa_comment(old, "F402")))


@lru_cache(maxsize=4096)  # asked for each loop-holding statement of each plan
def loop_target_names(code: str) -> frozenset[str] | None:
    """Every name in the target of a `for` statement in `code` (a top-level statement's
    text, as the source has it), by Python's own parser; None if it cannot read it."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return frozenset(name.id for loop in ast.walk(tree) if isinstance(loop, (ast.For, ast.AsyncFor))
                     for name in ast.walk(loop.target) if isinstance(name, ast.Name))


def mark_loops(stmt: cst.BaseStatement, imported: Collection[str], code: str | None = None
               ) -> cst.BaseStatement:
    """`stmt` with `# noqa: F402` on each `for` whose target binds a name of `imported`
    (the same node when there is none). `code`: the source's text of the statement, whose
    loops bind the same names (edits change reads, not loop targets): when none of them
    is imported, the statement is not transformed (a LibCST transform of a long class)."""
    if not imported:
        return stmt
    targets = loop_target_names(code) if code is not None else None
    if targets is not None and targets.isdisjoint(imported):
        return stmt
    marker = _Marker(imported)
    result = stmt.visit(marker)
    assert isinstance(result, cst.BaseStatement)
    return result if marker.marked else stmt


def shadowed_imports(style: Style | None, path: Path, edges: Sequence[Edge],
                     conditional: Collection[str]) -> set[str]:
    """The names `edges` (a new module's imports from its siblings) bind whose shadowing by
    a loop the project's linters report at `path`: under pyflakes (flake8) every one; under
    ruff those not imported in a `try:` block (a guarded import of a mixed cycle, a name
    bound only conditionally)."""
    names = {n for e in edges for n in e.names}
    if style is None or (style.flake8 is not None and style.flake8.enables("F402", path)):
        return names
    if style.ruff is None or not style.ruff.enables("F402", path):
        return set()
    return {n for e in edges if not (e.deferred and e.backpatch) for n in e.names
            if n not in conditional}
