"""Words for the command line's output, shared by every command (no click, no rich)."""

from __future__ import annotations

import os
from pathlib import Path

from ..configtypes import GodsplitError

_IRREGULAR = {"entry": "entries", "directory": "directories"}


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`, `0 errors`; `1 entry`, `3 entries`."""
    return f"{count} {word if count == 1 else _IRREGULAR.get(word, word + 's')}"


def shown_path(path: str | Path) -> str:
    """A path as the user can type it from here: relative to the current directory when
    it is under it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def error_line(error: GodsplitError) -> str:
    """`error: file:line: cause`, the one line every bad input gets."""
    if error.path is None:
        return f"error: {error.message}"
    where = shown_path(error.path) + (f":{error.line}" if error.line is not None else "")
    return f"error: {where}: {error.message}"


def os_error(error: OSError) -> GodsplitError:
    """An OSError no command turned into a GodsplitError (a path the file system refuses,
    a directory it cannot read): the same one line, with the file and the cause."""
    cause = error.strerror or str(error) or type(error).__name__
    return GodsplitError(cause, error.filename if isinstance(error.filename, str) else None)
