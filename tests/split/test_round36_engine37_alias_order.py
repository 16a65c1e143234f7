"""Round 36 (engine37, README item 33): the first name of a class or function bound under
several names, kept by the facade and compared by the import check (GS425).

`doctest.DocTestFinder` (pytest's `--doctest-modules`) names an object's tests by the first
name it meets in the module's namespace. rdflib's `_ContextType = Graph`, bound first by the
facade's sorted re-exports, renamed `Graph`'s doctests (trial36), and the check said
"verified". The facade now binds a moved `A = B` after its re-exports; an alias it cannot
place so is refused (GS425), before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.split.import_check import check_plans

from splitkit import (
    apply,
    checked_suggestion,
    make_project,
    plan_texts,
    run_before_and_after,
    run_python,
)

NAMES = """
    import doctest
    import pkg.big as m
    print(sorted(t.name for t in doctest.DocTestFinder().find(m)))
"""

# a function and its alias in one module: sorted, `_helper = helper` would come first
SAME_MODULE = '''
    def helper():
        """A helper.

        >>> helper()
        1
        """
        return 1


    _helper = helper
'''


@pytest.mark.slow
def test_an_alias_in_the_module_of_its_function_is_bound_after_it(tmp_path: Path) -> None:
    before, after, result = run_before_and_after(
        tmp_path, SAME_MODULE, {"helpers": ["helper", "_helper"]}, NAMES,
        **{"keep-module-name": True})
    assert before == "['pkg.big.helper']\n"
    assert after == before
    facade = (tmp_path / "after/pkg/big/__init__.py").read_text()
    assert facade.index("import helper") < facade.index("\n_helper = helper\n")
    assert any(f.code == "GS400" for s in result.splits for f in s.findings)


# an alias made by a call: not `A = B`, so the facade cannot bind it after its class
CALLED = '''
    def same(obj):
        return obj


    class Graph:
        """A graph.

        >>> Graph().n
        1
        """

        n = 1


    Alias = same(Graph)


    class Conj(Graph):
        """A subclass."""
'''


@pytest.mark.slow
def test_an_alias_bound_first_after_the_split_is_refused(tmp_path: Path) -> None:
    config = make_project(tmp_path, CALLED, {"core": ["Graph", "same"], "conj": ["Conj", "Alias"]},
                          **{"keep-module-name": True})
    source = (tmp_path / "pkg/big.py").read_text()
    plan, _ = plan_texts(config)
    checked = check_plans(config, [plan])["pkg.big"]
    assert checked.ran and [f.code for f in checked.findings] == ["GS425"]
    [found] = checked.findings
    assert found.severity == "error" and "Graph is met first as Alias" in found.message
    assert found.names == ("Alias",) and found.line == 15  # `Alias = same(Graph)`
    result = apply(config)
    assert not result.written
    assert [f.code for s in result.splits for f in s.findings if f.severity == "error"] == ["GS425"]
    assert (tmp_path / "pkg/big.py").read_text() == source


# suggest keeps the names GS425 gives (round 36, the lead): the alias made by a call, moved
# away from `Graph` by a suggestion, stays in the old module, bound after `Graph` as before
CALLERS = CALLED + """

    def walk(graph):
        return [graph, Conj]


    def other_walk(graph):
        return walk(graph)
"""
FOUND = ("import doctest\nimport pkg.big as b\n"
         "print(sorted(t.name for t in doctest.DocTestFinder().find(b)))\n")


@pytest.mark.slow
def test_suggest_keeps_an_alias_the_facade_would_bind_first(tmp_path: Path) -> None:
    made, before = checked_suggestion(tmp_path, CALLERS, FOUND, max_lines=20)
    assert made.keep == ("Alias",)
    assert any("kept Alias in the old module" in n and "(GS425)" in n for n in made.notes)
    result = apply(parse_config({"split": [made.table()]}, tmp_path / "godsplit.toml"))
    assert result.written and not result.errors, result.errors
    assert all(s.imported for s in result.splits)  # "verified": GS400
    after = run_python(tmp_path, FOUND)
    assert after == before, (before, after)
    assert before == "['pkg.big.Conj', 'pkg.big.Graph']\n", before
