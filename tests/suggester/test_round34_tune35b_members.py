"""Round 35 (tune35b): a module-level alias of a class's member (`Sample =
ReturnTypes.Sample`) goes where its class goes (`suggester/members.py`, hooked in `core`):
PennyLane's eight `ObservableReturnTypes` aliases, which suggest had put beside the
function of the same word (`Sample` with `sample()`)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import Analysis, analyze
from godsplit.suggester.graph import build_graph
from godsplit.suggester.members import member_aliases, with_class

SOURCE = '''\
from enum import Enum
from os import path


class ReturnTypes(Enum):
    """The return types."""

    Sample = "sample"
    Variance = "var"


Sample = ReturnTypes.Sample
Variance = ReturnTypes.Variance
Deep = ReturnTypes.Sample.value
joined = path.join
NotAnAlias = ReturnTypes


def sample(x):
    """Sample."""
    return (Sample, x)


def variance(x):
    """Variance."""
    return (Variance, x)
'''


def _analysis(tmp_path: Path) -> Analysis:
    path = tmp_path / "measure.py"
    path.write_text(SOURCE)
    return analyze(read_source(path))


def test_aliases_of_a_files_class_members_only(tmp_path: Path) -> None:
    assert member_aliases(_analysis(tmp_path).module) == {
        "Sample": "ReturnTypes", "Variance": "ReturnTypes", "Deep": "ReturnTypes"}


def test_an_alias_moves_to_its_class_and_nothing_else_moves(tmp_path: Path) -> None:
    analysis = _analysis(tmp_path)
    g = build_graph(analysis, ())
    node = {name: n for n, x in enumerate(g.nodes) for name in x.names}
    # before: each alias beside the function of its word, as suggest had placed them
    group = {n: 0 for n in range(len(g.nodes))}
    group[node["sample"]] = group[node["Sample"]] = 1
    group[node["variance"]] = group[node["Variance"]] = 2
    before = dict(group)
    assert with_class(analysis, g, group)
    assert group[node["Sample"]] == group[node["Variance"]] == group[node["ReturnTypes"]] == 0
    assert group[node["sample"]] == 1 and group[node["variance"]] == 2
    assert {n for n in group if group[n] != before[n]} == {node["Sample"], node["Variance"]}
    assert not with_class(analysis, g, group)  # a fixed point
