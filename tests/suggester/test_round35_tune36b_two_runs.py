"""Round 35 (tune36b): with `--modules 2`, a choice with no modules on a cycle of reads gives
way to the file cut in two runs when fewer calls cross that cut, though the two runs call
each other (`suggester/two_runs.py`, hooked into `choose`): mypy's `main.py`, whose
maintainers carved the config-file parsing off its end."""

from __future__ import annotations

from pathlib import Path

from graphkit import graph_of, modules_of

from godsplit.suggester.choose import tangled
from godsplit.suggester.graph import Graph
from godsplit.suggester.runs import across, prefer_runs
from godsplit.suggester.two_runs import prefer_two_runs


def _function(name: str, *reads: str, lines: int = 20) -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines))
    calls = "".join(f"    {r}()\n" for r in reads)
    return f"def {name}():\n{body}{calls}    return x0\n\n\n"


# the options code (a1 to a4) and, below it, the config-file parsing (b1, b2); a4 calls
# the parser, the parser calls back a2: a cycle of calls between the two runs, 2 calls
SOURCE = (_function("a1") + _function("a2", "a1") + _function("a3", "a1", "a2")
          + _function("a4", "a1", "a3", "b1") + _function("b1") + _function("b2", "b1", "a2"))
OPTIONS = ["a1", "a2", "a3", "a4"]
PARSING = ["b1", "b2"]


def _graph(tmp_path: Path) -> Graph:
    return graph_of(tmp_path, SOURCE, "main")


def by_name(g: Graph) -> dict[str, int]:
    return {g.nodes[n].label: n for n in range(len(g.nodes))}


def _leaf(g: Graph) -> dict[int, int]:
    """A grouping with no cycle: a1 alone (read by a2, a3, a4: 3 calls cross)."""
    node = by_name(g)
    return {n: int(n == node["a1"]) for n in range(len(g.nodes))}


def test_two_runs_replace_an_untangled_choice_that_crosses_more(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    choice = _leaf(g)
    assert tangled(g, choice) == 0 and across(g, choice) == 3
    group = prefer_two_runs(g, dict(choice), 2, 100_000, tangled)
    assert modules_of(g, group) == sorted([OPTIONS, PARSING])
    assert across(g, group) == 2 and tangled(g, group) == 2  # a cycle of calls only


def test_before_the_rule_the_untangled_choice_stayed(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    choice = _leaf(g)
    assert prefer_runs(g, dict(choice), 2, 100_000, tangled) == choice


def test_a_choice_crossing_no_more_stays(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = by_name(g)
    runs = {n: int(g.nodes[n].label in PARSING) for n in range(len(g.nodes))}
    b2 = {n: int(n == node["b2"]) for n in range(len(g.nodes))}  # 2 calls cross, no cycle
    assert tangled(g, b2) == 0 and across(g, b2) == across(g, runs) == 2
    assert prefer_two_runs(g, dict(b2), 2, 100_000, tangled) == b2


def test_only_at_k_two(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    node = by_name(g)
    three = {n: 0 if n == node["a1"] else 1 if n == node["a2"] else 2
             for n in range(len(g.nodes))}
    assert prefer_two_runs(g, dict(three), 3, 100_000, tangled) == three
