"""SIGTERM and SIGHUP stop godsplit as Ctrl-C does.

`kill <pid>`, a CI job cancelled or a terminal closed sends SIGTERM or SIGHUP, whose
default action ends the process on the spot: an apply, migrate or retire killed mid-write
would leave its journal, backups and lock in the tree for the next run to clean up. Raised
as KeyboardInterrupt instead, they take Ctrl-C's path: the transaction restores the old
tree (or, once committed, finishes), the lock goes, and the exit status is 130. A signal
the caller set to be ignored (`nohup` ignores SIGHUP) stays ignored.

Once a command's work is done (the split written and verified, or the tree restored),
what is left is its report: a signal then would only cut the report short and make the
exit status lie (130 and "interrupted: nothing was written" over a split that stands; or
death by the signal, -15, while the interpreter shuts down, when Python gives the default
action back to the signals it handled). `work_done` ignores them from there on.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_RUNNING = [False]  # whether `stop_on_termination` ran: the `godsplit` executable

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
    _RUNNING[0] = True


def work_done() -> None:
    """The command's work is finished and final: Ctrl-C, SIGTERM and SIGHUP are ignored for
    the rest of the run (its report; the interpreter's shutdown). Only in the `godsplit`
    executable: a process that runs the CLI in itself (click's CliRunner) keeps its own."""
    if not _RUNNING[0] or threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_IGN)
