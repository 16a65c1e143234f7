"""A class family is pooled by subfamilies: a subclass is never parted from its own base.

`place.gather_families` pools the small classes of a large in-file family in the group
that holds most of them (maintainers keep sphinx's AST classes, spread through the file,
in one module). Maintainers who split a family between modules do it by subfamily: a
direct subclass of the family's root together with all its own subclasses (wtforms'
`DateTimeField` with `DateField`, `TimeField` and `MonthField` in `datetime`; astropy's
each cosmology model with its flat variant, `class FlatLambdaCDM(FlatFLRWMixin,
LambdaCDM)`, in a module of its own). Pooled class by class, the small members of a large
subfamily left it for the pool (`FlatLambdaCDM` without `LambdaCDM`). So the pool takes
whole subfamilies, each small as a whole; a subfamily too large to pool stays where the
merging put it. A class's base in the family is its first base not named `...Mixin`
(`graph.family_root`'s rule: mixins come first in a class's bases).
"""

from __future__ import annotations

from collections import defaultdict

from .graph import Graph, Node, family_root


def head(nodes: list[Node], n: int) -> int:
    """The subclass of the family's root that `n` descends from (the root: itself), through
    first bases not named `...Mixin`, as `family_root` walks them."""
    root, seen = family_root(nodes, n), {n}
    while n != root:
        bases = [b for b in nodes[n].bases if not nodes[b].label.endswith("Mixin")]
        if not bases or bases[0] == root or bases[0] in seen:
            return n
        n = bases[0]
        seen.add(n)
    return n


def subfamilies(g: Graph) -> dict[int, list[list[int]]]:
    """Family root -> its subfamilies (each a head and its descendants, in node order; the
    root is a subfamily of its own)."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, root in sorted(g.families.items()):
        out[root, head(g.nodes, n)].append(n)
    found: dict[int, list[list[int]]] = defaultdict(list)
    for (root, _), members in sorted(out.items()):
        found[root].append(members)
    return dict(found)
