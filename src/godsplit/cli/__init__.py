"""The command line: turns API results into output and exit codes. Nothing else prints.

click and rich live only in this package, and are imported only when needed: `run()`, the
`godsplit` executable, hands the common `godsplit check` invocations (what pre-commit
runs on every commit) to `checkrun` without importing click; everything else goes to the
click group `main` (in `app.py`), which is also what `from godsplit.cli import main`
gives, for `CliRunner`.
"""

from __future__ import annotations

import gc
import sys

# The analysis of a 6,000-line file makes a few million LibCST nodes and facts that live
# until the command ends: at the default threshold (700) the collector ran ~800 times in
# one `godsplit plan` of pyparsing's `core.py`, each young collection and ~80 older ones
# walking that heap (0.6 s of 8.5 s CPU). At 50,000 it runs ~10 times (0.2 s); the peak
# memory was the same (134 MiB). Only the executable sets it (a library user's process is
# theirs to tune).
GC_THRESHOLD = (50_000, 10, 10)

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import Any

    from .app import main as main

__all__ = ["main", "run"]


def run() -> None:
    """The `godsplit` executable."""
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        from .checkrun import parse_fast
        from .checkrun import run as run_check

        params = parse_fast(args[1:])
        if params is not None:
            sys.exit(run_check(params))
    from .app import main
    from .signals import stop_on_termination

    gc.set_threshold(*GC_THRESHOLD)
    stop_on_termination()
    main(prog_name="godsplit")


def __getattr__(name: str) -> Any:
    if name == "main":
        from .app import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
