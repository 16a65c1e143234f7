"""The mode of the files godsplit edits: a file it rewrites keeps its mode (an executable
script stays executable, a private file stays private), and a read-only file is not
edited at all (its owner marked it so: `chmod a-w`, or it is not this user's to write).

These checks go by the mode bits as well as `os.access`, because `os.access` says root
may write anything: godsplit refuses a file with no write bit for anyone, whoever runs it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .configtypes import GodsplitError


def permissions(path: Path, kind: Callable[[int], bool] = stat.S_ISREG) -> int | None:
    """The permission bits of an existing regular file (or what `kind` takes), else None."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) if kind(status.st_mode) else None


def _read_only(path: Path, mode: int) -> bool:
    """No write bit for anyone (which root would ignore), or not writable by this user."""
    return mode & 0o222 == 0 or not os.access(path, os.W_OK)


def _on_read_only_mount(path: Path, then: str) -> None:
    """GodsplitError if `path` is on a file system mounted read-only: no chmod makes it
    writable, so the mode is not the cause to name."""
    try:
        read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the mode speaks
        return
    if read_only:
        raise GodsplitError(f"on a read-only file system (mounted read-only): godsplit cannot "
                            f"write there; remount it read-write or work on a copy; {then}",
                            path)


def refuse_read_only(path: Path, then: str = "nothing was changed") -> None:
    """GodsplitError if `path` is an existing file that is read-only (for everyone, or for
    this user, or on a read-only mount). A missing file, or a directory, passes: others say
    what is wrong there."""
    mode = permissions(path)
    if mode is not None and _read_only(path, mode):
        _on_read_only_mount(path, then)
        raise GodsplitError(f"the file is read-only (mode {mode:04o}): godsplit does not edit "
                            f"read-only files; make it writable (chmod u+w) first; {then}",
                            path)


def refuse_read_only_directory(path: Path, then: str = "nothing was changed") -> None:
    """GodsplitError if the directory `path` is written in (its parent, or the nearest one
    that exists when parents are to be made) is read-only: no write bit for anyone, or not
    writable by this user. A file is made, replaced or removed there by a rename, which
    root may do in a `chmod a-w` directory as in a read-only file."""
    directory = path.parent
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent
    mode = permissions(directory, stat.S_ISDIR)
    if mode is not None and _read_only(directory, mode):
        _on_read_only_mount(directory, then)
        raise GodsplitError(f"the directory is read-only (mode {mode:04o}): godsplit does not "
                            f"write files in read-only directories; make it writable (chmod "
                            f"u+w) first; {then}", directory)


def new_file_mode(source: Path) -> int | None:
    """The mode of a file made from `source` (a split's new modules and facade): its
    permission bits without the execute bits (a module, not a script): a 0600 god file
    makes 0600 modules. None when `source` is not a regular file."""
    mode = permissions(source)
    return None if mode is None else mode & ~0o111


def keep_mode(target: Path, written: Path, new: int | None = None) -> None:
    """Give `written` (a file staged to replace `target`) the mode `target` has now; when
    `target` does not exist yet, `new` (if given)."""
    mode = permissions(target)
    if mode is None and not target.exists():
        mode = new
    if mode is not None:
        os.chmod(written, mode)
