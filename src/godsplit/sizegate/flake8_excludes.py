"""What flake8's configuration excludes (`exclude`, `extend-exclude`), read and matched
as flake8 does.

flake8 takes the first of `setup.cfg`, `tox.ini`, `.flake8` with a `[flake8]` section in
the directory it runs from or the nearest directory above (here: the project root, up to
the repository's top). Its patterns are comma- or space-separated; one with a `/` (or `.`)
is made absolute from the config file's directory, and a path is excluded when its
basename or its absolute path matches one with `fnmatch` (where `*` crosses `/`).
flake8's default excludes (`.git`, `__pycache__`, `.tox`, ...) are not added: the gate
skips its own set.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")  # as style_files.find_flake8 (fast path)


class Flake8Excludes:
    """flake8's exclude patterns, for paths relative to the project root."""

    def __init__(self, root: Path, patterns: list[str], config: Path) -> None:
        self.root = root.as_posix().rstrip("/") + "/"
        self.patterns = patterns
        self.config = config
        self.empty = not patterns

    def match(self, rel: str) -> bool:
        """Whether root-relative `rel` ('/'-separated; a directory ends in '/') is excluded."""
        if rel.startswith("/"):
            return False
        rel = rel.rstrip("/")
        base = rel.rpartition("/")[2]
        path = self.root + rel
        return any(fnmatch(base, pattern) or fnmatch(path, pattern) for pattern in self.patterns)


def flake8_excludes(root: Path, directories: list[Path]) -> Flake8Excludes | None:
    """flake8's excludes for files under `root` (empty patterns: flake8 is configured and
    excludes nothing), or None when no flake8 configuration is found (or it does not parse:
    flake8 skips such a file)."""
    from ..split.style_files import find_flake8  # (not on `check`'s fast path)
    from ..types import GodsplitError

    try:
        section = find_flake8(directories)  # the settings `style` reads for generated code
    except GodsplitError:
        return None
    if section is None:
        return None
    patterns = [_normalized(pattern, section.path.parent)
                for key in ("exclude", "extend-exclude") for pattern in section.words(key)]
    return Flake8Excludes(root, patterns, section.path)


def _normalized(pattern: str, directory: Path) -> str:
    """flake8's `normalize_path`: a pattern with a separator (or `.`) becomes absolute."""
    pattern = pattern.strip()
    if pattern == "." or "/" in pattern:
        pattern = os.path.abspath(os.path.join(directory, pattern))
    return pattern.rstrip("/")
