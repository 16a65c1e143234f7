"""The source's file-wide checker pragmas, carried into each new module (round 31).

A comment line on its own at the top level such as `# pylint: disable=too-many-lines`
applies to the rest of the file (pylint), and `# ruff: noqa: E501`, `# flake8: noqa`,
`# mypy: ...` and `# pyright: ...` to the whole file. A new module holds code that ran
under them. godsplit writes each module's imports anew, and the comments written against
the source's imports went with them: MuckRock's `foia/tasks.py` has `# pylint:
disable=too-many-lines, too-many-positional-arguments` between its docstring and its first
import, and after the split pylint reported R0917 on a moved function with six positional
arguments. A pragma in the header above the docstring stays where it is (`header_comments`);
one written against a definition moves with it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import libcst as cst

from .analyze import Analysis
from .module_head import header_split
from .pylint_scope import scoped_pragmas

_FILE_WIDE = re.compile(
    r"#\s*(pylint:\s*(disable|skip-file)\b|ruff:\s*noqa\b|flake8[:\s]\s*noqa\b|mypy:|pyright:)",
    re.IGNORECASE)


def _is_import(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def file_pragmas(analysis: Analysis, stmts: Collection[int] = ()) -> str:
    """The file-wide pragma lines written against the source's top-level imports (which
    godsplit writes anew), each once, in source order, then the top-level pylint disables
    whose scope holds some of the module's statements `stmts` (`scoped_pragmas`): the lines
    a new module carries below its docstring; empty when there are none."""
    module = analysis.module
    _, first_import = header_split(module)
    texts = first_import.splitlines()
    for stmt in module.body:
        if _is_import(stmt):
            texts += [line.comment.value for line in getattr(stmt, "leading_lines", ())
                      if line.comment is not None]
    found = list(dict.fromkeys([t.strip() for t in texts if _FILE_WIDE.match(t.strip())]
                               + scoped_pragmas(analysis, stmts)))
    return "\n" + "".join(f"{line}\n" for line in found) if found else ""
