"""Module names: the main class's name, else its plural, before any word of a small member."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, Node, _grams, build_graph
from godsplit.suggester.naming import name_modules


def _node(name: str, kind: str, lines: int, line: int) -> Node:
    return Node((name,), lines, line, kind, True, frozenset(_grams(name, kind)), 0)


def test_main_class_named_by_its_plural_when_its_name_is_taken() -> None:
    """pyflakes' checker.py: the module holding `Checker` (1,500 lines) cannot be called
    `checker` (the package's own name); it is `checkers`, not `singleton` after two small
    helpers that share that word."""
    nodes = [_node("Checker", "class", 1500, 1), _node("is_singleton", "function", 10, 1600),
             _node("singleton_key", "function", 10, 1700)]
    g = Graph(nodes, {}, {}, {}, {}, {"checker": "checker", "singleton": "singleton"})
    assert name_modules(g, [[0, 1, 2]], {"checker"}) == ["checkers"]


def test_node_label_is_its_longest_definition(tmp_path: Path) -> None:
    """A class that rebinds a module-level placeholder (`global easter`) moves with it; the
    node is named after the class, not after the placeholder that sorts first."""
    source = tmp_path / "rrule.py"
    source.write_text(
        "easter = None\n\n\nclass rrule:\n    def __init__(self):\n        global easter\n"
        "        from dateutil import easter\n\n    def a(self):\n        return 1\n")
    g = build_graph(analyze(read_source(source)), ())
    assert Counter(n.label for n in g.nodes) == Counter({"rrule": 1})
