"""Round 30 (engine31): GS124 for state outside the module names the lines of the
statements that act on it, not the first lines of their units.

ConfigArgParse's GS124 said "lines 1792 (aliases), 1875 (the old module), ...": 1792 is
`def add_argument`, whose unit carries the setter at 1878 (after the save at 1875); the
message named them out of their real order, and pointed at neither statement."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

HANDLERS = """
    import atexit


    def first():
        print("first")


    def second():
        print("second")


    atexit.register(second)
    atexit.register(first)
"""


def test_a_registration_carried_by_its_function_is_named_by_its_own_line(tmp_path: Path) -> None:
    """`atexit.register(second)` (line 12) moves with `second` (line 8): the message names 12
    and 13, in source order, and points at the first one in another module than the
    first."""
    plan, _ = plan_texts(make_project(tmp_path, HANDLERS, {"one": ["first"], "two": ["second"]}))
    [found] = [f for f in plan.errors if f.code == "GS124"]
    assert "(lines 12 (two), 13 (one))" in found.message, found.render()
    assert found.line == 13


def test_suggest_regroups_the_units_holding_the_statements_named(tmp_path: Path) -> None:
    """suggest's regrouping (`keeping.regroup`) reads the lines a GS124 names: a statement's
    line (12, inside `second`'s unit) finds its unit, and both functions go to one group."""
    from godsplit.files import read_source
    from godsplit.split.analyze import analyze
    from godsplit.split.plan import plan_split
    from godsplit.suggester.graph import build_graph
    from godsplit.suggester.keeping import regroup

    config = make_project(tmp_path, HANDLERS, {"one": ["first"], "two": ["second"]})
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS124"], [f.render() for f in plan.errors]
    analysis = analyze(read_source(tmp_path / "pkg/big.py"))
    g = build_graph(analysis, ())
    node = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    group = {i: i for i in range(len(g.nodes))}
    assert regroup(analysis, g, group, plan, set())
    assert group[node["first"]] == group[node["second"]]
