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
    given whole to the half holding most of its lines, and each paragraph of a block
    parted before; a group of blocks only, with each paragraph they part given whole
    (`paragraphs`)."""
    from .constants import blocks  # (`constants` imports `place`, which imports this)
    from .paragraphs import paragraphs

    inside = set(upper) | set(lower)
    within = [b for b in blocks(g) if set(b) <= inside]
    runs = [p for p in paragraphs(g) if set(p) <= inside]
    units = within + [p for p in runs if not any(set(p) <= set(b) for b in within)]
    if {n for u in units for n in u} != inside:
        return _give(g, upper, lower, units)
    return _give(g, upper, lower, runs)


def _give(g: Graph, upper: list[int], lower: list[int], units: list[list[int]]
          ) -> tuple[list[int], list[int]]:
    """The halves with each of `units` they part given whole to the half holding most of
    its lines (the upper on a tie); when that leaves a half empty, the units against the
    rest of the group; when the group is those units, the halves as they were."""
    top, bottom = set(upper), set(lower)
    parted = [u for u in units if set(u) & top and set(u) & bottom]
    if not parted:
        return upper, lower
    for unit in parted:
        above = g.size([n for n in unit if n in top])
        to, other = (top, bottom) if above >= g.size(unit) - above else (bottom, top)
        to.update(unit)
        other.difference_update(unit)
    if not top or not bottom:
        inside = set(upper) | set(lower)
        whole = {n for u in units for n in u}
        if whole == inside:
            return upper, lower
        top, bottom = inside - whole, whole
    return sorted(top), sorted(bottom)
