"""Round 16 (perf17): generated tables and long operator chains.

A constant table (numbers, strings, None, nested tuples and dicts) holds no name, call or
attribute, so the engine's own passes no longer enter it; a statement nested deeper than
LibCST can walk (a 600-term `+` chain) is refused with its file, line and cause instead of
a RecursionError traceback, and the tree is untouched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from godsplit.split.apply import plan_splits
from godsplit.split.literals import constant_literal
from godsplit.split.plan import plan_split
from godsplit.types import GodsplitError

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

CHAIN = 600  # terms: LibCST's visitors need ~3 frames a term; the limit is 1,000 frames


def _expr(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


@pytest.mark.parametrize("code", [
    "[1, 2.5, 3j, 'a', b'b', None, True, False]",
    "{'k': ('v', 1, None), 'j': ['x' 'y', {1: 2}]}",
    "({1, 2}, (), [], {})",
])
def test_constant_literals(code: str) -> None:
    assert constant_literal(_expr(code))


@pytest.mark.parametrize("code", [
    "[1, x]", "[1, -1]", "[1, f'{x}']", "[*rest, 1]", "{**base, 'k': 1}", "[1, obj.attr]",
    "[1, (2, call())]", "{'k': lambda: 1}", "[i for i in range(3)]", "'just a string'",
])
def test_not_constant_literals(code: str) -> None:
    assert not constant_literal(_expr(code))


def _table_source(size: int) -> str:
    table = ", ".join(f"({i}, 'name{i}', None)" if i % 3 else str(i) for i in range(size))
    return (
        '"""Generated tables beside code."""\n\n'
        f"TABLE = [{table}]\n"
        "LOOKUP = {'a': ('x', 1), 'b': ('y', None)}\n"
        "MIXED = [1, 2, len(TABLE), (3, LOOKUP['a'][1])]\n\n\n"
        "def count():\n    return len(TABLE) + len(MIXED)\n\n\n"
        "def first():\n    return TABLE[1], LOOKUP['b']\n"
    )


def test_a_big_table_splits_and_keeps_behaviour(tmp_path: Path) -> None:
    code = """
        import hashlib, pkg.big as big
        from pkg.big import *
        print(big.count(), big.first(), big.MIXED)
        print(hashlib.sha256(repr(TABLE).encode()).hexdigest(), sorted(LOOKUP))
    """
    out = _same(tmp_path, _table_source(5000), {"counting": ["count"], "lookups": ["first"]},
                code, **{"max-lines": 100_000})
    assert out.startswith("5004 ((1, 'name1', None), ('y', None)) [1, 2, 5000, (3, 1)]")


def test_reads_beside_a_table_still_place_it(tmp_path: Path) -> None:
    """MIXED reads TABLE and LOOKUP inside a list literal that is not constant: they are
    placed with it (the table's own skipped interior held no name)."""
    config = make_project(tmp_path, _table_source(2000),
                          {"counting": ["count"], "lookups": ["first"]}, **{"max-lines": 100_000})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    where = {name: p.module for p in plan.placements for name in p.names}
    assert where["MIXED"] == where["count"] == "counting"
    counting = texts["pkg/big/counting.py"]
    assert "MIXED = [1, 2, len(TABLE), (3, LOOKUP['a'][1])]" in counting
    assert "TABLE" in counting and "LOOKUP" in counting  # imported or defined there


def _chain_project(root: Path) -> Path:
    source = ('"""A long chain."""\n\n\n'
              "def helper():\n    return 1\n\n\n"
              "TOTAL = " + " + ".join("1" for _ in range(CHAIN)) + "\n\n\n"
              "def use():\n    return helper() + TOTAL\n")
    make_project(root, source, {"helpers": ["helper"]}, default="rest")
    (root / "godsplit.toml").write_text('[[split]]\nsource = "pkg/big.py"\ndefault = "rest"\n'
                                        '[split.modules]\nhelpers = ["helper"]\n')
    return root / "pkg" / "big.py"


def test_a_chain_deeper_than_libcst_walks_is_an_error_naming_its_line(tmp_path: Path) -> None:
    _chain_project(tmp_path)
    config = make_project(tmp_path, (tmp_path / "pkg/big.py").read_text(),
                          {"helpers": ["helper"]}, default="rest")
    with pytest.raises(GodsplitError) as caught:
        plan_split(config, config.splits[0])
    assert caught.value.line == 8
    assert f"a chain of {CHAIN:,} `+` terms" in caught.value.message
    assert "recursion limit" in caught.value.message


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_the_cli_says_why_and_writes_nothing(tmp_path: Path, command: str) -> None:
    big = _chain_project(tmp_path)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    text = big.read_text()
    done = subprocess.run([sys.executable, "-m", "godsplit", command], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "pkg/big.py:8: cannot analyse" in done.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    assert big.read_text() == text


def test_a_deep_file_elsewhere_in_the_project_is_not_scanned_and_says_so(tmp_path: Path) -> None:
    """plan's scan for patch targets: a project file it cannot walk is a GS212 warning."""
    deep = "TARGET = 'pkg.big.helper'\nTOTAL = " + " + ".join("1" for _ in range(CHAIN)) + "\n"
    config = make_project(tmp_path, "def helper():\n    return 1\n\n\ndef use():\n    return 2\n",
                          {"helpers": ["helper"]}, default="rest", files={"tools/deep.py": deep})
    result = plan_splits(config, import_check=False)
    found = [f for s in result.splits for f in s.findings if f.code == "GS212"]
    assert found and "nested deeper than LibCST" in found[0].message, result.splits
    assert found[0].path.endswith("tools/deep.py")
