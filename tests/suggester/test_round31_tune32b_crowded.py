"""Round 31 (tune32b): with `--modules K`, a tie to more definitions than one of K modules
can hold (N - K + 1) is spread over them (`suggester/crowded.py`), and the family gathering
never pools what would leave the other K - 1 modules without a definition each
(`place.gather_families`): youtube-dl's `InfoExtractor`, the first base of 60 of 65
definitions cut into 57 modules, bound small extractors to itself and to each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.crowded import room, spread_bonds
from godsplit.suggester.graph import WEIGHTS, Graph, build_graph
from godsplit.suggester.place import gather_families

SITES = ["Vimeo", "Daily", "Yahoo", "Arte", "Keek", "Steam"]


def _site(name: str) -> str:
    return (f"class {name}IE(InfoExtractor):\n    '''{name}.'''\n\n"
            f"    def _real_extract(self, url):\n        return {{'id': url, 'site': '{name}'}}\n\n\n")


# An extractor file: a base class, six small subclasses and a function that lists them all.
SOURCE = (
    "class InfoExtractor:\n    '''The base.'''\n\n"
    + "".join(f"    def step_{i}(self, url):\n        return url * {i}\n\n" for i in range(40))
    + "\n" + "".join(_site(s) for s in SITES)
    + "def gen_extractors():\n    return [" + ", ".join(f"{s}IE()" for s in SITES) + "]\n"
)


def _graph(tmp_path: Path) -> Graph:
    path = tmp_path / "extractors.py"
    path.write_text(SOURCE)
    return build_graph(analyze(read_source(path)), ())


def _node(g: Graph, label: str) -> int:
    return next(i for i, n in enumerate(g.nodes) if n.label == label)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def test_room_is_what_one_of_k_modules_can_hold(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert len(g.nodes) == 8
    assert [room(g, k) for k in (1, 2, 6, 8)] == [8, 7, 3, 1]


def test_a_base_with_more_subclasses_than_a_module_holds_has_its_bond_spread(
        tmp_path: Path) -> None:
    g = _graph(tmp_path)
    spread = spread_bonds(g, 6)  # room 3: six subclasses, and a reader of six
    base, vimeo, listing = _node(g, "InfoExtractor"), _node(g, "VimeoIE"), _node(g, "gen_extractors")
    assert spread.weights[_pair(base, vimeo)] == pytest.approx(
        g.weights[_pair(base, vimeo)] - WEIGHTS.base * (1 - 3 / 6))
    # gen_extractors reads six classes, each read by it alone: each read keeps 3 / 6
    assert spread.weights[_pair(vimeo, listing)] == pytest.approx(
        g.weights[_pair(vimeo, listing)] - WEIGHTS.call * (1 - 3 / 6))
    assert spread.near[base][vimeo] == spread.weights[_pair(base, vimeo)]  # (rebuilt)
    assert g.weights != spread.weights  # the graph built is not changed


def test_with_few_modules_no_tie_changes(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert spread_bonds(g, 2) is g  # room 7: the family fits in one module


def test_no_family_pool_that_leaves_other_modules_empty(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    classes = [i for i, n in enumerate(g.nodes) if n.label.endswith("IE")]
    alone = {n: n for n in range(len(g.nodes))}
    group = dict(alone)
    # 7 modules for 8 definitions: a pool of the six small extractors would leave two
    # definitions for the six other modules
    gather_families(g, group, 7, 10_000)
    assert group == alone
    group = {n: 0 if n in classes[:3] else n for n in range(len(g.nodes))}
    gather_families(g, group, 2, 10_000)  # 2 modules: the family is pooled, as before
    assert {group[n] for n in classes} == {0}
