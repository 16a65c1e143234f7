"""Round 29 (tune30b): with `--modules K`, the group halved to make one more module is the
one whose cut the reads hold loosest (`suggester/best_cut.py`, called from
`place.exactly`), not the largest: a family of exception classes that derive from one base
stays whole while a group of two topics that barely read each other is cut between them."""

from __future__ import annotations

from pathlib import Path

from graphkit import modules_of

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.best_cut import best_cut, read_inside
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.place import exactly


def _error(name: str, base: str) -> str:
    body = "".join(f"    def detail_{i}(self):\n        return {i}\n\n" for i in range(8))
    return f"class {name}({base}):\n    '''An error.'''\n\n{body}\n"


def _function(name: str, calls: str) -> str:
    steps = "".join(f"    step_{i} = len(text) + {i}\n" for i in range(26))
    return f"def {name}(text):\n{steps}    return {calls}(text[1:]) if text else step_0\n\n\n"


# The largest group: five exception classes of one family (each reads its base). Beside
# it, a smaller group of two topics: parsing (two functions that call each other) and
# rendering (two that call each other), with one call from rendering into parsing.
SOURCE = (_error("ToolError", "Exception") + "".join(
    _error(name, "ToolError") for name in ("ReadError", "WriteError", "OpenError",
                                          "CloseError"))
    + _function("parse_head", "parse_body") + _function("parse_body", "parse_head")
    + _function("render_line", "render_end") + _function("render_end", "render_line")
    + "def render_all(text):\n    return render_line(text) + parse_head(text)\n")


def _graph(tmp_path: Path) -> tuple[Graph, dict[str, int]]:
    path = tmp_path / "big.py"
    path.write_text(SOURCE)
    g = build_graph(analyze(read_source(path)), ())
    return g, {name: n for n, node in enumerate(g.nodes) for name in node.names}


def test_a_loose_group_is_cut_before_a_larger_family(tmp_path: Path) -> None:
    g, node = _graph(tmp_path)
    errors = ["CloseError", "OpenError", "ReadError", "ToolError", "WriteError"]
    group = {n: 0 if g.nodes[n].label in errors else 1 for n in range(len(g.nodes))}
    assert g.size([node[e] for e in errors]) > g.size(
        [n for n, k in group.items() if k == 1])  # the family is the largest group
    exactly(g, group, 3, 10_000)
    # main: the family was halved (the largest group listing two definitions)
    assert modules_of(g, group) == [errors, ["parse_body", "parse_head"],
                                  ["render_all", "render_end", "render_line"]]


def test_a_group_with_no_read_inside_is_cut_only_when_none_has_one(tmp_path: Path) -> None:
    g, node = _graph(tmp_path)
    apart = [node["ReadError"], node["render_line"]]  # nothing reads between the two
    together = [node["parse_head"], node["parse_body"]]
    parts = {0: apart, 1: together}
    assert not read_inside(g, apart) and read_inside(g, together)
    assert best_cut(g, parts, [0, 1], 10_000)[0] == 1
    assert best_cut(g, parts, [0], 10_000)[0] == 0  # the only candidate
