"""The configuration's types and the one exception: what `godsplit check` needs.

Split out of `types.py` (which re-exports all of it) so that the pre-commit path does not
pay for creating the engine's dataclasses or for importing `typing`: a frozen dataclass
costs about a millisecond to create. `SplitConfig`, which only splits use, stays in
`types.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    from .types import SplitConfig

    CountMode = Literal["physical", "code"]
else:
    CountMode = str  # a Literal at type-checking time; no `typing` import at run time


class GodsplitError(Exception):
    """Bad usage, config or input: the CLI prints it and exits 2, nothing is written."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.location_message)

    @property
    def location_message(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PerPathLimit:
    pattern: str
    max_lines: int


@dataclass(frozen=True)
class Config:
    """The whole `godsplit.toml` / `[tool.godsplit]`, paths made absolute."""

    path: Path | None
    root: Path
    max_lines: int = 600
    count: CountMode = "physical"
    exclude: tuple[str, ...] = ()
    per_path: tuple[PerPathLimit, ...] = ()
    splits: tuple[SplitConfig, ...] = ()
    verify_setup: str | None = None
    verify_import: bool = True
    verify_timeout: int = 120  # seconds one import check may take
    baseline: Path | None = None  # `godsplit check`'s baseline file (absolute)
