"""With `--modules K`: a block of constants is one unit, a module of its own when modules
share it (round 31).

A run of constants one after another in the file (values named as PEP 8 names constants,
`_MDNS_PORT = 5353`, `STATUS_NORMAL = 1000`; no function, class or other value between
them, no section banner; at least RUN of them) is a block its author wrote as one, and
maintainers keep it whole. Where it goes depends on who reads it:

- read from two or more modules of the grouping, and more than small (over half the
  average module's lines, as `place.gather_families` measures a small subfamily), it
  becomes a module of its own that each reader imports: zeroconf's 66 `_TYPE_*`,
  `_CLASS_*`, `_FLAGS_*` and timing values (117 lines, an average module 224) became
  `zeroconf/const.py` (suggest had spread them over six modules, each value to the module
  reading it most); poetry's nine `GET_*` script strings became `script_strings.py`
  (suggest had parted them between `Env` and `EnvManager`);
- read from one module only, or small, it goes whole to the module reading it most:
  websocket-client's `VERSION`, `STATUS_*` and `DEFAULT_SOCKET_OPTION` stayed in `_core`
  with `WebSocket`; esptool's 14 timeouts and limits (17 lines, an average module 322)
  stayed in `loader`, their main reader, though three other modules read one or two;
- read by none, it goes whole to the group that holds most of it.

Values named in lower case are no such block: astropy's `sec_to_Gyr`, `a_B_c2` and
`kB_evK` stayed with the base class reading them most, though another module reads one.
A block whose module is made for it costs a module: the two closest other groups are
merged (as `place.exactly` measures them), not the block with its nearest reader; then
import-time cycles are broken and exactly K made again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .common import everyones, names
from .graph import Graph, Node
from .header import header
from .paragraphs import to_readers
from .place import SHARED, SMALL, closest, groups_of

RUN = 5  # constants in a row, at least, make a block (a pair or three are not a block);
# counted by name (`MON, TUE, ... = range(7)` is seven: `common.names`)


def constant(node: Node) -> bool:
    """A value all of whose names are spelled as constants (PEP 8: `MAX_SIZE`, `_TTL`)."""
    return node.kind == "value" and all(
        name.upper() == name and any(c.isalpha() for c in name) for name in node.names)


def runs_of(g: Graph, member: Callable[[Node], bool]) -> list[list[int]]:
    """The longest runs of `member` nodes one after another in file order, each within one
    section (a banner between two ends a run)."""
    out: list[list[int]] = []
    run: list[int] = []
    for n in sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line):
        node = g.nodes[n]
        if run and (not member(node) or g.nodes[run[-1]].section != node.section):
            out.append(run)
            run = []
        if member(node):
            run.append(n)
    return [*out, run] if run else out


def blocks(g: Graph) -> list[list[int]]:
    """Runs of at least RUN constants one after another in file order (one section)."""
    return [run for run in runs_of(g, constant) if names(g, run) >= RUN]


def carve(g: Graph, group: dict[int, int], k: int, cap: int) -> bool:
    """Each block of constants whole: in a group of its own when two or more groups read
    it and it is more than small (`place.SMALL` of the average module's lines), else in
    the group that reads it most (or, read by none, holds most of it); a module
    made for a block is made up for by merging the two closest other groups (as `exactly`
    measures them), not the block. True when a node moved."""
    moved = False
    carved: set[int] = set()
    average = g.size(range(len(g.nodes))) / max(k, 1)
    for block in blocks(g):
        inside = set(block)
        if any(group[n] == SHARED for n in block):
            continue  # re-exports and what cycles moved out: as placed
        readers = Counter(group[r] for n in block for r in g.readers.get(n, ())
                          if r >= 0 and r not in inside and group[r] != SHARED)
        held = {group[n] for n in block}
        if (spread := to_readers(g, group, block, SHARED)) is not None:  # (`paragraphs`)
            moved |= spread
            continue  # each paragraph with its reader: the readers' tables side by side
        if len(readers) >= 2 and header(g, group, block, SHARED):
            continue  # each constant with its own reader, as placed (`header`)
        if len(readers) >= 2 and (g.size(block) > SMALL * average or everyones(readers, k)):
            if held & set(readers) or len(held) > 1:
                fresh = max(group.values()) + 1
                for n in block:
                    group[n] = fresh
                moved = True
                carved.add(fresh)
            continue
        counts = readers or Counter(group[n] for n in block)
        target = max(sorted(counts), key=lambda x: counts[x])
        if held != {target}:
            for n in block:
                group[n] = target
            moved = True
    merge_others(g, group, k, cap, carved)
    return moved


def merge_others(g: Graph, group: dict[int, int], k: int, cap: int, carved: set[int]
                  ) -> None:
    """Merge the closest pair of groups other than `carved` (`place.closest`, as `exactly`
    does) until there are k, or no two such groups are left."""
    while True:
        parts = groups_of(group)
        others = sorted(p for p in parts if p != SHARED and p not in carved)
        if len(parts) <= k or len(others) < 2:
            return
        a, b = closest(g, parts, others, cap)
        for n in parts[b]:
            group[n] = a
