"""With `--modules K`: a run of constants is counted by the names it binds, and a block most
modules read is their common ground at any size (round 33).

Two things `constants.carve` measured by statement, which maintainers do not:

- **a tuple-unpacked run is N constants.** `MON, TUE, WED, THU, FRI, SAT, SUN = range(7)`
  binds seven constants in one statement; holidays 0.9.12 opens with it, `WEEKEND = (SAT,
  SUN)` and `JAN, FEB, ..., DEC = range(1, 13)`: three statements, 20 constants, which its
  maintainers moved whole to `holidays/constants.py`. Counted by statement (three, under
  `constants.RUN`) they were no block, and suggest parted them between two country
  modules (the weekdays with Argentina, the months with Finland).
- **a block most modules read is shared at any size.** The size gate (a block no larger
  than half an average module goes whole to its main reader) is for a block one module
  mostly owns and a few others borrow from (esptool's 14 timeouts in `loader`). A block
  read from more than half of the K modules has no owner: every module needs it, and a
  module reading it holds it only by chance. Holidays' 20 values are 5 lines (an average
  module 100) and read by most of its 53 modules; its maintainers' `constants` holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sized

from .graph import Graph


def names(g: Graph, run: Iterable[int]) -> int:
    """How many constants `run` binds: each name of a tuple-unpacked statement counts."""
    return sum(len(g.nodes[n].names) for n in run)


def everyones(readers: Sized, k: int) -> bool:
    """True when the groups reading a block are more than half of the `k` modules (and at
    least three): the block is common ground, whatever its size."""
    return len(readers) >= 3 and 2 * len(readers) > k
