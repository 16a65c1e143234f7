"""The blank lines around the import blocks `normalize.assemble` writes into a file: after
an import block as isort and ruff want them (the project's lines-after-imports, two before
a definition or the comments right above one, else one), and before a block that follows
a def or class."""

from __future__ import annotations

import re

from .grouping import ISORT_ON

AFTER_IMPORTS = "\0after-imports\0"
AFTER_BLOCK = "\0after-block\0"
_DEFINITION = re.compile(r"(?:async\s+def|def|class)\b|@")


def after_definition(text: str) -> bool:
    """Whether the last top-level statement of `text` is a def or class."""
    for line in reversed(text.splitlines()):
        if line.strip() and not line[0].isspace() and not line.startswith(("#", ")")):
            return bool(_DEFINITION.match(line))
    return False


def ends_with_import(text: str) -> bool:
    top = [line for line in text.splitlines() if line and not line[0].isspace() and line != ")"]
    return bool(top) and (top[-1].startswith(("import ", "from ")) or top[-1] == ISORT_ON)


def _detached_comment_apart(body: str) -> str:
    """Comment lines that a blank line keeps from the def or class below them, right after
    the imports: isort and ruff put one blank line before such comments (they are not the
    def's), so pycodestyle's E302 (and the formatters) need two between them and the def."""
    lines = body.split("\n")
    comments = 0
    while comments < len(lines) and lines[comments].startswith("#"):
        comments += 1
    gap = comments
    while gap < len(lines) and not lines[gap].strip():
        gap += 1
    if not comments or gap == comments or gap - comments >= 2 or gap == len(lines) or (
            not _DEFINITION.match(lines[gap])):
        return body
    return "\n".join([*lines[:comments], "", "", *lines[gap:]])


def space_after_imports(parts: list[str], after: int = -1) -> str:
    """The blank lines after an import block, as isort and ruff want them: `after` (the
    project's lines-after-imports), else two before a definition or its comments, else one."""
    out = ""
    pending = ""
    for part in parts:
        if part in (AFTER_IMPORTS, AFTER_BLOCK):
            pending = part
            continue
        if pending and part.strip():
            body = part.lstrip("\n")
            blank = len(part) - len(body)
            code = next((line for line in body.splitlines() if not line.startswith("#")), "")
            if pending == AFTER_IMPORTS:
                body = _detached_comment_apart(body)
            if pending == AFTER_IMPORTS and not blank and code.startswith(("import ", "from ")):
                blank = 0  # imports that join the block (render's `_join_head`): one group
            elif pending == AFTER_IMPORTS and after >= 0:
                blank = after
            elif _DEFINITION.match(code):  # two before a def or class, and before the
                # comments right above one (ruff, its formatter and E302 count them in)
                blank = 2
            elif pending == AFTER_IMPORTS:
                blank = 1
            else:  # after `if TYPE_CHECKING:` or `try:` imports: as it was, and at least one
                blank = max(blank, 1)
            out = out.rstrip("\n") + "\n" + "\n" * blank + body
            pending = ""
            continue
        if not pending:
            out += part
    return out
