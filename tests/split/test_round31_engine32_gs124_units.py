"""Round 31 (engine32): GS124 for a module-level object names the lines of the statements
acting on it, not their units' first lines (engine31 did so for state outside the module,
`ordered_calls`; `order_findings` still named `def second` at 4 and `def first` at 8, in
the units' order, for `REG.append(first)` at 12 and `REG.append(second)` at 13)."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

REGISTRY = """
    REG = []


    def second():
        return "second"


    def first():
        return "first"


    REG.append(first)
    REG.append(second)
"""
MODULES = {"zed": ["first"], "alpha": ["second"], "base": ["REG"]}


def test_the_message_names_the_statements_in_source_order(tmp_path: Path) -> None:
    """Beside the old module (no package `__init__.py` orders the imports): GS124."""
    plan, _ = plan_texts(make_project(tmp_path, REGISTRY, MODULES,
                                      package="big_parts"))
    [found] = [f for f in plan.errors if f.code == "GS124"]
    assert "(lines 12 (zed), 13 (alpha))" in found.message, found.render()
    assert found.line == 13


def test_suggest_regroups_the_units_holding_the_statements_named(tmp_path: Path) -> None:
    from godsplit.files import read_source
    from godsplit.split.analyze import analyze
    from godsplit.split.plan import plan_split
    from godsplit.suggester.graph import build_graph
    from godsplit.suggester.keeping import regroup

    config = make_project(tmp_path, REGISTRY, MODULES, package="big_parts")
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS124"], [f.render() for f in plan.errors]
    analysis = analyze(read_source(tmp_path / "pkg/big.py"))
    g = build_graph(analysis, ())
    node = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    group = {i: i for i in range(len(g.nodes))}
    assert regroup(analysis, g, group, plan, set())
    assert group[node["first"]] == group[node["second"]]
