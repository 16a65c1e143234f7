"""A `try:` godsplit writes around an import that may fail, marked where SIM105 reports it.

A name the source binds only under a condition is imported in the new modules and the
facade one by one, as `try: from m import x` / `except ImportError: pass`
(`imports.guarded`). flake8-simplify's SIM105, in ruff and in flake8, reports that form
("use `contextlib.suppress(ImportError)`"): cmd2 and yt-dlp select it. Where the project's
linter reports it in the file written, the `try:` line carries its noqa (the comment says
why the import may fail).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from .imports import GUARD_COMMENT
from .normalize import Block, Piece
from .style import Style

GUARD = re.compile(
    rf"^try:\n(    from [^\n]+\n)(except ImportError:  # {re.escape(GUARD_COMMENT)}\n)",
    re.MULTILINE)


def reports_sim105(style: Style | None, path: Path) -> bool:
    return style is not None and any(
        rules is not None and rules.enables("SIM105", path) for rules in (style.ruff, style.flake8))


def mark_guards(text: str) -> str:
    return GUARD.sub(r"try:  # noqa: SIM105\n\1\2", text)


def marked_pieces(
    files: Mapping[Path, Sequence[Piece]], style: Style | None,
) -> dict[Path, list[Piece]]:
    """Each file's pieces, the guarded imports' `try:` marked where SIM105 is reported."""
    out: dict[Path, list[Piece]] = {}
    for path, pieces in files.items():
        if not reports_sim105(style, path):
            out[path] = list(pieces)
            continue
        out[path] = [replace(p, text=mark_guards(p.text)) if isinstance(p, Block)
                     else mark_guards(p) for p in pieces]
    return out
