"""With a small `--modules K` (2 to 4): the file cut into K runs where its own order shows
the layers (round 35, tune35a).

When maintainers split a file in two, three or four, they often carve one part out and
keep the rest: the plugin class and its cache at the end of FlexGet's `api_trakt.py` (the
models and lookups above it stay as `db`), the interactive colour-map choosers at the end
of seaborn's `palettes.py` (`widgets`). The carved part is a run of the file that reads
the rest, or is read by it, one way only. The merging instead cuts through the big
remainder where names and neighbours pull, and its modules then read each other in a
cycle.

So the file is also cut into K runs of its own order, each at least half the average
module's lines, where the fewest calls and import-time reads cross between runs (a
dynamic programme over the cut positions). That grouping replaces the chosen candidate
when it has fewer modules on a cycle of reads (`choose.tangled`) and no more reads
between modules: the author's order then layers the code better than anything the
merging made. Candidates with no cycle are never replaced.
"""

from __future__ import annotations

from collections.abc import Callable

from .graph import Graph
from .place import break_cycles, exactly

SMALL = 4  # the largest K a cut in runs is tried for
CALL = 1.0  # a read this strong or stronger crosses a cut (not an annotation's)
SHARE = 0.5  # each run holds at least this share of the average module's lines


def across(g: Graph, group: dict[int, int]) -> int:
    """How many calls and import-time reads join definitions of different groups."""
    return sum(1 for (r, p), strength in g.reads.items()
               if r >= 0 and strength >= CALL and group[r] != group[p])


def file_runs(g: Graph, k: int, cap: int, share: float = SHARE) -> dict[int, int] | None:
    """The file's definitions cut into `k` runs in file order, each at least `share` of
    the average module's lines and at most `cap` lines, with the fewest reads crossing
    between runs (the earliest cuts on a tie); None when no such cut exists."""
    order = sorted(range(len(g.nodes)), key=lambda i: (g.nodes[i].line, i))
    n = len(order)
    if not 2 <= k <= min(n, SMALL):
        return None
    at = {node: x for x, node in enumerate(order)}
    # below[i][j]: reads between a definition before position i and one before j
    count = [[0] * n for _ in range(n)]
    for (r, p), strength in g.reads.items():
        if r >= 0 and strength >= CALL and r != p:
            a, b = sorted((at[r], at[p]))
            count[a][b] += a != b
    below = [[0] * (n + 1) for _ in range(n + 1)]
    for a in range(n):
        for b in range(n):
            below[a + 1][b + 1] = below[a][b + 1] + below[a + 1][b] - below[a][b] + count[a][b]
    start = [g.nodes[node].line for node in order]
    end = max(node.line + node.lines for node in g.nodes)
    size = [0]
    for node in order:
        size.append(size[-1] + g.nodes[node].lines)
    least = share * (end - start[0]) / k
    # best[m][j]: (reads crossed, where the last run starts) for the first j definitions in m runs
    best: list[dict[int, tuple[int, int]]] = [{0: (0, 0)}] + [{} for _ in range(k)]
    for m in range(1, k + 1):
        for j in range(1, n + 1):
            for i, (crossed, _) in sorted(best[m - 1].items()):
                if i >= j or (start[j] if j < n else end) - start[i] < least:
                    continue
                if size[j] - size[i] > cap:
                    continue
                cost = crossed + below[i][j] - below[i][i]
                if j not in best[m] or cost < best[m][j][0]:
                    best[m][j] = (cost, i)
    if n not in best[k]:
        return None
    cuts, j = [], n
    for m in range(k, 0, -1):
        j = best[m][j][1]
        cuts.append(j)
    return {node: sum(c <= x for c in cuts) - 1 for x, node in enumerate(order)}


def prefer_runs(g: Graph, group: dict[int, int], k: int, cap: int,
                tangled: Callable[[Graph, dict[int, int]], int]) -> dict[int, int]:
    """`group`, or the file cut in runs when that has fewer groups on a cycle of reads
    (`tangled`) and no more reads between groups."""
    if not (was := tangled(g, group)) or (runs := file_runs(g, k, cap)) is None:
        return group
    break_cycles(g, runs)
    exactly(g, runs, k, cap)
    return runs if tangled(g, runs) < was and across(g, runs) <= across(g, group) else group
