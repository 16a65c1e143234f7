"""Helpers for tests of suggest's grouping stages: a graph of a small source, a grouping given
by node label, the modules a grouping makes, by label, and the names naming gives them."""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.described import docstrings
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.naming import name_modules
from godsplit.suggester.place import groups_of


def graph_of(tmp_path: Path, source: str, stem: str = "big") -> Graph:
    """The suggester's graph of `source`, written as `<stem>.py` (the stem can name groups)."""
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    return build_graph(analyze(read_source(path)), ())


def by_name(g: Graph, names: dict[str, int]) -> dict[int, int]:
    """A grouping of every node, given as label -> group."""
    return {n: names[node.label] for n, node in enumerate(g.nodes)}


def modules_of(g: Graph, group: dict[int, int]) -> list[list[str]]:
    """The grouping's modules, each as its sorted labels, sorted."""
    return sorted(sorted(g.nodes[n].label for n in members)
                  for members in groups_of(group).values())


def names_of(source: str, groups: list[list[str]], stem: str = "big", taken: Collection[str] = (),
             package: bool = False) -> tuple[list[str], set[str]]:
    """The names `name_modules` gives `groups` (each a list of top-level names) of `source`,
    written as `<stem>.py` (or, with `package`, as `<stem>/__init__.py`), and the names the
    source binds; `taken`: more names no module may take."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (f"{stem}/__init__.py" if package else f"{stem}.py")
        path.parent.mkdir(exist_ok=True)
        path.write_text(source)
        analysis = analyze(read_source(path))
    g = build_graph(analysis, ())
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    forbidden = set(analysis.binders) | {"_shared", stem, *taken}
    names = name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden,
                         frozenset(), "__init__" if package else stem,
                         docstrings(analysis.module))
    return names, set(analysis.binders)
