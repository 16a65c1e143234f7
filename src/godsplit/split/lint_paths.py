"""GS120: the project's linters ignore rules by file path (per-file-ignores), and the new
modules' paths do not get the ignores the split file's path had.

Moved code is linted under its new path: what the configuration silenced for the old file
comes back (an E501 the project allowed there), or the code's own `# noqa` comments
become unused (typing_extensions ignores B024 in every file but its god file, whose
`# noqa: B024` is then RUF100 in the new module). Only the configuration can fix that;
the warning names it and what differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from pathlib import Path

from ..types import Finding
from .style import Style


def moved_ignores(style: Style, source: Path, paths: Iterable[Path]) -> list[Finding]:
    """A GS120 warning per linter when `paths` (the facade and the new modules) lose
    per-file ignores `source` had, or gain ignores that make a `# noqa` of the source's
    unused where the linter reports that (ruff's RUF100)."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    noqa = set(re.findall(r"[A-Z]+[0-9]+", " ".join(re.findall(r"# *noqa:([^#\n]*)", text))))
    out = []
    for tool, rules in (("ruff", style.ruff), ("flake8", style.flake8)):
        config = style.file(tool)
        if rules is None or not rules.per_file_ignores or config is None:
            continue
        old = rules.ignored(source)
        differ = []
        for path in paths:
            new = rules.ignored(path)
            unused = {c for c in noqa if rules.enables("RUF100", path) and any(
                c.startswith(g) for g in new - old)}
            if old - new or unused:
                differ.append((path, old - new, unused))
        if not differ:
            continue
        path, lost, unused = differ[0]
        what = "; ".join(filter(None, [
            f"{_codes(lost)} no longer ignored: moved code may get findings" if lost else "",
            f"{_codes(unused)} ignored: the source's noqa comments for them become unused "
            "(RUF100)" if unused else ""]))
        more = f" (and {len(differ) - 1} more new files)" if len(differ) > 1 else ""
        out.append(Finding(
            "GS120", "warning", f"{tool}'s per-file-ignores treat "
            f"{path.relative_to(source.parent).as_posix()}{more} otherwise than "
            f"{source.name}: {what}; give the new modules the split file's entry",
            str(config), _line(config)))
    return out


def _codes(codes: Set[str]) -> str:
    return ", ".join(sorted(codes)) or "nothing"


def _line(config: Path) -> int:
    """The first line of `config` that mentions per-file-ignores (else 1)."""
    try:
        lines = config.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((n for n, t in enumerate(lines, 1) if "per-file-ignores" in t), 1)
