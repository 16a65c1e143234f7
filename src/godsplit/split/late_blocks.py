"""Late blocks that close an import cycle: they stay in the old module, after the re-exports.

trio's `_core/_run.py` ends with `if sys.platform == "win32": from ._io_windows import
(WindowsIOManager as TheIOManager, ...) elif ...: from ._io_epoll import (...) else: ...
raise NotImplementedError(...)`, and `_io_epoll.py` imports `Task` back from `._run`. The
block binds and raises, so it is a definition, not an import unit; moved to a new module,
its import ran while the old module (the facade) was importing that module, before `Task`
was bound: an ImportError at apply, the split rolled back after a plan with no errors.

Such a block (found with the late imports, `late_imports`) is pinned to the old module,
whatever the mapping's default or a suggestion chose, and runs after the re-exports, as a
late import does: what it reads is bound by then. New modules reading what it binds get
it handed over when the old module is done (`kept_imports.kept_edges`); one reading it while it
loads is a GS112 error there. A block the mapping moves by name is a GS130 error.
"""

from __future__ import annotations

from collections.abc import Collection

from ..types import Finding, SplitConfig
from .analyze import Analysis
from .assign import Assignment
from .late_imports import cyclic_late_imports
from .pinned import moved_units, pin_units


def late_blocks(analysis: Analysis, anchored: Collection[int]) -> frozenset[int]:
    """The units among `anchored` (late imports closing a cycle) that are no import units."""
    return frozenset(uid for uid in anchored if analysis.units[uid].kind != "import")


def moved_blocks(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS130 for each block the assignment moves, naming what it binds (suggest keeps
    those names before its first plan: `keeping.ahead`)."""
    blocks = late_blocks(analysis, cyclic_late_imports(analysis, analysis.path))
    return moved_units(analysis, assignment, blocks, "GS130",
                       lambda names, module, block: _message(names, module, block.line))


def _message(names: list[str], module: str, line: int) -> str:
    return (f"{', '.join(names)} cannot move to {module}: the block at line {line} that binds "
            f"{'it' if len(names) == 1 else 'them'} imports a module that imports the old "
            "module back while it loads (an import cycle), so it stays in the old module, "
            "after the re-exports; keep it there (`keep`)")


def pin_blocks(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, blocks: Collection[int],
) -> Assignment:
    """`assignment` with each block of `blocks` (and what must move with it) in the old
    module; a block the mapping names to move is a GS130 error."""
    return pin_units(
        analysis, assignment, split, blocks, "GS130",
        lambda names, module, block: _message(names, module, block.line),
        lambda block: f"kept: the block at line {block.line} imports a module that imports "
                      "the old module back (an import cycle)")


def after_blocks(
    analysis: Analysis, early: set[int], blocks: Collection[int],
) -> tuple[set[int], set[str]]:
    """`early` (kept code run before the re-exports) without the blocks, which run after
    them, nor the kept code that reads what they bind while it runs; and the names those
    bind (bound late, handed over)."""
    out, moved = set(early), set(blocks)
    while True:
        names = {n for uid in moved for n in analysis.units[uid].binds | analysis.units[uid].rebinds}
        readers = {uid for uid in out - moved if any(
            r.import_time and r.name in names for r in analysis.units[uid].reads)}
        if not readers:
            break
        moved |= readers
    return out - moved, names
