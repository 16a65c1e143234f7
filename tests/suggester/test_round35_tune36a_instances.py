"""Round 35 (tune36a): with `--modules K`, a table of instances of the file's classes
(`int32 = Integer('int32')`, ...) is a module of its own, not the glue between the classes
it instantiates (numba's `types.py`: its short names stayed in the package's `__init__`)
(`suggester/instances.py`, called from `choose`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphkit import graph_of, modules_of

import godsplit.suggester.choose as choosing
from godsplit.config import parse_config
from godsplit.suggester.choose import choose
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph
from godsplit.suggester.instances import tables


def _class(name: str, base: str = "object") -> str:
    methods = "".join(f"    def m{i}(self, x):\n        return x + {i}\n\n" for i in range(6))
    return f"class {name}({base}):\n    '''A {name}.'''\n\n{methods}\n"


FAMILIES = {"Number": ["Integer", "Float", "Complex"],
            "Sequence": ["ListType", "TupleType", "SetType"],
            "Pointer": ["RawPointer", "CPointer", "VoidPointer"]}
MADE = [("int32", "Integer"), ("int64", "Integer"), ("float32", "Float"),
        ("complex64", "Complex"), ("list_", "ListType"), ("tuple_", "TupleType"),
        ("set_", "SetType"), ("voidptr", "VoidPointer"), ("cptr", "CPointer"),
        ("rawptr", "RawPointer")]
TABLE = sorted([name for name, _ in MADE] + ["i4", "f4"])
SOURCE = (
    "".join(_class(base) + "".join(_class(sub, base) for sub in subs)
            for base, subs in FAMILIES.items())
    + "\n" + "".join(f"{name} = {cls}('{name}')\n" for name, cls in MADE)
    + "i4 = int32\nf4 = float32\n"
)


def _graph(tmp_path: Path, source: str = SOURCE) -> Graph:
    return graph_of(tmp_path, source, "types")


def test_the_table_is_a_module_and_each_family_another(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    g = _graph(tmp_path)
    families = sorted(sorted([base, *subs]) for base, subs in FAMILIES.items())
    assert modules_of(g, choose(g, 4, 10_000)) == sorted([*families, TABLE])
    # before: each instance went to its class's module, the table parted four ways
    monkeypatch.setattr(choosing, "by_tables", lambda *_: None)
    before = modules_of(g, choose(g, 4, 10_000))
    assert TABLE not in before
    assert sum(1 for m in before if set(m) & set(TABLE)) == 4


def test_what_is_a_table(tmp_path: Path) -> None:
    classes = "".join(_class(c) for c in ["A", "B", "C"])
    four = "".join(f"a{i} = A({i})\n" for i in range(4))
    source = (classes + four + "\n\ndef f():\n    return a0\n\n\n"  # four, cut by f: none
              + "".join(f"b{i} = B({i})\n" for i in range(3)) + "c0 = C(0)\nbb = b0\n"
              + "c1 = C(1)\n"  # five instances (an alias among them): a table
              + "\n\ndef g():\n    return 1\n\n\n"
              + "".join(f"Alias{i} = A\n" for i in range(6)))  # aliases of a class: none
    g = _graph(tmp_path, source)
    assert [[g.nodes[n].label for n in t] for t in tables(g)] == [
        ["b0", "b1", "b2", "c0", "bb", "c1"]]


def test_suggest_keeps_k_exact_and_plans_clean(tmp_path: Path) -> None:
    (tmp_path / "types.py").write_text(SOURCE)
    made = suggest(tmp_path / "types.py", parse_config({}, tmp_path / "godsplit.toml"),
                   modules=4)
    assert not made.errors and len(made.plan.modules) == 4
    homes = {p.module for p in made.plan.placements for n in p.names if n in TABLE}
    assert len(homes) == 1
