"""SIGTERM and SIGHUP stop godsplit as Ctrl-C does.

`kill <pid>`, a CI job cancelled or a terminal closed sends SIGTERM or SIGHUP, whose
default action ends the process on the spot: an apply, migrate or retire killed mid-write
would leave its journal, backups and lock in the tree for the next run to clean up. Raised
as KeyboardInterrupt instead, they take Ctrl-C's path: the transaction restores the old
tree (or, once committed, finishes), the lock goes, and the exit status is 130. A signal
the caller set to be ignored (`nohup` ignores SIGHUP) stays ignored.
"""

from __future__ import annotations

import signal
from types import FrameType


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def stop_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt, where their action is the default."""
    for name in ("SIGTERM", "SIGHUP"):  # (no SIGHUP on Windows)
        number = getattr(signal, name, None)
        if number is None:
            continue
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _interrupt)
