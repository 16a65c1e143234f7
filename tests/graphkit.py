"""Helpers for tests of suggest's grouping stages: a graph of a small source, a grouping given
by node label, and the modules a grouping makes, by label."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, build_graph
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
