"""The project's apply lock: one apply, migrate or retire at a time in a tree.

Where the OS can lock a directory (`flock` on Linux, macOS and the BSDs), the lock is an
exclusive flock on the project root itself: nothing is written into the tree, and a holder
killed with SIGKILL releases it with its process, so a run killed before it wrote anything
leaves the tree exactly as it was. Elsewhere (Windows; a file system that refuses to flock a
directory, such as NFS's emulation of flock) it is a lock on the file `.godsplit-lock` in the
root, holding the holder's process id, removed when the block ends; such a file nobody holds
(its run was killed) is taken over by the next run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..types import GodsplitError

LOCK = ".godsplit-lock"  # the fallback's lock file (and what older godsplits left behind)


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the project's apply lock, or raise GodsplitError naming who holds it."""
    fd = _directory(root)
    taken = None if fd is None else _flock(fd)
    if fd is None or taken is None:
        if fd is not None:
            os.close(fd)
        with _file_locked(root):
            yield
        return
    try:
        if not taken:
            raise _busy(root, _flock_holder(fd))
        yield
    finally:
        os.close(fd)  # (releases the lock)


def lock_holder(root: Path) -> bool:
    """Whether an apply holds the project's lock right now (this process included)."""
    fd = _directory(root)
    if fd is not None:
        try:
            if _flock(fd) is False:
                return True
        finally:
            os.close(fd)
    return _file_held(root, remove_stale=False)


def remove_stale_file(root: Path) -> None:
    """Remove a `.godsplit-lock` nobody holds (left by a killed run of the fallback, or of a
    godsplit before the directory lock)."""
    _file_held(root, remove_stale=True)


def _busy(path: Path, holder: str) -> GodsplitError:
    return GodsplitError(
        "another godsplit apply is running in this project"
        + (f" (process {holder})" if holder.isdigit() and holder != "0" else "")
        + "; wait for it to finish, then run this again", path)


def _directory(root: Path) -> int | None:
    if sys.platform == "win32" or not hasattr(os, "O_DIRECTORY"):
        return None
    try:
        return os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None


def _flock(fd: int) -> bool | None:
    """Take an exclusive flock without waiting: True taken, False held by another open
    file, None this file system cannot flock it (the caller falls back to the file)."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _flock_holder(fd: int) -> str:
    """The process holding an flock on `fd`'s file, from Linux's /proc/locks ("" where
    there is none: other systems, another pid namespace)."""
    status = os.fstat(fd)
    key = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        text = Path("/proc/locks").read_text()
    except OSError:
        return ""
    for line in text.splitlines():  # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF"
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == key:
            return fields[4]  # (a waiter's line reads "1: -> FLOCK ...": fields[1] is "->")
    return ""


@contextmanager
def _file_locked(root: Path) -> Iterator[None]:
    path = root / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise GodsplitError(f"cannot create the apply lock: {exc.strerror}", path) from None
        if not _try_lock(fd):
            holder = os.read(fd, 64).decode(errors="replace").strip()
            os.close(fd)
            raise _busy(path, holder)
        try:  # the previous holder may have removed the file between our open and lock
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:  # a full disk: the lock file is removed below
            raise GodsplitError(f"cannot write the apply lock: {exc.strerror}; nothing was "
                                "changed", path) from None
        yield
    finally:
        if os.name == "nt":  # an open file cannot be removed there
            os.close(fd)
            path.unlink(missing_ok=True)
        else:
            path.unlink(missing_ok=True)
            os.close(fd)


def _file_held(root: Path, remove_stale: bool) -> bool:
    path = root / LOCK
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            if remove_stale:
                path.unlink(missing_ok=True)
            return False
        return True
    finally:
        os.close(fd)  # (closing releases the lock if we took it)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
