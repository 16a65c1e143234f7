"""Round 35 (trial36): an alias bound before its class in the facade renames its doctests.

rdflib 7.6's `graph.py` defines `class Graph` (with doctests) and later `_ContextType = Graph`.
Split by `godsplit suggest`, the alias moves to `conjunctive_graph`, `Graph` to `core`, and the
facade (sorted imports) binds `_ContextType` first. `doctest.DocTestFinder` (and so pytest's
`--doctest-modules`, which rdflib configures) names an object by the first name it meets in
the module's namespace: the 5 doctests `rdflib.graph.Graph...` became
`rdflib.graph._ContextType...` (same outcomes, different test ids). Fixed in round 36
(engine37): the facade binds the alias after its re-exports, as the source did
(`split/later_aliases.py`)."""

from __future__ import annotations

from pathlib import Path

from splitkit import run_before_and_after

SOURCE = '''
    class Graph:
        """A graph.

        >>> Graph().n
        1
        """

        n = 1


    Alias = Graph


    class Conj(Graph):
        """A subclass."""
'''

NAMES = """
    import doctest
    import pkg.big as m
    print(sorted(t.name for t in doctest.DocTestFinder().find(m)))
"""


def test_doctests_keep_the_name_the_source_gave_them(tmp_path: Path) -> None:
    before, after, _ = run_before_and_after(
        tmp_path, SOURCE, {"core": ["Graph"], "conj": ["Conj", "Alias"]}, NAMES,
        **{"keep-module-name": True},
    )
    assert before == "['pkg.big.Conj', 'pkg.big.Graph']\n"
    assert after == before
