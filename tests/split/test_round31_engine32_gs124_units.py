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

