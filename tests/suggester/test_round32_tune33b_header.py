"""Round 32 (tune33b): with `--modules K`, a block of constants each read from one module,
with no common first word, is a header of its readers' values: each stays with its reader
(pylint's `checkers/base.py`), not a module of its own (`suggester/header.py`, called from
`constants.carve`)."""

from __future__ import annotations

from pathlib import Path

from graphkit import graph_of, modules_of

from godsplit.suggester.choose import choose
from godsplit.suggester.graph import Graph
from godsplit.suggester.header import first_word, header
from godsplit.suggester.place import SHARED

HEADER = ["REVERSED_METHOD", "SEQUENCE_METHODS", "ABC_METACLASSES", "TYPE_QNAME",
          "EXEMPT_CATEGORIES", "LITERAL_TYPES"]
READS = {"BasicChecker": HEADER[:2], "ErrorChecker": HEADER[2:4], "NameChecker": HEADER[4:]}


def _class(name: str, uses: list[str]) -> str:
    body = "".join(f"    def {name.lower()}_{i}(self, x):\n        return x + {uses[i % len(uses)]}\n\n"
                   for i in range(5))
    return f"class {name}:\n    '''A {name}.'''\n\n{body}\n"


def _source(names: list[str]) -> str:
    return ("".join(f"{c} = (\n    {i},\n    {i + 1},\n)\n" for i, c in enumerate(names))
            + "\n\n" + "".join(_class(cls, [names[HEADER.index(c)] for c in uses])
                               for cls, uses in READS.items())
            + _class("PassChecker", ["1"])).rstrip() + "\n"


def _graph(tmp_path: Path, source: str) -> Graph:
    return graph_of(tmp_path, source, "base")


def test_a_header_stays_with_its_readers(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source(HEADER))
    # main: the six constants made one module, and two checkers were merged to pay for it
    assert modules_of(g, choose(g, 4, 10_000)) == sorted(
        sorted(m) for m in [["BasicChecker", *HEADER[:2]], ["ErrorChecker", *HEADER[2:4]],
                            ["NameChecker", *HEADER[4:]], ["PassChecker"]])


def test_a_table_is_still_a_module_of_its_own(tmp_path: Path) -> None:
    # the same reads, the names one family (`GET_...`): a table, kept whole
    table = [f"GET_{name}" for name in HEADER]
    g = _graph(tmp_path, _source(table))
    made = modules_of(g, choose(g, 4, 10_000))
    assert sorted(table) in made and len(made) == 4


def test_what_is_a_header(tmp_path: Path) -> None:
    g = _graph(tmp_path, _source(HEADER))
    block = sorted(n for n, node in enumerate(g.nodes) if node.label in HEADER)
    by_reader = {n: i for i, (cls, uses) in enumerate(READS.items()) for n, node
                 in enumerate(g.nodes) if node.label == cls or node.label in uses}
    group = {n: by_reader.get(n, 9) for n in range(len(g.nodes))}
    assert header(g, group, block, SHARED)
    # one constant read from two modules (ErrorChecker reads BasicChecker's): a table
    shared = _graph(tmp_path, _source(HEADER).replace("return x + ABC_METACLASSES",
                                                      "return x + REVERSED_METHOD", 1))
    assert not header(shared, {n: by_reader.get(n, 9) for n in range(len(shared.nodes))},
                      block, SHARED)
    assert [first_word(n) for n in ("_TYPE_A", "GET_SYS_PATH", "MAX")] == ["TYPE", "GET", "MAX"]
