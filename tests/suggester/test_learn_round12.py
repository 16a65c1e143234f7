"""benchmarks/suggest_learn.py (round 12's learned pair affinity, not shipped): the logistic
regression it fits, the features it reads off the graph, and its signed grouping."""

from __future__ import annotations

import math
from pathlib import Path
from types import ModuleType

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, build_graph

from benchkit import load_benchmark


def _script() -> ModuleType:
    load_benchmark("suggest_eval")
    return load_benchmark("suggest_learn")


def test_fit_is_the_penalised_optimum() -> None:
    """Newton's method ends where the gradient of the penalised loss is zero, and a feature
    that tells the labels apart gets a positive weight, one that does not about none."""
    learn = _script()
    width = len(learn.FEATURES)
    rows = []
    for i in range(40):
        x = [0.0] * width
        x[0] = 1.0 if i % 2 else 0.0  # tells them apart, with one exception in ten
        x[1] = 1.0 if i % 4 < 2 else 0.0  # independent of the label
        y = float(i % 2) if i % 10 else 1.0 - (i % 2)
        rows.append((x, y, 1.0 / 40))
    c = 10.0
    beta = learn.fit(rows, c)
    assert beta[1] > 1.0
    assert abs(beta[2]) < 0.1
    for j in range(width + 1):
        grad = sum(w * (1 / (1 + math.exp(-learn.logit(beta, x))) - y) * ([1.0, *x][j])
                   for x, y, w in rows)
        assert abs(grad + (beta[j] / c if j else 0.0)) < 1e-6


SOURCE = """\
class Base:
    pass


class Child(Base):
    def run(self):
        return helper()


def helper():
    return 1
"""


def _graph(tmp_path: Path) -> Graph:
    (tmp_path / "m.py").write_text(SOURCE)
    return build_graph(analyze(read_source(tmp_path / "m.py")), ())


def test_features_read_the_graph(tmp_path: Path) -> None:
    learn = _script()
    g = _graph(tmp_path)
    node = {n.label: i for i, n in enumerate(g.nodes)}
    found = learn.features(g)
    names = learn.FEATURES

    def of(a: str, b: str) -> dict[str, float]:
        x, y = sorted((node[a], node[b]))
        return dict(zip(names, found[x, y], strict=True))

    assert of("Base", "Child")["base"] == 1.0
    assert of("Base", "Child")["family"] == 1.0
    assert of("Child", "helper")["call"] == 1.0
    assert of("Child", "helper")["sole_reader"] == 1.0
    assert of("Child", "helper")["base"] == 0.0


def test_signed_grouping_merges_what_the_model_puts_together(tmp_path: Path) -> None:
    learn = _script()
    g = _graph(tmp_path)
    learn.LOGITS[id(g)] = {(0, 1): 2.0, (0, 2): -3.0, (1, 2): -1.0}
    try:
        assert learn.signed(g, [0, 1, 2], 2, 10_000) == [[0, 1], [2]]
        assert learn.signed(g, [0, 1, 2], 1, 10_000) == [[0, 1, 2]]
    finally:
        del learn.LOGITS[id(g)]
