"""What a long run is doing, on stderr: a rich spinner with the engine's latest words.

The engine reports progress through a callback (`progress=` in the API) and never prints;
this renders it. It appears only after `DELAY` seconds (a quick run shows nothing), only
when stderr is a terminal (never in CI logs, pipes or captured output), and never for
machine-readable formats (the commands pass `enabled=False`). rich and threading are
imported only when a spinner may be shown.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any

DELAY = 1.0  # seconds before anything is shown


class Spinner:
    """Use as `with Spinner(enabled) as progress: api.apply(..., progress=progress)`."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.text = "working"
        self.done = False
        self.status: Any = None
        self.timer: Any = None
        self.lock: Any = None

    def __call__(self, text: str) -> None:
        self.text = text
        if self.lock is not None:
            with self.lock:
                if self.status is not None:
                    self.status.update(text)

    def __enter__(self) -> Spinner:
        if self.enabled:
            import threading

            self.lock = threading.Lock()
            self.timer = threading.Timer(DELAY, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _show(self) -> None:
        from rich.console import Console

        with self.lock:
            if self.done:
                return
            console = Console(stderr=True, highlight=False, markup=False, emoji=False)
            self.status = console.status(self.text)
            self.status.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.timer is None:
            return
        self.timer.cancel()
        with self.lock:
            self.done = True
            if self.status is not None:
                self.status.stop()
