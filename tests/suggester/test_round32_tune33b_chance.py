"""Round 32 (tune33b): with `--modules K`, modularity ranks the candidates only when one of
them is above chance; when none is, the choice falls to the first (`greedy`), as
youtube-dl's `InfoExtractors.py` shows (`suggester/chance.py`, used by `choose`)."""

from __future__ import annotations

from godsplit.suggester.chance import beyond_chance, ranked


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
