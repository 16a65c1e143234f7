"""exactly(): how groups are halved to reach K modules; gather_families(): families pooled."""

from __future__ import annotations

from godsplit.suggester.graph import Graph, Node
from godsplit.suggester.place import exactly, gather_families, groups_of


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


def _family(sizes: list[int], others: int) -> Graph:
    """A root class (0) and its subclasses (1..), then `others` functions of 50 lines."""
    nodes = [Node((f"C{i}",), lines, 100 * i, "class", True, frozenset(), 0, () if i == 0 else (0,))
             for i, lines in enumerate(sizes)]
    nodes += [_node(f"f{i}", 50, 10_000 + 100 * i, "function", True) for i in range(others)]
    return Graph(nodes, {}, {}, {}, {}, {})


def test_the_small_classes_of_a_large_family_are_gathered() -> None:
    """Six small classes of one root, cut by topic over three groups, go to the group that
    holds most of them (maintainers pool such a family: sphinx's AST classes)."""
    g = _family([20, 30, 30, 30, 30, 30], 6)
    group = {0: 0, 1: 0, 2: 0, 3: 1, 4: 2, 5: 1, 6: 0, 7: 0, 8: 1, 9: 1, 10: 2, 11: 2}
    gather_families(g, group, 3, 10_000)
    assert groups_of(group) == {0: [0, 1, 2, 3, 4, 5, 6, 7], 1: [8, 9], 2: [10, 11]}


def test_a_family_is_gathered_only_when_large_and_its_classes_small() -> None:
    """Fewer classes than the average module's definitions, or the classes over half the
    average module's lines, or a group that would grow over the cap: nothing moves."""
    few = _family([20, 30, 30], 9)  # 12 definitions in 2 modules: 6 on average
    group = {n: n % 2 for n in range(12)}
    gather_families(few, group, 2, 10_000)
    assert group == {n: n % 2 for n in range(12)}
    large = _family([20, 300, 300, 300, 30, 30], 0)  # 980 lines in 2 modules: 490 on average
    group = {0: 0, 1: 1, 2: 0, 3: 1, 4: 1, 5: 1}
    gather_families(large, group, 2, 10_000)
    assert group == {0: 1, 1: 1, 2: 0, 3: 1, 4: 1, 5: 1}  # the small root moves, C2 stays
    g = _family([20, 30, 30, 30, 30, 30], 6)
    group = {0: 0, 1: 0, 2: 0, 3: 1, 4: 2, 5: 1, 6: 0, 7: 0, 8: 1, 9: 1, 10: 2, 11: 2}
    before = dict(group)
    gather_families(g, group, 3, 200)  # group 0 would be 310 lines
    assert group == before
