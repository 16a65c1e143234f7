"""With `--modules K`: a paragraph of constants is never parted (round 36, tune37b).

A block of constants (`constants.blocks`: five or more values spelled as constants, one
after another in one section) is often written as paragraphs: runs with no blank line
between them, a blank line between two. moderngl's `__init__.py` opens with 41 constants
in five paragraphs: the enable flags (`NOTHING`, `BLEND`...), the blend functions (`ZERO`,
`ONE`, `SRC_COLOR`...), two blending presets, the primitive modes (`POINTS`, `LINES`...)
and the texture filters (`NEAREST`, `LINEAR`...). Its maintainers gave the first three to
`context`, the modes to `vertex_array` and the filters to `texture`: they cut the block
where its author had put a blank line, and nowhere else.

So the unit nothing parts is the paragraph; a block may be cut between two. Where
members are placed:

- a cut of a group (`place.exactly`'s halving, through `best_cut`) gives each paragraph it
  parts whole to the half holding most of its lines (`whole.unpart`, which kept the whole
  block before: moderngl's block was then cut anyway, as a group of its own at K 20, at
  the middle of a paragraph);
- the helpers following their readers (`place.to_helpers`) never part a paragraph that was
  whole: one so parted goes whole to the group holding most of its lines (the readers'
  when they read most of it).

websocket-client's twelve `STATUS_*` close codes are one paragraph (`VERSION` before them
and `DEFAULT_SOCKET_OPTION` after, each after a blank line): they stay whole as before.

Paragraphs also tell a block that is its readers' tables written side by side from one
table of shared values (`to_readers`, called by `constants.carve`). Pure and deterministic.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import libcst as cst

if TYPE_CHECKING:
    from .graph import Graph

SHARED = -1  # `place.SHARED` (`place` imports this)


def blank_before(statement: cst.CSTNode) -> bool:
    """Whether a blank line (not a comment) comes right before the statement."""
    lines = getattr(statement, "leading_lines", ())
    return any(line.comment is None for line in lines)


def paragraphs(g: Graph) -> list[list[int]]:
    """Each block of constants cut where a blank line comes before a member: its runs of
    two or more constants with no blank line between them, in file order."""
    from .constants import blocks  # (`constants` imports `place`, which imports this)

    out: list[list[int]] = []
    for block in blocks(g):
        run: list[int] = []
        for n in block:
            if run and g.nodes[n].blank:
                out.append(run)
                run = []
            run.append(n)
        out.append(run)
    return [run for run in out if len(run) > 1]


def keep(g: Graph, before: dict[int, int], group: dict[int, int]) -> None:
    """Each paragraph whole in `before` and parted in `group` goes whole to the group of
    `group` holding most of its members (on a tie, the one holding its first); not one
    the shared module holds a member of (what import-time cycles moved there stays)."""
    for run in paragraphs(g):
        now = {group[n] for n in run}
        if len({before[n] for n in run}) > 1 or len(now) == 1 or SHARED in now:
            continue
        held = Counter(group[n] for n in run)
        target = max(held, key=lambda k: (held[k], k == group[run[0]]))
        for n in run:
            group[n] = target


READERS = 3  # modules, at least, a block's paragraphs serve for it to be their tables


def to_readers(g: Graph, group: dict[int, int], block: list[int], shared: int) -> bool | None:
    """When `block` is its readers' tables written side by side, each of its paragraphs
    (one constant alone counts) goes to the group whose code reads it most (one read by
    none, to the group reading the most paragraphs), and whether a node moved; None when
    it is not. Tables side by side: more of its paragraphs read from one group than from
    two or more (`shared` and the block left out), READERS groups or more reading them,
    and not one family of names (most of them beginning with the same word, as poetry's
    `GET_*` scripts, which their maintainers pooled in `script_strings`). pyfive's
    `low_level.py` writes 27 paragraphs of HDF5 structures (`SUPERBLOCK_V0` and
    `SUPERBLOCK_V0_SIZE`, `SYMBOL_TABLE_NODE`...), all but one read by one of four
    classes; its maintainers put each with its reader. zeroconf's `_TYPE_*` and
    `_CLASS_*`, most of whose paragraphs several modules read, stay one block."""
    from .header import first_word

    inside = set(block)
    runs: list[list[int]] = []
    for n in block:
        if not runs or g.nodes[n].blank:
            runs.append([])
        runs[-1].append(n)
    reads: list[Counter[int]] = [Counter(
        group[r] for n in run for r in g.readers.get(n, ())
        if r >= 0 and r not in inside and group[r] != shared) for run in runs]
    single = [next(iter(c)) for c in reads if len(c) == 1]
    if 2 * len(single) <= sum(1 for c in reads if c) or len(set(single)) < READERS:
        return None
    names = [name for n in block for name in g.nodes[n].names]
    if 2 * Counter(first_word(name) for name in names).most_common(1)[0][1] > len(names):
        return None
    counts = Counter(single)
    main = max(sorted(counts), key=lambda k: counts[k])
    moved = False
    for run, read in zip(runs, reads, strict=True):
        target = max(sorted(read), key=lambda k: read[k]) if read else main
        for n in run:
            moved |= group[n] != target
            group[n] = target
    return moved
