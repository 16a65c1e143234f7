"""Round 29 (tune30a): the constants of a run of value statements that nothing in the
file reads start as one piece of the clustering (suggester/value_runs.py, through
`Graph.bonds`), so that `suggest --modules K` does not spend modules on comment-headed
handfuls of a file's public constants."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.choose import choose
from godsplit.suggester.cluster import agglomerate
from godsplit.suggester.graph import Graph, build_graph

# Public constants under small comments (no banner), two of them read by the classes
# below; then two unrelated families of classes.
CONSTANTS = '''\
# Sizing
FLOW = "flow"
BOX = "box"

# Alignment
LEFT = "left"
CENTER = "center"
RIGHT = "right"

# Wrapping
SPACE = "space"
CLIP = "clip"
ELLIPSIS = "ellipsis"

# Heights
PACK = "pack"
GIVEN = "given"
'''

CLASSES = '''

class Shape:
    def area(self):
        return 0

    def mode(self):
        return FLOW


class Square(Shape):
    def area(self):
        return self.side * self.side


class Circle(Shape):
    def area(self):
        return 3 * self.radius * self.radius


class Reader:
    def read(self, path):
        with open(path) as f:
            return f.read()

    def mode(self):
        return BOX


class TextReader(Reader):
    def lines(self, path):
        return self.read(path).splitlines()


class ByteReader(Reader):
    def chunks(self, path):
        return [self.read(path)]
'''


def _graph(tmp_path: Path, source: str) -> tuple[Graph, dict[str, int]]:
    path = tmp_path / "big.py"
    path.write_text(source)
    g = build_graph(analyze(read_source(path)), ())
    return g, {name: n for n, node in enumerate(g.nodes) for name in node.names}


UNREAD = ["LEFT", "CENTER", "RIGHT", "SPACE", "CLIP", "ELLIPSIS", "PACK", "GIVEN"]


def test_the_unread_constants_of_a_run_are_one_bond(tmp_path: Path) -> None:
    g, node = _graph(tmp_path, CONSTANTS + CLASSES)
    assert sorted(node[n] for n in UNREAD) in g.bonds  # main: no bond at all
    assert not any(node["FLOW"] in bond or node["BOX"] in bond for bond in g.bonds)  # read


def test_a_definition_between_values_ends_the_run(tmp_path: Path) -> None:
    source = CONSTANTS.replace("# Wrapping", "def helper():\n    return 1\n\n\n# Wrapping")
    g, node = _graph(tmp_path, source + CLASSES)
    first, second = sorted(node[n] for n in UNREAD[:3]), sorted(node[n] for n in UNREAD[3:])
    assert first in g.bonds and second in g.bonds


def test_the_clustering_starts_them_as_one_group(tmp_path: Path) -> None:
    g, node = _graph(tmp_path, CONSTANTS + CLASSES)
    everything = list(range(len(g.nodes)))
    parts = agglomerate(g, everything, len(everything), 10_000)  # no merging: the pieces
    assert sorted(node[n] for n in UNREAD) in parts  # main: each constant a group of its own
    assert [node["FLOW"]] in parts


def test_suggest_with_k_keeps_the_unread_constants_in_one_module(tmp_path: Path) -> None:
    g, node = _graph(tmp_path, CONSTANTS + CLASSES)
    group = choose(g, 3, 10_000)  # (main made the same: three modules, two families)
    assert len({group[node[n]] for n in UNREAD}) == 1
    assert group[node["Square"]] == group[node["Circle"]] == group[node["Shape"]]
    assert group[node["TextReader"]] == group[node["ByteReader"]] == group[node["Reader"]]


def test_a_value_built_by_the_files_code_is_no_constant(tmp_path: Path) -> None:
    # objects made by the file's classes (pyparsing's `lineStart = LineStart()`) are left
    # to the reads; the literal constants after them are a run of their own
    g, node = _graph(tmp_path, CLASSES + "\n\nSQUARE = Square()\nCIRCLE = Circle()\nUNIT = 1\nZERO = 0\n")
    assert g.bonds == [sorted([node["UNIT"], node["ZERO"]])]
