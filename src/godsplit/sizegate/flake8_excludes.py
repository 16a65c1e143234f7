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
import re
from fnmatch import fnmatch
from pathlib import Path

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")


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


def flake8_config(directories: list[Path]) -> Path | None:
    """The file flake8 reads its configuration from, looking in `directories` in order."""
    import configparser

    for directory in directories:
        for name in FLAKE8_FILES:
            path = directory / name
            if not path.is_file():
                continue
            parser = configparser.RawConfigParser()
            try:
                parser.read(path, encoding="utf-8")
            except (UnicodeDecodeError, configparser.Error):
                continue  # flake8 skips a file it cannot parse
            if parser.has_section("flake8") or parser.has_section("flake8:local-plugins"):
                return path
    return None


def flake8_excludes(root: Path, directories: list[Path]) -> Flake8Excludes | None:
    """flake8's excludes for files under `root` (empty patterns: flake8 is configured and
    excludes nothing), or None when no flake8 configuration is found."""
    import configparser

    path = flake8_config(directories)
    if path is None:
        return None
    parser = configparser.RawConfigParser()
    parser.read(path, encoding="utf-8")
    patterns: list[str] = []
    for key, value in parser.items("flake8") if parser.has_section("flake8") else []:
        if key.replace("_", "-") in ("exclude", "extend-exclude"):
            patterns += [_normalized(p, path.parent) for p in re.split(r"[,\s]", value) if p.strip()]
    return Flake8Excludes(root, patterns, path)


def _normalized(pattern: str, directory: Path) -> str:
    """flake8's `normalize_path`: a pattern with a separator (or `.`) becomes absolute."""
    pattern = pattern.strip()
    if pattern == "." or "/" in pattern:
        pattern = os.path.abspath(os.path.join(directory, pattern))
    return pattern.rstrip("/")
