"""Round 36 (tune37b): a paragraph of constants (a run of a block with no blank line in it,
`suggester/paragraphs.py`) is never parted where members are placed: the helpers following
their readers (`place.to_helpers`) leave it whole, and a group made of blocks only is cut
between two paragraphs (`whole.unpart`), as moderngl's maintainers cut its 41 constants
where the author had put blank lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import place, whole
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.paragraphs import paragraphs
from godsplit.suggester.whole import unpart

FLAGS = ["FLAG_A", "FLAG_B", "FLAG_C", "FLAG_D"]
MODES = ["MODE_A", "MODE_B", "MODE_C", "MODE_D", "MODE_E", "MODE_F"]


def _function(name: str, reads: list[str]) -> str:
    return f"def {name}(text):\n    return ({' + '.join(reads)}, len(text))\n\n\n"


# One block of ten constants in two paragraphs (a blank line between FLAG_D and MODE_A);
# `render` reads the flags and most modes, `draw` reads MODE_F alone.
SOURCE = ("".join(f"{c} = {i}\n" for i, c in enumerate(FLAGS)) + "\n"
          + "".join(f"{c} = {i}\n" for i, c in enumerate(MODES)) + "\n\n"
          + _function("render", FLAGS + MODES[:5]) + _function("draw", MODES[5:]))


def _graph(tmp_path: Path) -> Graph:
    path = tmp_path / "gl.py"
    path.write_text(SOURCE)
    return build_graph(analyze(read_source(path)), ())


def _node(g: Graph) -> dict[str, int]:
    return {g.nodes[n].label: n for n in range(len(g.nodes))}


def test_a_block_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert [[g.nodes[n].label for n in run] for run in paragraphs(g)] == [FLAGS, MODES]


def _helpers(g: Graph) -> dict[str, int]:
    """`to_helpers` on a grouping with the block whole beside `render`, `draw` apart."""
    node = _node(g)
    group = {n: 0 for n in range(len(g.nodes))}
    group[node["draw"]] = 1
    place.to_helpers(g, group)
    return {label: group[n] for label, n in node.items()}


def test_the_helpers_following_their_readers_leave_a_paragraph_whole(tmp_path: Path) -> None:
    placed = _helpers(_graph(tmp_path))
    assert {placed[c] for c in MODES} == {0}  # MODE_F stays with its paragraph (5 of 6 in 0)


def test_before_the_rule_a_reader_took_one_constant_of_a_paragraph(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(place, "keep", lambda g, before, group: None)
    placed = _helpers(_graph(tmp_path))
    assert placed["MODE_F"] == 1 and placed["MODE_A"] == 0


def test_a_group_of_blocks_only_is_cut_between_paragraphs(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = _node(g)
    cut = [node[c] for c in FLAGS + MODES[:2]], [node[c] for c in MODES[2:]]
    upper, lower = unpart(g, *cut)  # a cut in the middle of the modes
    assert [g.nodes[n].label for n in upper] == FLAGS
    assert [g.nodes[n].label for n in lower] == MODES


def test_before_the_rule_a_group_of_one_block_was_cut_as_the_halving_cut_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import godsplit.suggester.paragraphs as module

    monkeypatch.setattr(module, "paragraphs", lambda g: [])
    g = _graph(tmp_path)
    node = _node(g)
    cut = [node[c] for c in FLAGS + MODES[:2]], [node[c] for c in MODES[2:]]
    assert whole.unpart(g, *cut) == cut


def test_a_block_beside_other_code_is_still_given_whole(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = _node(g)
    upper, lower = unpart(g, [node["render"], *(node[c] for c in FLAGS)],
                          [node[c] for c in MODES] + [node["draw"]])
    block = {node[c] for c in FLAGS + MODES}
    assert block <= set(upper) or block <= set(lower)
