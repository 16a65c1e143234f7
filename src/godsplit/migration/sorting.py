"""The project's import sorter and formatter on the files `migrate` rewrites.

`migrate` writes each new import where the old one was and wraps it at the project's line
length, but a project that sorts its imports with isort (or ruff's `I` rules) has its own
wrapping (`multi_line_output`, its line length, `combine_as_imports`) and sections, which
`isort --check` enforces; and a longer dotted path (`"pkg.old.Cls.attr"` becoming
`"pkg.old.module.Cls.attr"`) can push a line past the formatter's length, which `black
--check` reports. A file the project's sorter accepted before the rewrite is handed to
that sorter after it, and a file its formatter accepted to that formatter, so each is
accepted again; neither changes anything else in it, since the rest of the file was
already as it writes it. Otherwise the file is left as `migrate` wrote it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..split.normalize import format_file, sort_file
from ..split.style import Style, detect_style
from ..split.tool_error import ToolError
from ..types import GodsplitError
from .long_lines import line_limit, wrap_long_calls

_PRE_COMMIT_FORMATTER = re.compile(r"^\s*-?\s*id:\s*(black|ruff-format)\s*$", re.MULTILINE)


def formats(style: Style) -> bool:
    """Whether the project runs a formatter: black's or ruff's configuration, or a
    `black` / `ruff-format` hook in its pre-commit configuration (arrow)."""
    if style.file("black") is not None or style.file("ruff") is not None:
        return True
    config = style.root / ".pre-commit-config.yaml"
    try:
        return bool(_PRE_COMMIT_FORMATTER.search(config.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def style_of(path: Path, styles: dict[Path, Style | None]) -> Style | None:
    """The style of the project around `path` (a `src/setup.cfg` counts for `src/`), found
    once per directory in `styles`; None when its configuration cannot be read."""
    directory = path.resolve().parent
    if directory not in styles:
        try:
            styles[directory] = detect_style(directory)
        except GodsplitError:
            styles[directory] = None
    return styles[directory]


def as_the_project_writes(path: Path, before: str, after: str,
                          styles: dict[Path, Style | None]) -> str:
    """`after` as the project's sorter and formatter write it, each where it accepted
    `before`. `styles`: each directory's style, found once per migration."""
    style = style_of(path, styles)
    if style is None:
        return after
    try:
        sorted_before = sort_file(before, style, path)
        if sorted_before == before:
            after = sort_file(after, style, path) or after
        if formats(style) and format_file(before, style, path) == before:
            formatted = format_file(after, style, path)
            # the sorter has the last word on imports where the two disagree
            if sorted_before != before or sort_file(formatted, style, path) == formatted:
                after = formatted
        elif not formats(style) and (limit := line_limit(style)) is not None:
            after = wrap_long_calls(before, after, limit)  # a longer path: a linter's limit
    except (GodsplitError, ToolError, OSError, subprocess.SubprocessError):
        pass  # a tool failed on the file or its settings: the project's own check says why
    return after
