"""Uncommitted changes in the files an apply writes over or deletes: told (GS223), not refused.

`git diff` after the split then mixes them with it, which the user may not expect. A
rollback restores those files as they were when apply read them (`write.snapshot`), edits
and all. Asked of git once, before anything is written, only where a `.git` holds the
project and git is installed: no process is started otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..types import Finding

_PATHSPECS = 200  # more paths than this: ask about the whole tree, not each path


def uncommitted(root: Path, paths: Iterable[Path]) -> list[Path]:
    """The existing files among `paths` that differ from git's HEAD (staged or not) or that
    git does not track; none where `root` is not in a git work tree or git is missing."""
    top = next((d for d in (root, *root.parents) if (d / ".git").exists()), None)
    existing = sorted({p for p in paths if p.is_file()})
    if top is None or not existing or shutil.which("git") is None:
        return []
    inside = [p for p in existing if p.resolve().is_relative_to(top.resolve())]
    specs = [os.fspath(p.resolve().relative_to(top.resolve())) for p in inside]
    command = ["git", "-C", os.fspath(top), "status", "--porcelain=v1", "-z",
               "--untracked-files=all", "--ignore-submodules",
               *(["--", *specs] if len(specs) <= _PATHSPECS else [])]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if proc.returncode != 0:
        return []
    changed: set[Path] = set()
    entries = iter(proc.stdout.split(b"\0"))
    for entry in entries:  # `XY path`, and after a rename's or copy's the source path
        if len(entry) > 3:
            changed.add((top / os.fsdecode(entry[3:])).resolve())
            if b"R" in entry[:2] or b"C" in entry[:2]:
                changed.add((top / os.fsdecode(next(entries, b""))).resolve())
    return [p for p in inside if p.resolve() in changed]


def uncommitted_note(root: Path, paths: Iterable[Path]) -> Finding | None:
    """GS223 naming the files `uncommitted` finds, or None."""
    found = uncommitted(root, paths)
    if not found:
        return None
    names = ", ".join(_shown(p, root) for p in found[:5]) + (
        f" and {len(found) - 5} more" if len(found) > 5 else "")
    return Finding(
        "GS223", "info", f"{len(found)} file{'s' if len(found) > 1 else ''} this apply "
        f"writes over or deletes {'have' if len(found) > 1 else 'has'} changes git has not "
        f"committed ({names}): the diff after the split holds them too (commit them first "
        "to keep them apart); a rollback restores them as they are now",
        _shown(found[0], root), 1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
