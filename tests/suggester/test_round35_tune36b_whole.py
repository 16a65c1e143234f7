"""Round 35 (tune36b): when `place.exactly` halves a group to make one more module, a block
of constants (`constants.blocks`) stays whole (`suggester/whole.py`, called from
`best_cut`): websocket-client's `STATUS_*` close codes, which `constants.carve` had put
whole with their reader, were cut eleven from one by the halving."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import best_cut
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.whole import unpart

CODES = ["STATUS_A", "STATUS_B", "STATUS_C", "STATUS_D", "STATUS_E", "STATUS_F"]


def _function(name: str, reads: list[str]) -> str:
    steps = "".join(f"    step_{i} = len(text) + {i}\n" for i in range(12))
    return f"def {name}(text):\n{steps}    return ({' + '.join(reads)}, step_0)\n\n\n"


# One group to halve: a block of six status codes; `opening` reads the first three,
# `closing` the last three, and the two functions read nothing of each other.
SOURCE = ("".join(f"{code} = {i}\n" for i, code in enumerate(CODES)) + "\n\n"
          + _function("opening", CODES[:3]) + _function("closing", CODES[3:]))


def _graph(tmp_path: Path) -> Graph:
    path = tmp_path / "sockets.py"
    path.write_text(SOURCE)
    return build_graph(analyze(read_source(path)), ())


def _halved(g: Graph) -> list[str]:
    """The half `best_cut` gives a module of its own when the whole file is one group."""
    members = list(range(len(g.nodes)))
    return sorted(g.nodes[n].label for n in best_cut.best_cut(g, {0: members}, [0], 10_000)[1])


def _parted(lower: list[str]) -> bool:
    return bool(set(CODES) & set(lower)) and not set(CODES) <= set(lower)


def test_the_halving_keeps_a_block_of_constants_whole(tmp_path: Path) -> None:
    lower = _halved(_graph(tmp_path))
    assert lower and not _parted(lower)
    assert lower == ["closing"]  # half the block was on each side: it goes to the upper half, with `opening`


def test_before_the_rule_the_halving_parted_the_block(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(best_cut, "unpart", lambda g, upper, lower: (upper, lower))
    assert _parted(_halved(_graph(tmp_path)))


def test_a_block_that_would_leave_a_half_empty_is_cut_from_the_rest(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    block = [node[c] for c in CODES]
    # a cut with `opening` and half the block above, the other half below
    upper, lower = unpart(g, [node["opening"], *block[:3]], block[3:])
    assert sorted(lower) == sorted(block) and upper == [node["opening"]]


def test_a_cut_that_parts_no_block_is_left_alone(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    upper = [node["opening"]]
    lower = [node["closing"], *(node[c] for c in CODES)]
    assert unpart(g, upper, lower) == (upper, lower)
