"""Round 14: with `--modules K`, candidate groupings and a choice that looks only at the
file (suggester/choose.py)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as chooser
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph, build_graph

# `a` and `b` call each other; `c` calls `a`; `d` is read in an annotation of `c` only.
SOURCE = '''\
from __future__ import annotations


def a(x):
    return b(x - 1) if x else 0


def b(x):
    return a(x)


class D:
    pass


def c(x) -> D:
    return a(x)


def e(x):
    return x
'''


def _graph(tmp_path: Path, text: str = SOURCE) -> tuple[Graph, dict[str, int]]:
    source = tmp_path / "big.py"
    source.write_text(text)
    g = build_graph(analyze(read_source(source)), ())
    return g, {n.label: i for i, n in enumerate(g.nodes)}


def test_tangled_counts_groups_on_a_cycle_of_calls_not_annotations(tmp_path: Path) -> None:
    g, at = _graph(tmp_path)
    apart = {n: 0 for n in at.values()} | {at["b"]: 1}  # a <-> b across two groups
    assert chooser.tangled(g, apart) == 2
    together = {n: 0 for n in at.values()} | {at["D"]: 1, at["e"]: 2}  # c -> D: annotation
    assert chooser.tangled(g, together) == 0


def test_modularity_is_newman_s_on_the_undirected_graph_of_reads(tmp_path: Path) -> None:
    g, at = _graph(tmp_path)
    group = {at["a"]: 0, at["b"]: 0, at["c"]: 1, at["D"]: 1, at["e"]: 2}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(at.values())
    for (r, p), strength in g.reads.items():
        if r >= 0 and r != p:
            old = graph.edges[r, p]["weight"] if graph.has_edge(r, p) else 0.0
            graph.add_edge(r, p, weight=old + strength)
    parts = [{n for n, k in group.items() if k == x} for x in sorted(set(group.values()))]
    expected = nx.community.modularity(graph, parts, weight="weight")
    assert chooser.modularity(g, group) == pytest.approx(expected)


def test_the_candidate_with_fewer_groups_on_a_cycle_wins_whatever_its_rank(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g, at = _graph(tmp_path)
    cyclic = {n: 0 for n in at.values()} | {at["b"]: 1}
    layered = {n: 1 for n in at.values()} | {at["e"]: 0}
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(cyclic)), ("second", lambda g, k, cap: dict(layered))))
    assert chooser.choose(g, 2, 1000) == layered


def test_a_tie_goes_to_the_higher_modularity_then_to_the_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (round 32: modularity ranks candidates above chance only, so `e` gets readers here)
    g, at = _graph(tmp_path, SOURCE + "\n\ndef f(x):\n    return e(x)\n\n\n"
                   "def h(x):\n    return f(x) + e(x)\n")
    tight = {n: 0 for n in at.values()} | {at["e"]: 1, at["f"]: 1, at["h"]: 1}
    loose = tight | {at["c"]: 1}  # c -> a crosses: lower Q
    assert chooser.tangled(g, loose) == chooser.tangled(g, tight) == 0
    assert chooser.modularity(g, tight) > chooser.modularity(g, loose) > 0
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(loose)), ("second", lambda g, k, cap: dict(tight))))
    assert chooser.choose(g, 2, 1000) == tight
    renamed = {n: k + 10 for n, k in tight.items()}  # the same grouping: a full tie
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(tight)), ("second", lambda g, k, cap: dict(renamed))))
    assert chooser.choose(g, 2, 1000) == tight


def test_every_candidate_is_exactly_k_groups(tmp_path: Path) -> None:
    text = SOURCE + "".join(f"\n\ndef f{i}(x):\n    return e(x) + {i}\n" for i in range(8))
    g, _ = _graph(tmp_path, text)
    for k in (2, 3, 5):
        for name, group in chooser.candidates(g, k, 10_000):
            assert len(set(group.values())) == k, name
            assert set(group) == set(range(len(g.nodes)))


def test_suggest_with_modules_is_exact_error_free_and_deterministic(tmp_path: Path) -> None:
    text = SOURCE + "".join(f"\n\ndef f{i}(x):\n    return e(x) + {i}\n" for i in range(8))
    source = tmp_path / "big.py"
    source.write_text(text)
    config = parse_config({}, tmp_path / "godsplit.toml")
    made = [suggest(source, config, 10_000, modules=3) for _ in range(2)]
    assert len(made[0].plan.modules) == 3
    assert not made[0].errors
    assert made[0].table() == made[1].table()
