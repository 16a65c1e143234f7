"""Round 32 (tune33b): with `--modules K`, modularity ranks the candidates only when one of
them is above chance; when none is, the choice falls to the first (`greedy`), as
youtube-dl's `InfoExtractors.py` shows (`suggester/chance.py`, used by `choose`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as chooser
from godsplit.suggester.chance import beyond_chance, ranked
from godsplit.suggester.graph import build_graph

# `a` and `b` call each other, `c` calls `a`; `e` reads nothing and nothing reads it
SOURCE = """\
def a(x):
    return b(x - 1) if x else 0


def b(x):
    return a(x)


def c(x):
    return a(x)


def e(x):
    return x
"""


def test_choose_takes_the_first_when_no_candidate_is_above_chance(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.py"
    path.write_text(SOURCE)
    g = build_graph(analyze(read_source(path)), ())
    at = {n.label: i for i, n in enumerate(g.nodes)}
    loose = {n: 0 for n in at.values()} | {at["c"]: 1}  # c -> a crosses: Q below 0
    tight = {n: 0 for n in at.values()} | {at["e"]: 1}  # every read inside: Q 0, chance
    assert chooser.tangled(g, loose) == chooser.tangled(g, tight) == 0
    assert chooser.modularity(g, loose) < chooser.modularity(g, tight) <= 0
    # (the cut in two runs, round 35, would replace both: it is tested on its own, two_runs)
    monkeypatch.setattr(chooser, "prefer_two_runs", lambda g, group, k, cap, tangled: group)
    monkeypatch.setattr(chooser, "CANDIDATES", (
        ("first", lambda g, k, cap: dict(loose)), ("second", lambda g, k, cap: dict(tight))))
    assert chooser.choose(g, 2, 1000) == loose  # main: the higher modularity, `tight`


def test_below_chance_modularity_ranks_nothing() -> None:
    # youtube-dl: pieces -0.086 beat greedy -0.097 on main; now a tie, the first wins
    q = ranked([-0.097, -0.086])
    assert q == [0.0, 0.0]
    made = [(0, -q[i], i) for i in beyond_chance(q)]
    assert min(made)[2] == 0


def test_above_chance_modularity_still_ranks() -> None:
    assert ranked([0.2, 0.3]) == [0.2, 0.3]
    q = ranked([0.1, -0.2])  # one above chance: the other is set aside, as before
    assert q == [0.1, -0.2] and beyond_chance(q) == [0]
