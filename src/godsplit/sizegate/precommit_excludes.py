"""The files pre-commit's top-level `exclude` keeps from every hook: `godsplit check` run by
hand skips them too, so it lists what its pre-commit hook would be given.

CourtListener's `.pre-commit-config.yaml` says `exclude: migrations` (its ruff config
excludes nothing): `godsplit check cl/search` listed 7 generated Django migrations of 600 to
1,039 lines, each with "godsplit suggest cl/search/migrations/0011_....py" as its fix.

pre-commit matches the pattern with `re.search` against each file's path relative to the
repository's top, and only files (a directory is walked: a pattern may match its path but
not its files'). The value is read as pre-commit's YAML gives it: a plain or quoted scalar
on the key's line, or a `|` / `>` block below it (the verbose `(?x)^(...)$` form); a value
that is not a valid regular expression is ignored, as it excludes nothing godsplit can
know.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .linter_excludes import up_to_top

_TOP = re.compile(r"^exclude:[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)


class HookExclude:
    """pre-commit's top-level `exclude`, for paths relative to the check's root."""

    def __init__(self, pattern: re.Pattern[str], prefix: str) -> None:
        self.pattern = pattern
        self.prefix = prefix  # the check's root relative to the repository's top ('' or 'a/')

    def match(self, rel: str) -> bool:
        """Whether the root-relative file path `rel` is excluded (an absolute one: never)."""
        return not rel.startswith("/") and self.pattern.search(self.prefix + rel) is not None


def hook_exclude(root: Path) -> HookExclude | None:
    """The top-level `exclude` of the `.pre-commit-config.yaml` at the top of the
    repository holding `root`, or None."""
    top = up_to_top(root)[-1]  # (outside a repository: the filesystem root, no config)
    try:
        text = (top / ".pre-commit-config.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = _TOP.search(text)
    if found is None:
        return None
    value = _scalar(found.group("value"), text[found.end():].splitlines()[1:])
    try:
        pattern = re.compile(value)
    except re.error:
        return None
    prefix = Path(os.path.relpath(root, top)).as_posix()
    return HookExclude(pattern, "" if prefix == "." else prefix + "/")


def _scalar(value: str, below: list[str]) -> str:
    """The YAML scalar `value` (the rest of the key's line), with the lines `below` it for a
    block scalar."""
    if value[:1] in ("|", ">"):
        block: list[str] = []
        for line in below:
            if line.strip() and not line[:1].isspace():
                break
            block.append(line)
        indent = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
        lines = [b[indent:] for b in block]
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines) if value[0] == "|" else " ".join(lines)
    if value[:1] == "'":
        return value[1:value.rfind("'")].replace("''", "'") if value.count("'") > 1 else value
    if value[:1] == '"':
        end = value.rfind('"')
        inner = value[1:end] if end > 0 else value[1:]
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), inner)
    return re.sub(r"[ \t]+#.*$", "", value)  # a plain scalar ends at a comment
