"""With `--modules K`: a block of constants stays whole when `place.exactly` halves a
group (round 35, tune36b).

`constants.carve` makes each block of constants (`constants.blocks`: five or more values
spelled as constants, one after another in one section) a unit, as its author wrote it and
maintainers keep it. `exactly` then made K modules by halving a group, and the halving
(`cluster.halve`, by the reads) parted the block again: websocket-client's twelve
`STATUS_*` close codes, which carve had put whole with `WebSocket` (their maintainers'
`_core`), came out as a module of eleven of them, `STATUS_NORMAL` left behind.

So a cut that parts a block gives the whole block to the half holding most of its lines
(the upper half on a tie). When that would leave a half empty, the cut is the blocks
against the rest of the group instead; a group that is one block is cut as before.
"""

from __future__ import annotations

from .graph import Graph


def unpart(g: Graph, upper: list[int], lower: list[int]) -> tuple[list[int], list[int]]:
    """`upper` and `lower`, the halves of one group, with each block of constants they part
    given whole to the half holding most of its lines."""
    from .constants import blocks  # (`constants` imports `place`, which imports this)

    top, bottom = set(upper), set(lower)
    inside = top | bottom
    parted = [b for b in blocks(g) if set(b) <= inside and set(b) & top and set(b) & bottom]
    if not parted:
        return upper, lower
    for block in parted:
        above = g.size([n for n in block if n in top])
        to, other = (top, bottom) if above >= g.size(block) - above else (bottom, top)
        to.update(block)
        other.difference_update(block)
    if not top or not bottom:
        whole = {n for b in blocks(g) if set(b) <= inside for n in b}
        if whole == inside:
            return upper, lower
        top, bottom = inside - whole, whole
    return sorted(top), sorted(bottom)
