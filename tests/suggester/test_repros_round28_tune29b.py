"""Round 28 (tune29b): a helper that code of its own group reads stays in that group; it
follows the group that reads it most only when nothing in its own group reads it
(suggester/place_stay.py, called from `place.to_helpers`)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.place import to_helpers

# `_LIMIT` is written beside `check_size`, which reads it; two functions of another topic
# read it as well.
SHARED_CONSTANT = '''\
_LIMIT = 10


def check_size(items):
    return len(items) <= _LIMIT


def render_page(items):
    return [str(item) for item in items[:_LIMIT]]


def render_footer(items):
    return f"{min(len(items), _LIMIT)} shown"
'''

# The same with a private function in place of the constant.
SHARED_FUNCTION = '''\
def _clip(items):
    return items[:10]


def check_size(items):
    return len(_clip(items)) == len(items)


def render_page(items):
    return [str(item) for item in _clip(items)]


def render_footer(items):
    return f"{len(_clip(items))} shown"
'''


def _graph(tmp_path: Path, source: str) -> tuple[Graph, dict[str, int]]:
    path = tmp_path / "big.py"
    path.write_text(source)
    g = build_graph(analyze(read_source(path)), ())
    return g, {name: n for n, node in enumerate(g.nodes) for name in node.names}


def _grouped(g: Graph, node: dict[str, int], helper: str) -> dict[int, int]:
    group = {n: 1 for n in range(len(g.nodes))}  # the render functions' group
    group[node[helper]] = 0
    group[node["check_size"]] = 0
    to_helpers(g, group)
    return group


def test_a_shared_constant_stays_with_the_code_beside_it(tmp_path: Path) -> None:
    g, node = _graph(tmp_path, SHARED_CONSTANT)
    group = _grouped(g, node, "_LIMIT")
    assert group[node["_LIMIT"]] == group[node["check_size"]] == 0  # main: moved to 1
    # stranded (nothing of group 0 reads it once `check_size` is in group 1): it follows
    group = {n: 1 for n in range(len(g.nodes))}
    group[node["_LIMIT"]] = 0
    to_helpers(g, group)
    assert group[node["_LIMIT"]] == 1


def test_a_shared_private_function_stays_with_the_code_beside_it(tmp_path: Path) -> None:
    g, node = _graph(tmp_path, SHARED_FUNCTION)
    group = _grouped(g, node, "_clip")
    assert group[node["_clip"]] == group[node["check_size"]] == 0  # main: moved to 1
