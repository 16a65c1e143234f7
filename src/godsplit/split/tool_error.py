"""ToolError: a tool failed on text godsplit generated, and where (normalize.py raises it,
plan.py turns it into a GS115 finding)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .normalize import Block, Piece


class ToolError(RuntimeError):
    """A tool failed on text godsplit generated: a bug in godsplit, not bad input. `cause`:
    the tool's words; `block` of a `normalize` call, its `line`; `path` (by `assemble`)."""

    def __init__(self, message: str, cause: str = "", block: int | None = None,
                 line: int = 1, path: Path | None = None) -> None:
        super().__init__(message)
        self.text = ""  # the failing block, as rendered
        self.cause = cause or message
        self.block = block
        self.line = line
        self.path = path


def located(error: ToolError, files: Mapping[Path, Sequence[Piece]], block: Block) -> None:
    file = next((f for f, pieces in files.items() if any(p is block for p in pieces)), None)
    error.path, error.text = file, block.text.strip("\n")


def locate(error: ToolError, texts: Mapping[Path, str]) -> int:
    """The line, in `texts[error.path]` (the files with their blocks as rendered), of what
    the tool failed on."""
    text = texts.get(error.path, "") if error.path is not None else ""
    at = text.find(error.text) if error.text else -1
    return text.count("\n", 0, at) + error.line if at >= 0 else 1
