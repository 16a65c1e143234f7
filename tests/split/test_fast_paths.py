"""Fast paths of the analysis: each must find what the slow walk it skips would find."""

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


def test_statements_with_typed_strings_are_found_by_line() -> None:
    from godsplit.split.analyze import _statement_lines
    from godsplit.split.typestrings import _with_typed_strings

    text = ('# header\n\nimport typing as t\n\n\n@decorate\n# comment\ndef f(x: "A") -> None:\n'
            '    return cast(list["B"], x)\n\nclass C:\n    pass\n\nx = 1; Y = t.Optional["C"]\n'
            'Z: TypeAlias = "A | B"\nW = ["not", "a", "type"]\n')
    module = cst.parse_module(text)
    starts = _statement_lines(module, tuple(module.code_for_node(s) for s in module.body))
    # f (its cast), the second half of the `;` line, the TypeAlias; not W: a list, not a
    # subscript
    assert _with_typed_strings(text, starts) == {1, 3, 4}
    assert _with_typed_strings(text.replace("\n", "\r"), starts) is None
