"""Round 36 (tune37a): with `--modules K`, a call-time cycle through fewer than half of the K
modules does not decide between candidates; modularity does (`suggester/few_cycles.py`,
used by `choose`). On main the candidate that pooled the cycle's modules into one won on
"fewest modules on a cycle" alone (sktime's `datasets/_data_io.py`: F1 0.47 -> 0.52)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as chooser
from godsplit.suggester.few_cycles import counted
from godsplit.suggester.graph import Graph, build_graph

# five pairs: a1/b1 call each other (a call-time cycle when apart); each pair's second reads
# its first; e1 reads e2
SOURCE = """\
def a1(x):
    return b1(x - 1) if x else a2(x)


def a2(x):
    return x + 1


def b1(x):
    return a1(x) + b2(x)


def b2(x):
    return x * 2


def c1(x):
    return c2(x) - 1


def c2(x):
    return x - 2


def d1(x):
    return d2(x) // 2


def d2(x):
    return x // 3


def e1(x):
    return e2(x) ** 2


def e2(x):
    return x ** 3
"""


def _graph(tmp_path: Path) -> tuple[Graph, dict[str, int]]:
    path = tmp_path / "big.py"
    path.write_text(SOURCE)
    g = build_graph(analyze(read_source(path)), ())
    return g, {n.label: i for i, n in enumerate(g.nodes)}


def _by(at: dict[str, int], modules: list[list[str]]) -> dict[int, int]:
    return {at[name]: k for k, names in enumerate(modules) for name in names}


def _only(monkeypatch: pytest.MonkeyPatch, *made: dict[int, int]) -> None:
    for step in ("prefer_runs", "prefer_two_runs"):  # (tested on their own: `runs`, `two_runs`)
        monkeypatch.setattr(chooser, step, lambda g, group, k, cap, tangled: group)
    monkeypatch.setattr(chooser, "CANDIDATES", tuple(
        (f"c{i}", lambda g, k, cap, m=m: dict(m)) for i, m in enumerate(made)))


def test_a_cycle_through_two_of_five_modules_leaves_the_choice_to_modularity(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g, at = _graph(tmp_path)
    # by topic: a and b apart (a1 <-> b1 is a cycle through 2 of the 5 modules)
    topical = _by(at, [["a1", "a2"], ["b1", "b2"], ["c1", "c2"], ["d1", "d2"], ["e1", "e2"]])
    # a and b pooled, e parted: no cycle, a read across
    pooled = _by(at, [["a1", "a2", "b1", "b2"], ["c1", "c2"], ["d1", "d2"], ["e1"], ["e2"]])
    assert chooser.tangled(g, topical) == 2 and chooser.tangled(g, pooled) == 0
    assert chooser.modularity(g, topical) > chooser.modularity(g, pooled) > 0
    assert counted(chooser.tangled, g, topical, 5) == 0  # 2 of 5: fewer than half
    _only(monkeypatch, pooled, topical)
    assert chooser.choose(g, 5, 1000) == topical  # main: `pooled`, no module on a cycle


def test_a_cycle_through_half_the_modules_still_decides(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g, at = _graph(tmp_path)
    # K 4: a and b apart is a cycle through 2 of the 4 modules, half: it counts
    topical = _by(at, [["a1", "a2"], ["b1", "b2"], ["c1", "c2", "d1", "d2"], ["e1", "e2"]])
    pooled = _by(at, [["a1", "a2", "b1", "b2"], ["c1", "c2", "d1", "d2"], ["e1"], ["e2"]])
    assert chooser.tangled(g, topical) == 2 and chooser.tangled(g, pooled) == 0
    assert counted(chooser.tangled, g, topical, 4) == 2
    _only(monkeypatch, topical, pooled)
    assert chooser.choose(g, 4, 1000) == pooled  # fewest modules on a cycle, as on main
