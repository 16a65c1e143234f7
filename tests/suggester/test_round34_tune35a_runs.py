"""Round 35 (tune35a): with a small `--modules K`, the file cut into K runs of its own order
replaces a chosen grouping whose modules read each other in a cycle, when the runs have
no cycle and no more reads between them (`suggester/runs.py`, hooked into `choose`):
FlexGet's `api_trakt.py` (the plugin carved off the end) and seaborn's `palettes.py` (the
interactive choosers carved off the end)."""

from __future__ import annotations

from pathlib import Path

from graphkit import by_name, graph_of, modules_of

from godsplit.suggester.choose import tangled
from godsplit.suggester.graph import Graph
from godsplit.suggester.runs import across, file_runs, prefer_runs


def _function(name: str, *reads: str, lines: int = 30) -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines))
    calls = "".join(f"    {r}()\n" for r in reads)
    return f"def {name}():\n{body}{calls}    return x0\n\n\n"


# a base layer of four functions that read each other densely, then a top layer (a helper
# and two public choosers) that reads the base; nothing in the base reads the top
SOURCE = (_function("model_a") + _function("model_b", "model_a")
          + _function("model_c", "model_a", "model_b")
          + _function("model_d", "model_a", "model_b", "model_c")
          + _function("_show") + _function("choose_one", "_show", "model_b")
          + _function("choose_two", "_show", "model_d"))
BASE = ["model_a", "model_b", "model_c", "model_d"]
TOP = ["_show", "choose_one", "choose_two"]


def _graph(tmp_path: Path, source: str = SOURCE) -> Graph:
    return graph_of(tmp_path, source, "palettes")


def test_the_file_is_cut_where_fewest_reads_cross(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    runs = file_runs(g, 2, 100_000)
    assert runs is not None
    # after model_d only the two choosers' reads of the base cross (2); after model_b,
    # model_c's and model_d's reads of a and b and choose_one's of b cross (5)
    assert modules_of(g, runs) == sorted([BASE, TOP])
    assert across(g, runs) == 2 and tangled(g, runs) == 0


def test_no_run_is_shorter_than_half_an_average_module(tmp_path: Path) -> None:
    # the last function alone crosses fewer reads (2) than any other cut but holds a
    # quarter of an average module's lines: never a run of its own
    source = SOURCE + _function("tail", "model_a", "_show", lines=2)
    runs = file_runs(_graph(tmp_path, source), 2, 100_000)
    assert runs is not None
    assert modules_of(_graph(tmp_path, source), runs) == sorted([BASE, [*TOP, "tail"]])


def test_only_for_small_k_and_within_the_cap(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert file_runs(g, 5, 100_000) is None  # K above 4: the merging decides alone
    assert file_runs(g, 2, 60) is None  # no two runs of at most 60 lines hold the file


def test_a_grouping_in_a_cycle_gives_way_to_the_runs(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    # model_d reads model_c across, model_c reads model_a and model_b back: a cycle
    cyclic = by_name(g, {"model_a": 0, "model_b": 0, "model_c": 1, "model_d": 0,
                          "_show": 0, "choose_one": 0, "choose_two": 1})
    assert tangled(g, cyclic) == 2 and across(g, cyclic) == 5
    assert modules_of(g, prefer_runs(g, cyclic, 2, 100_000, tangled)) == sorted([BASE, TOP])


def test_a_layered_grouping_is_kept(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    # the choosers apart from everything they read: more reads cross (4) than the runs'
    # 2, but no cycle, so the merging's choice stands
    layered = by_name(g, {**dict.fromkeys([*BASE, "_show"], 0), "choose_one": 1,
                           "choose_two": 1})
    assert tangled(g, layered) == 0 and across(g, layered) == 4
    assert prefer_runs(g, layered, 2, 100_000, tangled) is layered
