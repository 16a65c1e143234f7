"""The config without the `[[split]]` tables of the retired splits (split out of
`retire.py`, by role)."""

from __future__ import annotations

import re
import sys

from ..config import parse_config
from ..types import Config, FileChange

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


_HEADER = re.compile(r"^\s*\[\[\s*(?:tool\s*\.\s*godsplit\s*\.\s*)?split\s*\]\]\s*(?:#.*)?$")
_SUBTABLE = re.compile(r"^\s*\[\s*(?:tool\s*\.\s*godsplit\s*\.\s*)?split\s*\.")
_TABLE = re.compile(r"^\s*\[")


def drop_split_tables(config: Config, indexes: set[int]) -> FileChange | None:
    """The config without the `[[split]]` tables at `indexes` (and the comments right above
    them); None if the file does not hold them in that form."""
    if config.path is None:
        return None
    text = config.path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    if len(starts) != len(config.splits):
        return None
    drop: set[int] = set()
    for index in indexes:
        start = starts[index]
        end = start + 1
        while end < len(lines) and not (_TABLE.match(lines[end]) and not _SUBTABLE.match(lines[end])):
            end += 1
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        drop.update(range(start, end))
    kept = "".join(line for i, line in enumerate(lines) if i not in drop)
    kept = re.sub(r"\n{3,}", "\n\n", kept).rstrip("\n") + "\n"
    raw = tomllib.loads(kept)
    table = raw.get("tool", {}).get("godsplit", {}) if config.path.name == "pyproject.toml" else raw
    left = parse_config(table, config.path).splits
    if [s.source for s in left] != [s.source for i, s in enumerate(config.splits) if i not in indexes]:
        return None
    return FileChange(config.path, kept.encode("utf-8"))
