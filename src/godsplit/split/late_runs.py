"""Late imports that end up next to each other in a new module: one sorted block.

jupyter_server 2.21's `serverapp.py` imports late in two places, a `try: import resource`
block between them. Split, the block went to another module, and the two late imports
below a copied `if sys.platform.startswith("win"): ... colorama.init()` block stood side by
side in `server_web_application.py`, in source order: one import block to isort, unsorted
(I001 under jupyter_server's ruff config; sweep36). A run of two or more late imports in a
new module's body that a split brought together (not all neighbours in the source: those
stay as the source ordered them) is a block the project's sorter sorts, as its head is
(`render._join_head` joins those right below it to that one); so is a run of the imports
the facade keeps below its first definition.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from itertools import pairwise

from .normalize import Block, Piece

_IMPORT = re.compile(r"(?:from|import)[ \t]")


def late_runs(body: Sequence[tuple[float, Piece]], late: Collection[float]) -> list[Piece]:
    """The body's pieces, each run of two or more late imports (`late`: their keys, the
    statements' indices; as copied, or a facade's import Block, whose settings the run
    takes) that were not all neighbours in the source one sorted Block."""
    out: list[Piece] = []
    start = 0
    while start < len(body):
        end = start
        while end < len(body) and body[end][0] in late and _import(body[end][1]):
            end += 1
        apart = any(b[0] - a[0] != 1 for a, b in pairwise(body[start:end]))  # in the source
        if end - start >= 2 and apart:  # (neighbours there stay as they were)
            run = [piece for _, piece in body[start:end]]
            made = next((p for p in run if isinstance(p, Block)), Block("", sort=True))
            out.append(replace(made, text="".join(p if isinstance(p, str) else p.text for p in run)))
        else:
            end = start + 1
            out.append(body[start][1])
        start = end
    return out


def _import(piece: Piece) -> bool:
    """Whether a piece is one import statement as copied, or an import Block to sort."""
    text = piece if isinstance(piece, str) else piece.text if piece.sort else ""
    return bool(_IMPORT.match(text.lstrip("\n")))
