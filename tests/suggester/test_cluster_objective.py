"""The objective the greedy merging climbs (benchmarks/suggest_eval.py --objective)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.cluster import agglomerate, objective
from godsplit.suggester.graph import build_graph


def _source(domains: list[str]) -> str:
    out = []
    for d in domains:
        out += [f"def {d}_load(x):\n    return x\n\n",
                f"def {d}_check(x):\n    return {d}_load(x)\n\n",
                f"def {d}_save(x):\n    return {d}_check({d}_load(x))\n\n"]
    return "\n".join(out)


def test_the_greedy_grouping_scores_above_a_mixed_one(tmp_path: Path) -> None:
    source = tmp_path / "big.py"
    source.write_text(_source(["billing", "payroll"]))
    g = build_graph(analyze(read_source(source)), ())
    found = agglomerate(g, list(range(len(g.nodes))), 2, 10_000)
    label = {n.label: i for i, n in enumerate(g.nodes)}
    by_domain = [sorted(label[f"{d}_{v}"] for v in ("load", "check", "save"))
                 for d in ("billing", "payroll")]
    assert sorted(found) == sorted(by_domain)
    mixed = [sorted(label[x] for x in ("billing_load", "payroll_check", "billing_save")),
             sorted(label[x] for x in ("payroll_load", "billing_check", "payroll_save"))]
    assert objective(g, found) > objective(g, mixed)
    assert objective(g, found) > objective(g, [sorted(label.values())])  # one module
