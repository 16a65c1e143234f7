"""`find_all`: the engine's one tree search, and the import it saves at every start."""

from __future__ import annotations

import subprocess
import sys

import libcst as cst

from godsplit.split.nodes import find_all


def test_find_all_returns_nested_nodes_in_source_order_the_root_included() -> None:
    tree = cst.parse_expression("f(g(1), h=k(2))")
    found = find_all(tree, cst.Call)
    assert [cst.Module([]).code_for_node(call.func) for call in found] == ["f", "g", "k"]
    assert find_all(tree, cst.Lambda) == []


def test_the_engine_and_suggest_start_without_libcst_matchers() -> None:
    # libcst.matchers takes about a quarter of a second to import: every plan, apply and
    # suggest paid it for three searches.
    code = ("import sys, godsplit.split.apply, godsplit.suggester.core; "
            "print('libcst.matchers' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
