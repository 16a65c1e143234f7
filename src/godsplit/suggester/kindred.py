"""Module names from a group's kin outside it: the base class most of its classes derive
from, and the plural of a word the source defines (round 34, names35)."""

from __future__ import annotations

import re
from collections import defaultdict

from .graph import Graph
from .spelling import many, plural, snake_in
from .verbs import countable
from .weak_names import GENERIC


def _root(g: Graph, n: int, inside: set[int]) -> int:
    """The first class outside `inside` up `n`'s chain of first bases defined in the file
    (through the group's own classes: astroid's `AsyncFor` under `For` under `Statement`),
    or `n` itself when the chain never leaves `inside` (nor reaches a mixin)."""
    top, seen = n, {n}
    while g.nodes[top].bases[:1] and g.nodes[top].bases[0] not in seen:
        top = g.nodes[top].bases[0]
        if g.nodes[top].label.endswith(("Mixin", "MixIn")):
            return n
        if top not in inside:
            return top
        seen.add(top)
    return n


def outside_lineage(g: Graph, members: list[int]) -> tuple[str, int, str] | None:
    """The plural of a class outside the group that three or more of its public classes
    derive from, through first bases (astroid's `If`, `For`, `While`, `Assign`, ... under
    `Statement`, which the group does not hold: `statements`, not `assign`), when they hold
    half of the group's lines and it is the group's base, not the file's: they hold three
    quarters of the lines of the classes under it in the file (`Statement`: 1,392 of 1,431;
    not astroid's `NodeNG`, 2,407 of 3,948, under which every module's classes are), and
    their lines; else None. Not a generic word's (`GENERIC`: flexget-series' declarative
    `Base`, under which its `Episode`, `Season`, ... tables are)."""
    inside = set(members)
    under: dict[int, list[int]] = defaultdict(list)
    for n in sorted(inside):
        if g.nodes[n].kind == "class" and g.nodes[n].public:
            root = _root(g, n, inside)
            if root != n:
                under[root].append(n)
    found = [(g.size(kin), -root) for root, kin in under.items() if len(kin) >= 3]
    if not found:
        return None
    lines, root = max(found)
    everywhere = [n for n, node in enumerate(g.nodes) if node.kind == "class"
                  and _under(g, n, -root)]
    if 2 * lines < g.size(members) or 4 * lines < 3 * g.size(everywhere):
        return None
    label = g.nodes[-root].label
    name = re.sub(r"^(?:base|abstract)_|_base$", "", snake_in(g, label.lstrip("_")))
    if name in GENERIC:  # (flexget's SQLAlchemy `Base`: no `bases`)
        return None
    name = many(label, name)
    return (name, lines, name) if name.isidentifier() else None


def _under(g: Graph, n: int, root: int) -> bool:
    """Whether `root` is up `n`'s chain of first bases defined in the file."""
    top, seen = n, {n}
    while g.nodes[top].bases[:1] and g.nodes[top].bases[0] not in seen:
        top = g.nodes[top].bases[0]
        if top == root:
            return True
        seen.add(top)
    return False


def defined(g: Graph, head: list[str]) -> list[str]:
    """The plural of the group's best word when the source defines the word itself, before
    the next word (weasyprint's pooled `generic_expander`, `expander`, `get_single_keyword`,
    `single_token`: `expanders`, not `single`, an adjective alone), when it names a doer
    (`-er`, `-or`); not a verb's (dask's `concatenate()`: no `concatenates`), nor the file's
    own name, which it does not define (pretix's `cart.py`: no `carts`)."""
    names = {name for node in g.nodes for name in node.names}
    return [plural(w) for w in head[:1]
            if w in names and w.endswith(("er", "or")) and countable(w) and "_" not in w]
