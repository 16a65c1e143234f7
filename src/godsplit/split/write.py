"""Stage 4, write: all files or none.

Every new file is staged beside its target, a journal is written, then each target is
swapped in (the old file kept as a backup). Until `commit()`, `rollback()` restores the
old tree exactly; a process killed at any point leaves a journal, and the next run rolls
back to the old tree before doing anything else.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..file_modes import keep_mode, refuse_read_only, refuse_read_only_directory
from ..types import FileChange, GodsplitError
from .apply_lock import LOCK as LOCK  # (re-exported: callers and tests read write.LOCK)
from .apply_lock import lock_holder as lock_holder
from .apply_lock import locked as locked
from .apply_lock import remove_stale_file

JOURNAL = ".godsplit-journal.json"
NEW, OLD = ".godsplit-new", ".godsplit-old"

Hook = Callable[[str], None]


def _crash_hook() -> Hook | None:
    """GODSPLIT_CRASH_AT=N kills the process at the N-th step (for the kill tests)."""
    at = os.environ.get("GODSPLIT_CRASH_AT")
    if not at:
        return None
    steps = iter(range(1, 10**6))

    def hook(step: str) -> None:
        if next(steps) == int(at):
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@dataclass
class Transaction:
    root: Path
    ops: list[dict[str, str | None]] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)
    hook: Hook | None = None
    committed: bool = False  # the journal says "committed": the new tree stands

    @property
    def journal(self) -> Path:
        return self.root / JOURNAL

    def _step(self, name: str) -> None:
        if self.hook is not None:
            self.hook(name)

    def _save(self, state: str) -> None:
        tmp = self.journal.with_suffix(".tmp")
        _fsync_write(tmp, json.dumps({"state": state, "ops": self.ops, "dirs": self.dirs},
                                     indent=1).encode())
        os.replace(tmp, self.journal)

    def rollback(self) -> None:
        """Put the old tree back. Safe to call at any point, and again after a crash; a
        Ctrl-C while it runs waits until it is done."""
        with deferred_interrupts():
            self._rollback()

    def _rollback(self) -> None:
        """A path the file system refuses (a name too long, say) was never made: it is
        not there, and the rest is still undone; the journal goes only when all is back."""
        failed: OSError | None = None
        for op in reversed(self.ops):
            try:
                _undo(op)
            except OSError as exc:
                failed = failed or exc
        for directory in reversed(self.dirs):
            path = Path(directory)
            if _exists(path) and path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if failed is not None:
            raise failed
        self.journal.unlink(missing_ok=True)

    def commit(self) -> None:
        """Make the new tree final (journal state "committed"), then delete the backups.

        A failure before the journal says "committed" puts the old tree back; after it, the
        new tree stands and what is left is only cleanup, which the next run finishes."""
        try:
            self._step("commit")
            self._save("committed")
            self.committed = True
        except BaseException:
            self.rollback()
            raise
        with deferred_interrupts():
            self._cleanup()

    def _cleanup(self) -> None:
        for op in self.ops:
            if op["backup"]:
                self._step(f"cleanup {op['backup']}")
                try:
                    Path(str(op["backup"])).unlink(missing_ok=True)
                except OSError:
                    return  # the journal stays, and the next run finishes the cleanup
        self.journal.unlink(missing_ok=True)


def _exists(path: Path) -> bool:
    """`Path.exists`, but False where the file system refuses the path (ENAMETOOLONG)."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _undo(op: dict[str, str | None]) -> None:
    target = Path(str(op["target"]))
    backup = Path(str(op["backup"])) if op["backup"] else None
    staged = Path(str(op["staged"])) if op["staged"] else None
    if backup is not None and _exists(backup):
        os.replace(backup, target)
    elif op["existed"] == "no" and _exists(target) and (staged is None or not _exists(staged)):
        target.unlink()
    if staged is not None and _exists(staged):
        staged.unlink()


def recover(root: Path) -> str | None:
    """Finish or undo an interrupted apply. Returns what was done, or None."""
    journal = root / JOURNAL
    journal.with_suffix(".tmp").unlink(missing_ok=True)  # a journal killed while being written
    remove_stale_file(root)
    if not journal.exists():
        return None
    try:
        data = json.loads(journal.read_text())
    except (OSError, ValueError) as exc:
        raise GodsplitError(f"cannot read the journal of an interrupted apply: {exc}", journal) from None
    txn = Transaction(root, ops=data["ops"], dirs=data["dirs"])
    if data["state"] == "committed":
        txn._cleanup()
        return "completed an interrupted apply"
    txn.rollback()
    return "rolled back an interrupted apply"


def snapshot(paths: Iterable[Path]) -> dict[Path, bytes | None]:
    """What each path holds now (None: nothing), for `begin(expected=...)`."""
    return {path: _held(path) for path in paths}


def _held(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:  # a directory, or unreadable: not what was planned over
        return b"\0not a readable file"


def begin(root: Path, changes: Sequence[FileChange], hook: Hook | None = None,
          expected: Mapping[Path, bytes | None] | None = None) -> Transaction:
    """Stage, journal and swap in every change. On any error the old tree is restored.
    `expected`: what targets held when the changes were made (`snapshot`); a target that
    holds something else now (edited while apply ran) is a GodsplitError before any swap,
    as the swap would bury the edit in a backup that commit deletes."""
    recover(root)
    for change in changes:  # before anything is staged: a read-only file is not edited
        refuse_read_only(change.path)
        refuse_read_only_directory(change.path)
    txn = Transaction(root, hook=hook or _crash_hook())
    try:
        for change in changes:
            for directory in _missing_dirs(change.path.parent):
                if str(directory) not in txn.dirs:
                    txn.dirs.append(str(directory))
        for change in changes:
            staged = _sibling(change.path, NEW) if change.data is not None else None
            backup = _sibling(change.path, OLD) if change.path.exists() else None
            txn.ops.append({
                "target": str(change.path), "staged": str(staged) if staged else None,
                "backup": str(backup) if backup else None,
                "existed": "yes" if change.path.exists() else "no",
            })
        txn._step("journal")
        txn._save("applying")
        for created in txn.dirs:
            txn._step(f"mkdir {created}")
            Path(created).mkdir()
        for change, op in zip(changes, txn.ops, strict=True):
            if change.data is not None:
                txn._step(f"stage {change.path}")
                _fsync_write(Path(str(op["staged"])), change.data)
                keep_mode(change.path, Path(str(op["staged"])), change.mode)
        for path, held in (expected or {}).items():
            if _held(path) != held:
                raise GodsplitError("changed while godsplit ran, after it was planned from "
                                    "it: nothing was changed; run the command again", path)
        for change, op in zip(changes, txn.ops, strict=True):
            txn._step(f"swap {change.path}")
            if op["backup"]:
                os.replace(change.path, str(op["backup"]))
            if op["staged"]:
                os.replace(str(op["staged"]), change.path)
    except BaseException as exc:
        txn.rollback()
        if isinstance(exc, OSError):
            raise GodsplitError(f"cannot write: {exc.strerror}; nothing was changed",
                                exc.filename or root) from None
        raise
    return txn


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Ctrl-C (SIGINT) waits until the block is done, then is raised; so do SIGTERM and
    SIGHUP where a handler turns them into an interrupt (the CLI's: see cli/signals.py).
    Only the main thread receives signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    numbers = [signal.SIGINT, *(n for n in _termination_signals()
                                if callable(signal.getsignal(n)))]
    previous = {n: signal.signal(n, lambda number, frame: received.append(number))
                for n in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise KeyboardInterrupt


def _termination_signals() -> list[int]:
    """SIGTERM, and SIGHUP where there is one (not on Windows)."""
    return [n for n in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
            if n is not None]


def _missing_dirs(directory: Path) -> list[Path]:
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    return list(reversed(missing))
