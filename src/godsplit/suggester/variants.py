"""With `--modules K`: parallel variants of the same definitions, one module per variant.

When several definitions share a name template and differ by one word (pyglet's
`TextLayout`, `ScrollableTextLayout`, `IncrementalTextLayout`; `TextLayoutGroup`,
`ScrollableTextLayoutGroup`, `IncrementalTextLayoutGroup`), that word names a variant, and a
word that names a variant in two or more templates names a family of parallel
implementations. Maintainers cut such a file along that axis: pyglet's `layout` package
put the `Scrollable*` classes in `scrolling` and the `Incremental*` ones in `incremental`,
the rest in `base`; photutils put the `Circular*`, `Elliptical*` and `Rectangular*`
apertures (each with its `Sky*` twin) in `circle`, `ellipse` and `rectangle`; PuLP put
`GLPK_CMD` and `GLPK`, `CPLEX_CMD` and `CPLEX_DLL`, `SCIP_CMD` and `SCIP` each in a solver's
module. The reads and the class bonds tie each variant to the shared base instead, so the
merging pools them.

The axis: variant words that stand in for each other in one template belong to one axis
(`Circular`, `Elliptical` and `Rectangular` in `Sky*Aperture`); the axis with the most
families is cut along (photutils' `Sky` axis, one family, loses to its shape axis), when it
has two or more. When the families are exactly K - 1, the K modules asked for may be the
variants and what they share: each family a module and everything else one more. That
grouping is a third candidate in `choose`, judged by its rule (fewest groups on a cycle of
reads, then the reads' modularity): it wins on pyglet (K 3: no cycle, where the merging's
has two; F1 0.42 to 0.89) and photutils (K 4, three shapes: Q 0.065 against 0.033; F1 0.44 to
0.76), and loses where its cut is worse than the merging's (NumPyro's `HMC` and `SA`, whose
helpers the rest would take from them; param's `List` and `Date`; Meson's `Library`,
`Header` and `Module` holders; PuLP's solvers; Albumentations' `Crop`, `Rotate` and
`Brightness`, where it would have scored higher). With fewer families than K - 1 the
variants are a detail of a larger cut (as modules of their own: aiohttp 0.95 to 0.36,
Arcade 0.92 to 0.60, beets-commands 0.88 to 0.61), and it is not made. No weight or
threshold.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .graph import Graph, stem, words


def variant_families(g: Graph) -> list[list[int]]:
    """The nodes of each family of the axis with the most families (at least two), in
    file order; [] when there is none."""
    slots: dict[tuple[str, ...], dict[str | None, set[int]]] = defaultdict(dict)
    for n, node in enumerate(g.nodes):
        for name in node.names:
            ws = [stem(w) for w in words(name)]
            slots[tuple(ws)].setdefault(None, set()).add(n)
            for i, w in enumerate(ws):
                slots[(*ws[:i], "*", *ws[i + 1:])].setdefault(w, set()).add(n)
    templates: dict[str, int] = defaultdict(int)  # word -> templates it is a variant in
    plain: dict[str, int] = defaultdict(int)  # word -> templates also named without it
    axes: nx.Graph[str] = nx.Graph()
    for key, filled in sorted(slots.items()):
        if "*" not in key:
            continue
        others = [w for w in filled if w is not None]
        base = tuple(x for x in key if x != "*") in slots  # `TextLayout` beside its variants
        if len(others) + base < 2:
            continue  # one word in the slot, and no name without it: no variant
        for w in others:
            templates[w] += 1
            plain[w] += base
            axes.add_node(w)
        axes.add_edges_from((a, b) for a in others for b in others if a < b)
    family = {w for w, count in templates.items() if count >= 2}
    named = [{stem(w) for w in words(name)} & family for node in g.nodes for name in node.names]
    best: list[str] = []
    for axis in nx.connected_components(axes):
        chosen = sorted(w for w in axis if w in family)
        while True:  # the values of one axis never meet in one name: `Sky` crosses shapes
            crossing = {w: sum(w in ws and len(ws & set(chosen)) > 1 for ws in named)
                        for w in chosen}
            worst = max(chosen, key=lambda w: (crossing[w], w), default=None)
            if worst is None or not crossing[worst]:
                break
            chosen.remove(worst)
        if (len(chosen), sum(plain[w] for w in chosen)) > (len(best), sum(plain[w] for w in best)):
            best = chosen  # the most families; then variants of a plain base (pyglet's)
    if len(best) < 2:
        return []
    members = {w: sorted({n for n, node in enumerate(g.nodes) for name in node.names
                          if w in {stem(x) for x in words(name)}}) for w in best}
    claimed: set[int] = set()
    out = []
    for w in sorted(best, key=lambda w: (min(g.nodes[n].line for n in members[w]), w)):
        own = [n for n in members[w] if n not in claimed]
        claimed.update(own)
        if own:
            out.append(own)
    return out if len(out) >= 2 else []


def by_variant(g: Graph, k: int) -> dict[int, int] | None:
    """Each family of variants a group and the rest another, when the families are K - 1:
    the modules asked for are the variants and what they share; else None."""
    families = variant_families(g)
    taken = {n for f in families for n in f}
    rest = [n for n in range(len(g.nodes)) if n not in taken]
    if len(families) != k - 1 or not rest:
        return None
    parts = [*families, rest]
    return {n: i for i, part in enumerate(parts) for n in part}
