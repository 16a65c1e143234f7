"""With `--modules K`: a table of instances is a module of its own, not the glue between
the classes it instantiates (round 35).

A run of values one after another in the file (no function or class between them), at
least RUN of which make an instance of a class the file defines (`int32 =
Integer('int32')`, `none = NoneType('none')`), is the file's registry of ready-made objects:
its author wrote it as one table, after the classes, and maintainers keep it as one (the
aliases between them, `b1 = bool_`, `intp = int32 if ... else int64`, with it). Each
instance reads its class at import time, and that read bonds them (`graph`); over a table
that instantiates classes of every family, those bonds tie all the families to each other
through the table, and the grouping pools them in one module. Numba's `types.py` (121
definitions, K 8): its table of short names (41 definitions: `pyobject`, `int8` ...
`float64`, `b1`, `c16`) holds 16 instances of 11 classes the maintainers put in four
modules; suggest pooled 72 definitions in one module (F1 0.33, ARI 0.05; file order 0.76,
0.70), where the maintainers kept the table in the package's `__init__` and the classes in
`scalars`, `misc`, `common`. With this rule: F1 0.60, ARI 0.46.

So the classes are grouped without the instances' bonds to them, and each table then
becomes a group of its own (it reads the classes at import time: a layer above them, no
cycle); a group made for a table is made up for by merging the two closest other groups
(`constants`' way), then import-time cycles are broken and exactly K made again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .constants import merge_others, runs_of
from .graph import Graph
from .place import break_cycles, exactly

RUN = 5  # instances in a run, at least, make a table (as `constants.RUN` counts constants)
Choose = Callable[[Graph, int, int], dict[int, int]]


def instantiates(g: Graph, n: int) -> int | None:
    """The class of the file that value `n` is an instance of (`x = Cls(...)`), while the
    two are bonded; else None."""
    c = g.calls.get(n)
    if g.nodes[n].kind != "value" or c is None or g.nodes[c].kind != "class":
        return None
    return c if c in g.near.get(n, {}) else None


def tables(g: Graph) -> list[list[int]]:
    """Runs of values one after another in file order (one section) holding at least RUN
    instances of the file's classes."""
    return [run for run in runs_of(g, lambda node: node.kind == "value")
            if sum(1 for n in run if instantiates(g, n) is not None) >= RUN]


def unglue(g: Graph, found: list[list[int]]) -> Graph:
    """`g` without the bonds between each table's instances and the classes they make."""
    weights = dict(g.weights)
    for n in (n for run in found for n in run):
        if (c := instantiates(g, n)) is not None:
            weights.pop((min(n, c), max(n, c)), None)
    return replace(g, weights=weights, near={})


def by_tables(g: Graph, k: int, cap: int, choose: Choose) -> dict[int, int] | None:
    """`choose`'s grouping of the classes without the tables' bonds, each table a group of
    its own (K kept: the closest other groups merged); None when the file has no table."""
    found = tables(g)
    if not found or k < 2:
        return None
    group = choose(unglue(g, found), k, cap)
    carved: set[int] = set()
    for run in found:
        fresh = max(group.values()) + 1
        for n in run:
            group[n] = fresh
        carved.add(fresh)
    merge_others(g, group, k, cap, carved)
    break_cycles(g, group)
    exactly(g, group, k, cap)
    return group
