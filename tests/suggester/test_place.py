"""exactly(): how groups are halved to reach K modules."""

from __future__ import annotations

from godsplit.suggester.graph import Graph, Node
from godsplit.suggester.place import exactly, groups_of


def _node(name: str, lines: int, line: int, kind: str, anchor: bool) -> Node:
    return Node((name,), lines, line, kind, anchor, frozenset(), 0)


def _graph() -> Graph:
    """A large class and the helpers only it reads (0-2), and two small public classes (3, 4)."""
    nodes = [_node("Big", 600, 1, "class", True), _node("_help_a", 20, 700, "function", False),
             _node("_help_b", 20, 730, "function", False),
             _node("Left", 100, 800, "class", True), _node("Right", 100, 950, "class", True)]
    reads = {(0, 1): 1.0, (0, 2): 1.0, (3, 4): 0.5}
    readers = {1: {0}, 2: {0}, 4: {3}}
    weights = {(0, 1): 1.0, (0, 2): 1.0, (1, 2): 0.4, (3, 4): 0.5}
    return Graph(nodes, weights, reads, readers, {}, {})


def test_halving_never_makes_a_module_of_helpers() -> None:
    """To make a third module, the group of two listed classes is halved, not the larger
    group of one class and the helpers only it reads (maintainers keep those together)."""
    g = _graph()
    group = {0: 0, 1: 0, 2: 0, 3: 1, 4: 1}
    exactly(g, group, 3, 10_000)
    assert sorted(groups_of(group).values()) == [[0, 1, 2], [3], [4]]


def test_helpers_follow_their_reader_after_a_halving() -> None:
    """The halving cuts by affinity (here the helper's neighbour in the file); the helper
    then goes back to the half that reads it."""
    nodes = [_node("First", 300, 1, "class", True), _node("_helper", 20, 310, "function", False),
             _node("Second", 300, 400, "class", True)]
    g = Graph(nodes, {(0, 1): 2.0, (1, 2): 0.3}, {(2, 1): 1.0}, {1: {2}}, {}, {})
    group = {0: 0, 1: 0, 2: 0}
    exactly(g, group, 2, 10_000)
    assert sorted(groups_of(group).values()) == [[0], [1, 2]]
