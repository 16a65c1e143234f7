"""Round 33 (tune34c): with `--modules K`, a group pooled from two far-apart stretches of the
file that read nothing of each other is cut at the gap (`suggester/scattered.py`, called at
the end of `choose`): holidays' country classes, dulwich's porcelain functions, Ibis'
operations."""

from __future__ import annotations

from pathlib import Path

from graphkit import by_name, graph_of, modules_of

from godsplit.suggester.graph import Graph
from godsplit.suggester.scattered import cut_scattered, unscatter


def _function(name: str, reads: str = "", lines: int = 2) -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines))
    call = f"    {reads}()\n" if reads else ""
    return f"def {name}():\n{body}{call}    return x0\n\n\n"


def _graph(tmp_path: Path, source: str) -> Graph:
    return graph_of(tmp_path, source, "utils")


def _source(end_reads: str = "", end: tuple[str, ...] = ("parse_tail", "parse_end")) -> str:
    """Two small parse_* functions, three long render_* ones, two more parse_* (or fewer)
    at the end; `end_reads`: what the first of the end's functions calls."""
    return (_function("parse_head") + _function("parse_body", "parse_head")
            + "".join(_function(f"render_{w}", lines=30) for w in ("page", "row", "cell"))
            + "".join(_function(name, end_reads if i == 0 else "") for i, name in enumerate(end)))


GROUPED = {"parse_head": 0, "parse_body": 0, "render_page": 1, "render_row": 1,
           "render_cell": 1, "parse_tail": 0, "parse_end": 0}


def test_two_stretches_apart_that_read_nothing_of_each_other_are_cut(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source())
    group = by_name(g, GROUPED)
    origin = cut_scattered(g, group, 2)
    # the render_* functions (90 lines, more than the average module's) part the parse_*
    # ones, and no read joins the first two to the last two: two pieces of group 0
    assert modules_of(g, group) == [["parse_body", "parse_head"], ["parse_end", "parse_tail"],
                                  ["render_cell", "render_page", "render_row"]]
    late = group[next(n for n, node in enumerate(g.nodes) if node.label == "parse_tail")]
    assert late not in (0, 1) and origin[late] == 0


def test_a_read_across_the_gap_keeps_the_group_whole(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source(end_reads="parse_body"))
    group = by_name(g, GROUPED)
    before = dict(group)
    cut_scattered(g, group, 2)
    assert group == before


def test_a_read_of_a_helper_everyone_reads_does_not_join_the_stretches(tmp_path: Path) -> None:
    # parse_tail reads parse_head across the gap, but parse_head is read from three groups
    # (parse_body's, render_page's and emit_cell's): a helper of everyone joins nothing
    source = (_function("parse_head") + _function("parse_body", "parse_head")
              + _function("render_page", "parse_head", lines=30)
              + _function("render_row", lines=30) + _function("emit_cell", "parse_head", lines=30)
              + _function("parse_tail", "parse_head") + _function("parse_end"))
    g = _graph(tmp_path, source)
    group = by_name(g, {**GROUPED, "emit_cell": 2})
    cut_scattered(g, group, 3)
    assert ["parse_end", "parse_tail"] in modules_of(g, group)


def test_one_far_away_definition_stays_where_its_ties_put_it(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source(end=("parse_tail",)))
    group = by_name(g, GROUPED)
    before = dict(group)
    assert cut_scattered(g, group, 2) == {0: 0, 1: 1}
    assert group == before


def test_the_pieces_are_merged_back_to_k_never_with_their_own_group(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source())
    group = by_name(g, GROUPED)
    assert unscatter(g, group, 2, 10_000)
    modules = modules_of(g, group)
    assert len(modules) == 2  # K is kept
    # the two parse_* stretches are not one module again: one went to the render_* group
    assert ["parse_body", "parse_end", "parse_head", "parse_tail"] not in modules


def test_nothing_scattered_nothing_changed(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source(end_reads="parse_body"))
    group = by_name(g, GROUPED)
    before = dict(group)
    assert not unscatter(g, group, 2, 10_000)
    assert group == before
