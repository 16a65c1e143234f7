"""Round 15: with `--modules K`, a group halved to make one more module is cut by layers
when its cohesive halves would read each other in a cycle (suggester/layers.py)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.cluster import halve
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.layers import layered, read_both_ways
from godsplit.suggester.place import exactly

# Two families under one base: expressions and statements, which read each other.
NODES = '''\
PRECEDENCE = {"+": 1, "*": 2}


class Node:
    def precedence(self, op):
        return PRECEDENCE[op]


class Expression(Node):
    def as_statement(self):
        return ExpressionStatement(self)


class BinaryExpression(Expression):
    def left(self):
        return UnaryExpression()


class UnaryExpression(Expression):
    def operand(self):
        return BinaryExpression()


class Statement(Node):
    def value(self):
        return BinaryExpression()


class ExpressionStatement(Statement):
    def __init__(self, expression):
        self.expression = expression


class ReturnStatement(Statement):
    def value(self):
        return UnaryExpression()
'''

CAP = 1_000_000


def _graph(tmp_path: Path, text: str) -> tuple[Graph, dict[str, int]]:
    source = tmp_path / "big.py"
    source.write_text(text)
    g = build_graph(analyze(read_source(source)), ())
    return g, {n.label: i for i, n in enumerate(g.nodes)}


def _names(g: Graph, parts: list[list[int]]) -> list[set[str]]:
    return [{g.nodes[n].label for n in part} for part in parts]


def test_cyclic_halves_give_way_to_the_base_class_and_what_it_reads(tmp_path: Path) -> None:
    g, at = _graph(tmp_path, NODES)
    members = sorted(at.values())
    halves = halve(g, members, CAP)
    assert read_both_ways(g, *halves)  # expressions and statements read each other
    upper, lower = _names(g, layered(g, members, halves))
    assert lower == {"Node", "PRECEDENCE"}
    assert upper == set(at) - lower
    assert not read_both_ways(g, *layered(g, members, halves))


def test_exactly_makes_the_base_class_a_module_below_its_subclasses(tmp_path: Path) -> None:
    g, at = _graph(tmp_path, NODES)
    group = dict.fromkeys(at.values(), 0)
    exactly(g, group, 2, CAP)
    made = {frozenset(g.nodes[n].label for n in group if group[n] == k)
            for k in set(group.values())}
    assert frozenset({"Node", "PRECEDENCE"}) in made
    assert len(made) == 2


def test_halves_that_read_one_way_are_kept(tmp_path: Path) -> None:
    # the statements read the expressions, the expressions read no statement
    one_way = NODES.replace("return ExpressionStatement(self)", "return self")
    g, at = _graph(tmp_path, one_way)
    members = sorted(at.values())
    halves = halve(g, members, CAP)
    assert not read_both_ways(g, *halves)
    assert layered(g, members, halves) == halves


def test_without_a_shared_base_class_the_cohesive_halves_are_kept(tmp_path: Path) -> None:
    # the same reads, but no class of the file is the base of two others
    flat = NODES.replace("(Node)", "").replace("(Expression)", "").replace("(Statement)", "")
    g, at = _graph(tmp_path, flat)
    members = sorted(at.values())
    halves = [[at[x] for x in ("PRECEDENCE", "Node", "Expression", "BinaryExpression",
                               "UnaryExpression")],
              [at[x] for x in ("Statement", "ExpressionStatement", "ReturnStatement")]]
    assert read_both_ways(g, *halves)
    assert layered(g, members, halves) == halves
