"""Top-level `# pylint: disable=...` lines between definitions, carried where their scope went.

pylint applies a `# pylint: disable=...` comment on a line of its own at the top level from
that line to the end of the module (or to a later `# pylint: enable=...` of the same
message). godsplit moves such a line with the statement below it, so the statements that came
after it in the source and went to other modules lost it: timesketch's `lib/tasks.py` has
`# pylint: disable=unused-argument` above its first task, and after the split pylint (under
timesketch's `.pylintrc`) reported W0613 on `run_plaso` in its new module. A new module now
carries the line below its docstring when it holds a statement the line covered and not the
statement the line moves with (whose module has it above the later statements already).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import libcst as cst

from .analyze import Analysis

_DISABLE = re.compile(r"#\s*pylint:\s*disable\s*=\s*(?P<names>[\w\-, ]+)", re.IGNORECASE)
_ENABLE = re.compile(r"#\s*pylint:\s*enable\s*=\s*(?P<names>[\w\-, ]+)", re.IGNORECASE)


def _names(text: str) -> set[str]:
    return {name.strip().lower() for name in text.split(",") if name.strip()}


def _pragmas(module: cst.Module) -> list[tuple[int, str, bool, set[str]]]:
    """(statement index, comment, disable?, message names) of every comment line on its own
    above a top-level statement that is not an import, in source order."""
    found = []
    for index, stmt in enumerate(module.body):
        if isinstance(stmt, cst.SimpleStatementLine) and all(
                isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
            continue  # `file_pragmas`: the lines above imports apply to every new module
        for line in getattr(stmt, "leading_lines", ()):
            text = line.comment.value.strip() if line.comment is not None else ""
            for pattern, disable in ((_DISABLE, True), (_ENABLE, False)):
                match = pattern.match(text)
                if match:
                    found.append((index, text, disable, _names(match["names"])))
    return found


def scoped_pragmas(analysis: Analysis, stmts: Collection[int]) -> list[str]:
    """The top-level disable lines a new module holding the source statements `stmts` needs
    above its code, in source order."""
    pragmas = _pragmas(analysis.module)
    lines: list[str] = []
    for position, (index, text, disable, names) in enumerate(pragmas):
        if not disable or index in stmts:
            continue
        end = next((later for later, _, on, other in pragmas[position + 1:]
                    if not on and names <= other), len(analysis.module.body))
        if any(index < stmt < end for stmt in stmts):
            lines.append(text)
    return lines
