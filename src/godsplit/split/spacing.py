"""Blank lines between top-level statements that were not neighbours in the source.

A split joins statements that had others between them: a new module its moved ones, the
facade the ones it keeps. Each keeps the blank lines it had above it, which were right
next to what stood there before: a class kept in the facade after `__all__`, or an
assignment kept after a class whose neighbours moved, had one blank line where
pycodestyle (E302, E305) and the formatters want two (round 29: black reformatted
ConfigArgParse's facade, where `ArgumentParser.parse = ...` now follows the class).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .normalize import Piece

_DEFINITION = re.compile(r"^[ \t]*(?:@|(?:async[ \t]+)?def\b|class\b)", re.MULTILINE)


def is_definition(text: str) -> bool:
    """Whether a top-level statement's text (comments and blank lines first) is a def or
    class (decorated or not)."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return bool(_DEFINITION.match(line))
    return False


def ends_in_definition(text: str) -> bool:
    """Whether a top-level statement's last line of code is in the body of a def or class
    nested in it (`if ...: ... else:` ending in `def is_template(obj): ...`): black then
    wants two blank lines before the next top-level statement, as after a top-level def
    (round 32: loguru's `start_time = aware_now()`, whose neighbour above moved)."""
    depth = None  # the indent of the last def, class or decorator still open
    for line in text.splitlines():
        code = line.strip()
        if not code or code.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if depth is not None and indent <= depth and not _DEFINITION.match(line):
            depth = None
        if _DEFINITION.match(line) and (depth is None or indent <= depth):
            depth = indent
    return depth is not None


def spaced(pieces: Sequence[Piece], before: str = "", first: int = 1) -> list[Piece]:
    """Statements that were not neighbours in the source (the facade's kept ones, a new
    module's after its first, `before`): two blank lines around a def or class, as
    formatters want, and at least `first` before the first (after generated code ending in
    a newline)."""
    out: list[Piece] = []
    for piece in pieces:
        text = piece if isinstance(piece, str) else piece.text
        want = 2 if is_definition(text) or is_definition(before) or ends_in_definition(
            before) else first if not out else 0
        # a line of only spaces or tabs is a blank line too, as pycodestyle and the formatters
        # count it (round 30: pytz's `all_timezones_set`, after a line of eight spaces, got
        # two more, and E303 "too many blank lines (3)")
        blank = text[:len(text) - len(text.lstrip(" \t\f\r\n"))].count("\n")
        if blank < want:
            text = "\n" * (want - blank) + text
        out.append(text if isinstance(piece, str) else dataclasses.replace(piece, text=text))
        before = text
    return out


def kept_block(texts: Sequence[str]) -> str:
    """Kept statements run before the re-exports, spaced as `spaced`, after the facade's
    marker comment or its imports ("" for none)."""
    if not texts:
        return ""
    text = "".join(str(t) for t in spaced(texts)).strip("\n")
    return ("\n\n" if is_definition(text) else "\n") + text + "\n"
