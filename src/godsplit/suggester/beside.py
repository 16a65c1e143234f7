"""A private helper written next to the one class that reads it goes with that class, not
to the pool of shared helpers, when each class gets a module (`one_each`, round 33).

Maintainers who give each main class its own module move with it what only it uses; in
the file, that is a private function or value written right beside the class (its line
just before or after it, nothing defined between them) that no other definition reads.
VisPy's `cameras.py` (K 7 for 9 definitions: seven camera classes, the `make_camera`
factory and `_arcball`) became a module per camera, and `_arcball`, written right after
`ArcballCamera` and read by it alone, went to `arcball` with it; `make_camera`, which reads
every camera, to a module of its own. `one_each` pooled both functions, so the helper
left its class (F1 0.00 against the maintainers' grouping, file order 0.33).

A helper written among other helpers stays in the pool even when one class reads it:
asciimatics' `widgets.py` opens with a block of seven helpers and values (`THEMES` is read
by `Frame` alone, `_euclidian_distance` by `Layout` alone), and its maintainers pooled all
seven in `utilities`. Gradio's `DataFrame = Dataframe` alias, read by `ScatterPlot` alone,
is written at the end of the file and went to the package's `__init__` with the other
aliases. Position tells these apart: a helper beside its only reader was written for it.
"""

from __future__ import annotations

from .graph import Graph


def beside(g: Graph, rest: list[int]) -> dict[int, int]:
    """Helper node -> its class, for each node of `rest` that is not listed by name (not an
    anchor), is read by exactly one definition, a class, and by no code that stays in the
    old module, and is that class's neighbour in the file (no definition between them)."""
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    at = {n: i for i, n in enumerate(order)}
    found: dict[int, int] = {}
    for n in rest:
        readers = g.readers.get(n, set())
        if g.nodes[n].anchor or len(readers) != 1:
            continue
        (reader,) = readers
        if reader < 0 or g.nodes[reader].kind != "class" or abs(at[reader] - at[n]) != 1:
            continue
        found[n] = reader
    return found
