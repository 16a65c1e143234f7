"""Cache keys for what godsplit reads from a project's configuration files.

Configuration files (ruff's, flake8's, isort's TOML and INI files, the files a ruff pin is
read from) are parsed once per run and the result reused: `detect_style` runs for each
directory `migrate` rewrites, and reads the same `pyproject.toml` each time (about six
reads per call; measured on this repository: 31 directories, 0.10 s CPU uncached, 0.07 s
cached). A process that lives longer than one command (the Python API in an editor or a
server) must still see a file the user changed: each cache is keyed by the file's stamp,
its modification time in nanoseconds and its size, which a `stat` gives (microseconds).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[int, int]  # (st_mtime_ns, st_size); (-1, -1) when the file is missing
MISSING: Stamp = (-1, -1)


def stamp(path: Path) -> Stamp:
    """The file's modification time (ns) and size, or MISSING."""
    try:
        found = path.stat()
    except OSError:
        return MISSING
    return found.st_mtime_ns, found.st_size


def stamps(paths: Iterable[Path]) -> tuple[tuple[Path, Stamp], ...]:
    """Each path with its stamp: a cache key that changes when any of them changes, or
    is created or deleted."""
    return tuple((path, stamp(path)) for path in paths)
