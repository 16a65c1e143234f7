"""Round 36 (tune37b): a block of constants that is its readers' tables written side by
side (`paragraphs.to_readers`: each paragraph read from one module, three modules or more
reading them, not one family of names) is spread over its readers by `constants.carve`,
not made a module of its own: pyfive's HDF5 structures, each with the class parsing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import constants
from godsplit.suggester.constants import blocks, carve
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.paragraphs import to_readers

# three readers, two paragraphs each (a table and its size), a blank line between paragraphs
TABLES = {"heap": ["HEAP_HEADER", "HEAP_OBJECT"], "tree": ["TREE_NODE", "NODE_ENTRY"],
          "message": ["MSG_HEADER", "ATTR_HEADER"]}


def _source(tables: dict[str, list[str]]) -> str:
    out = ""
    for names in tables.values():
        for name in names:
            out += f"{name} = ('{name.lower()}', 'B')\n{name}_SIZE = len({name})\n\n"
    out += "\n"
    for reader, names in tables.items():
        out += f"def read_{reader}(data):\n    return ({', '.join(names)}, len(data))\n\n\n"
    return out


def _graph(tmp_path: Path, tables: dict[str, list[str]]) -> Graph:
    path = tmp_path / "low_level.py"
    path.write_text(_source(tables))
    return build_graph(analyze(read_source(path)), ())


def _grouping(g: Graph) -> dict[int, int]:
    """Each reader a group of its own, the block a fourth."""
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    group = {n: 3 for n in range(len(g.nodes))}
    for i, reader in enumerate(("read_heap", "read_tree", "read_message")):
        group[node[reader]] = i
    return group


def _owners(g: Graph, group: dict[int, int]) -> dict[str, int]:
    return {g.nodes[n].label: group[n] for n in range(len(g.nodes))}


def test_each_paragraph_goes_to_its_reader(tmp_path: Path) -> None:
    g = _graph(tmp_path, TABLES)
    (block,) = blocks(g)
    group = _grouping(g)
    assert to_readers(g, group, block, -1) is True
    placed = _owners(g, group)
    for i, names in enumerate(TABLES.values()):
        assert {placed[n] for name in names for n in (name, f"{name}_SIZE")} == {i}


def test_carve_spreads_the_tables_and_before_the_rule_kept_them_one_module(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g = _graph(tmp_path, TABLES)
    group = _grouping(g)
    carve(g, group, 4, 10_000)
    assert _owners(g, group)["HEAP_HEADER"] != _owners(g, group)["TREE_NODE"]
    monkeypatch.setattr(constants, "to_readers", lambda *args: None)
    group = _grouping(g)
    carve(g, group, 4, 10_000)
    placed = _owners(g, group)
    assert len({placed[name] for names in TABLES.values() for name in names}) == 1


def test_one_family_of_names_is_not_spread(tmp_path: Path) -> None:
    family = {reader: [f"GET_{name}" for name in names] for reader, names in TABLES.items()}
    g = _graph(tmp_path, family)
    (block,) = blocks(g)
    assert to_readers(g, _grouping(g), block, -1) is None


def test_two_readers_are_not_enough(tmp_path: Path) -> None:
    two = dict(list(TABLES.items())[:2])
    g = _graph(tmp_path, two)
    (block,) = blocks(g)
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    group = {n: 3 for n in range(len(g.nodes))}
    group[node["read_heap"]], group[node["read_tree"]] = 0, 1
    assert to_readers(g, group, block, -1) is None
