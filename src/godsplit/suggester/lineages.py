"""A group of parallel class families named by what their bases share (round 38, names39):
ibis' `TemporalValue`, `TemporalScalar` and `TemporalColumn`, each the base of a `Date...`,
a `Time...` and a `Timestamp...` in the group: `temporal`, as the maintainers'
`expr/types/temporal.py`, where no one family holds half of the group (`naming.lineage`)."""

from __future__ import annotations

import re
from collections import defaultdict

from .graph import STOP, Graph, stem
from .spelling import snake_in
from .weak_names import GENERIC, VOID, reserved


def parallel(g: Graph, members: list[int], prefix: tuple[str, ...] = ()) -> tuple[str, int, str] | None:
    """The first words that the names of two or more bases in the group share, each base
    with a public class of the group under it through first bases inside the group, when
    those families hold half of the group's lines: `temporal` for `TemporalValue`,
    `TemporalScalar`, `TemporalColumn`; `geo_spatial` for `GeoSpatialValue`, ...; and their
    lines (as `naming.lineage` gives them); else None. Not a generic word (`base` of
    `BaseValue` and `BaseScalar`), a stop word alone, nor the file's prefix (`prefix`)."""
    inside = {n for n in members if g.nodes[n].kind == "class"}
    kin: dict[int, list[int]] = defaultdict(list)
    for n in sorted(inside):
        top, seen = n, {n}
        while g.nodes[top].bases[:1] and g.nodes[top].bases[0] in inside - seen:
            top = g.nodes[top].bases[0]
            seen.add(top)
        if top != n and g.nodes[n].public:
            kin[top].append(n)
    roots = sorted(kin)
    if len(roots) < 2:
        return None
    names = [snake_in(g, g.nodes[r].label.lstrip("_")).split("_") for r in roots]
    common: list[str] = []
    for words in zip(*names, strict=False):
        if len(set(words)) > 1:
            break
        common.append(words[0])
    if len(common) >= min(len(w) for w in names) or tuple(common[:len(prefix)]) == prefix > ():
        return None  # (a root's whole name: `Join` beside `JoinChain` is one family's)
    lines = g.size(n for r in roots for n in {r, *kin[r]})
    name = "_".join(common)
    if (2 * lines < g.size(members) or not common or name in GENERIC or name in VOID
            or reserved(name) or all(stem(w) in STOP for w in common)
            or not re.fullmatch(r"[a-z][a-z0-9_]*", name)):
        return None
    return name, lines, name
