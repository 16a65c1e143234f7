"""Where a package facade's keep-module-name call goes among its kept statements.

The call is a statement: every import after it is E402 to pycodestyle and ruff. pyshp
3.1.6 sets `__version__` above its imports (allowed: a dunder assignment), so they were
kept code after the first definition, placed after the call, and its facade got 23 E402
under the project's own ruff config (`E4` selected), in a split said to be clean.
The call now goes after the kept statements' leading run of imports and of the dunder
assignments E402 lets come before them; those only import and bind literals, so nothing
they run can read what the call renames. Without such a run it goes first, as before
(before the facade's own code, which may copy what it renames).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .late_runs import late_runs
from .normalize import Block, Piece
from .spacing import spaced

_IMPORT = re.compile(r"(import|from)\s")
# `__version__ = "1.0"`, `__author__: str = "x"`: what pycodestyle lets come before imports
_DUNDER = re.compile(r"__\w+__\s*(:[^=\n]*)?=\s*(['\"][^'\"\n]*['\"]|[\w.]+)\s*(#.*)?$")


def kept_body(rest: Sequence[tuple[int, Piece]], keep: Block | None) -> list[Piece]:
    """The facade's kept statements (by source index), their late imports sorted in runs,
    with the keep-module-name call `keep` after their leading imports."""
    body = sorted(rest, key=lambda item: item[0])
    lead = _leading(body) if keep is not None else 0
    pieces = late_runs(body[:lead], [i for i, _ in body[:lead]])
    pieces += [keep] if keep is not None else []
    return spaced([*pieces, *late_runs(body[lead:], [i for i, _ in body[lead:]])])


def _leading(body: Sequence[tuple[int, Piece]]) -> int:
    """How many of the first statements are imports or dunder assignments, up to the last
    import among them (0 when none is an import)."""
    last = 0
    for at, (_, piece) in enumerate(body):
        lines = [line for line in (piece if isinstance(piece, str) else piece.text).splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]
        if lines and _IMPORT.match(lines[0]):
            last = at + 1
        elif not (len(lines) == 1 and _DUNDER.match(lines[0])):
            break
    return last
