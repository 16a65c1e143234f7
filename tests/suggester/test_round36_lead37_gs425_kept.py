"""Round 36 (lead): suggest keeps the names GS425 gives (engine37 added the finding and its
entry in `kept_why.CHECKED`; no test ran suggest on it). An alias made by a call, `Alias =
same(Graph)`, is not a plain `A = B` the facade binds after its re-exports: moved to
another module than `Graph`, it is bound first in the facade and doctest's finder would name
`Graph`'s tests `Alias`. suggest keeps `Alias` in the old module, where it is bound after
`Graph` as before, and its mapping applies verified."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from godsplit.config import parse_config

from splitkit import apply, checked_suggestion, run_python

SOURCE = '''
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


    def walk(graph):
        return [graph, Conj]


    def other_walk(graph):
        return walk(graph)
'''
SHOW = ("import doctest\nimport pkg.big as b\n"
        "print(sorted(t.name for t in doctest.DocTestFinder().find(b)))\n")


@pytest.mark.slow
def test_suggest_keeps_an_alias_the_facade_would_bind_first(tmp_path: Path) -> None:
    made, before = checked_suggestion(tmp_path, textwrap.dedent(SOURCE), SHOW, max_lines=20)
    assert made.keep == ("Alias",)
    assert any("kept Alias in the old module" in n and "(GS425)" in n for n in made.notes)
    result = apply(parse_config({"split": [made.table()]}, tmp_path / "godsplit.toml"))
    assert result.written and not result.errors, result.errors
    assert all(s.imported for s in result.splits)  # "verified": GS400
    after = run_python(tmp_path, SHOW)
    assert after == before, (before, after)
    assert before == "['pkg.big.Conj', 'pkg.big.Graph']\n", before
