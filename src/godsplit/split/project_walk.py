"""The project's Python files, as the searches of the project's other code walk them
(patch targets, reads through an old module, uses to migrate)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

SKIP_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox",
                       "build", "dist", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


def project_files(root: Path, unreadable: list[Path] | None = None) -> Iterator[Path]:
    """Regular Python files under root (a FIFO named `x.py` would block a read forever),
    not following symlinks, skipping VCS and virtualenv dirs.
    A directory that cannot be listed is added to `unreadable`, if given."""

    def skipped(error: OSError) -> None:
        if unreadable is not None and not isinstance(error, FileNotFoundError):
            unreadable.append(Path(error.filename))

    for directory, dirs, files in os.walk(root, followlinks=False, onerror=skipped):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            path = Path(directory, name)
            if name.endswith(".py") and not path.is_symlink() and path.is_file():  # not a FIFO
                yield path
