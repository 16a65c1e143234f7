"""A loop variable that shadows a name the new module imports (pyflakes' F402).

In the god file `fn = Helper()` was an assignment and a method's `for name, fn in ...`
shadowed nothing a linter flags; in the new module `fn` is imported from its sibling, and
pyflakes and ruff report "import `fn` shadowed by loop variable". The loop line gets a
targeted `# noqa: F402` where the project's linter enables the rule: the code is the
same, only the binding it shadows became an import.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import libcst as cst

from .nodes import target_names


def noqa_comment(old: str, *codes: str) -> str:
    """`old` (a trailing comment, a line's code and comment, or "") with `codes` added to
    its closing `# noqa: ...` (those it does not list already), or a new one."""
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


def mark_loops(stmt: cst.BaseStatement, imported: Collection[str]) -> cst.BaseStatement:
    """`stmt` with `# noqa: F402` on each `for` whose target binds a name of `imported`
    (the same node when there is none)."""
    if not imported:
        return stmt
    marker = _Marker(imported)
    result = stmt.visit(marker)
    assert isinstance(result, cst.BaseStatement)
    return result if marker.marked else stmt
