"""Round 28 (tune28b): with `--modules K`, a candidate grouping no better than chance (its
modularity of the reads is 0 or below) is not chosen over one that is better than chance,
even when it has fewer modules on a cycle of reads (suggester/chance.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as chooser
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph, build_graph

# Two topics that read each other (parse_a calls render_a, render_a calls parse_d) and two
# lone functions nothing reads: the `pieces` candidate pools both topics in one module and
# gives each lone function a module of its own (no cycle, but no better than chance).
SOURCE = '''\
def parse_a(text):
    return parse_b(text) + parse_c(text) + render_a(text)


def parse_b(text):
    return parse_c(text) * 2


def parse_c(text):
    return len(text)


def parse_d(text):
    return parse_a(text) + parse_b(text) + parse_c(text)


def render_a(value):
    return render_b(value) + render_c(value) + parse_d(value)


def render_b(value):
    return render_c(value) + 1


def render_c(value):
    return str(value)


def render_d(value):
    return render_a(value) + render_b(value) + render_c(value)


def lone_x(value):
    return value


def lone_y(value):
    return value
'''

PARSE = ["parse_a", "parse_b", "parse_c", "parse_d"]
RENDER = ["render_a", "render_b", "render_c", "render_d"]


def _graph(tmp_path: Path) -> tuple[Path, Graph, dict[str, int]]:
    source = tmp_path / "big.py"
    source.write_text(SOURCE)
    g = build_graph(analyze(read_source(source)), ())
    return source, g, {n.label: i for i, n in enumerate(g.nodes)}


def test_suggest_with_modules_keeps_two_topics_apart_rather_than_pool_them(
        tmp_path: Path) -> None:
    source, _, _ = _graph(tmp_path)
    made = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 10_000, modules=3)
    assert not made.errors
    modules = sorted(sorted(names) for names in made.table()["modules"].values())
    # before: parse_* and render_* in one module, lone_x and lone_y one module each
    assert modules == [["lone_x", "lone_y"], PARSE, RENDER]


def test_a_candidate_no_better_than_chance_loses_despite_no_cycle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, g, at = _graph(tmp_path)
    pooled = {n: 0 for n in at.values()} | {at["lone_x"]: 1, at["lone_y"]: 2}
    topics = {at[n]: 0 for n in PARSE} | {at[n]: 1 for n in RENDER} | {
        at["lone_x"]: 2, at["lone_y"]: 2}
    assert chooser.tangled(g, pooled) == 0 < chooser.tangled(g, topics)
    assert chooser.modularity(g, pooled) <= 0 < chooser.modularity(g, topics)
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(pooled)), ("second", lambda g, k, cap: dict(topics))))
    assert chooser.choose(g, 3, 10_000) == topics  # before: `pooled`, fewer on a cycle


def test_when_no_candidate_is_better_than_chance_the_choice_is_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, g, at = _graph(tmp_path)
    pooled = {n: 0 for n in at.values()} | {at["lone_x"]: 1, at["lone_y"]: 2}
    # parse_a and render_a apart from what they read, both ways: below chance, on a cycle
    crossed = {n: 0 for n in at.values()} | {at["parse_a"]: 1, at["render_a"]: 1,
                                               at["lone_y"]: 2}
    assert chooser.modularity(g, crossed) < 0 and chooser.tangled(g, crossed) > 0
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(crossed)), ("second", lambda g, k, cap: dict(pooled))))
    assert chooser.choose(g, 3, 10_000) == pooled
