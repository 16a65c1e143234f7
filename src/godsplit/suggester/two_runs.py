"""With `--modules 2`: the file cut in two runs, when that crosses fewer reads than a choice
with no cycle (round 35, tune36b).

`runs` lets the file's own order replace the choice only when the choice has modules on a
cycle of reads. A choice with none was never replaced, though cutting the file once crossed
fewer calls: mypy's `main.py`, whose maintainers carved the config-file parsing at its end
(`config_types`, `parse_config_file`, `parse_section`, with `parse_version` from above) into
`config_parser.py`, was split by the merging into the flag-name and interpreter helpers
against the rest (4 calls between them; F1 0.58 where file order has 0.80). The cut in two
runs there crosses 3 (F1 0.90). It has a cycle of calls (`process_options` calls
`parse_config_file` and `fail` below; `config_types` reads `parse_version` above), which is
harmless in a package: a sibling needed only at call time is imported at the end of the
module, and `break_cycles` first moves whatever is read at import time across a cut.

So at K of 2, when the choice has no modules on a cycle of reads, the file is also cut into
two runs, each at least `QUARTER` of the average module's lines (a carved part is often
small: mypy's is a seventh of the file), with the fewest calls and import-time reads
crossing; that cut replaces the choice when fewer cross it.
"""

from __future__ import annotations

from collections.abc import Callable

from .graph import Graph
from .place import break_cycles, exactly
from .runs import across, file_runs

QUARTER = 0.25  # each run holds at least this share of the average module's lines


def prefer_two_runs(g: Graph, group: dict[int, int], k: int, cap: int,
                    tangled: Callable[[Graph, dict[int, int]], int]) -> dict[int, int]:
    """`group`, or at K of 2 with no groups on a cycle of reads (`tangled`), the file cut in
    two runs when fewer calls and import-time reads cross between them."""
    if k != 2 or tangled(g, group) or (runs := file_runs(g, k, cap, QUARTER)) is None:
        return group
    break_cycles(g, runs)  # import-time reads across the cut are moved away
    exactly(g, runs, k, cap)
    return runs if across(g, runs) < across(g, group) else group
