"""With `--modules K`: a block of constants that is a header of its readers' values, not
one table, is not made a module of its own (round 32).

`constants.carve` makes a block of constants read from two or more modules a module of its
own, as maintainers made zeroconf's `const` and poetry's `script_strings`. Some blocks are
read from several modules for another reason: the author put each reader's constants at the
top of the file, one after another, and no module needs another's. Pylint's
`checkers/base.py` opens with 15 such constants (`REVERSED_PROTOCOL_METHOD`,
`TYPECHECK_COMPARISON_OPERATORS`, `ABC_METACLASSES`, `EXEMPT_NAME_CATEGORIES`...), each
read by one checker; its maintainers spread them over the six checkers' modules, each with
its reader (F1 0.80 before the block rule, 0.42 with it).

What makes a block one unit (the block rule as before, `constants.carve`):

- a constant of it read from two or more modules (zeroconf's `_TYPE_*` and `_CLASS_*`):
  modules share the values themselves, so the block is their common ground;
- or one module reading most of its constants: the block is mostly that reader's
  (certbot's `cli_constants`, six of seven read by `HelpfulArgumentParser`; poetry's
  `GET_*` scripts, six of nine read by `VirtualEnv`);
- or its names are one family: most of them begin with the same word, as a table's entries
  do (poetry's `GET_BASE_PREFIX`, `GET_SYS_PATH`, `GET_PATHS`...).

A block that is none of these (pylint's: each constant read from one module, the most any
module reads is 4 of 15, names with no common first word) is a header: each constant stays
with the module the grouping put it in, its reader's.
"""

from __future__ import annotations

from collections import Counter

from .graph import Graph


def first_word(name: str) -> str:
    """The first word of a constant's name (`GET` of `GET_SYS_PATH`, `TYPE` of `_TYPE_A`)."""
    return name.strip("_").split("_")[0]


def header(g: Graph, group: dict[int, int], block: list[int], shared: int) -> bool:
    """True when `block` is its readers' constants side by side: no constant of it read
    from two or more groups (`shared` and the block itself left out), no group reading
    more than half its constants, and at most half its names sharing a first word with
    another of its names."""
    inside = set(block)
    owners: Counter[int] = Counter()
    for n in block:
        readers = {group[r] for r in g.readers.get(n, ())
                   if r >= 0 and r not in inside and group[r] != shared}
        if len(readers) >= 2:
            return False
        owners.update(readers)
    if 2 * max(owners.values(), default=0) > len(block):
        return False
    names = [name for n in block for name in g.nodes[n].names]
    firsts = Counter(first_word(name) for name in names)
    return 2 * sum(c for c in firsts.values() if c > 1) <= len(names)
