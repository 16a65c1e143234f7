"""Round 34 (trial35): hostile input Python accepts and LibCST does not.

A block indented with a tab after lines indented with spaces (`    def run(self):` then
`<tab>        return 3`) compiles: Python reads a tab as up to 8 columns and as 1, and
both say the block goes deeper. LibCST's tokenizer stops with "no matching outer block
for dedent" at "line 1" of whatever it parses. godsplit refused it (right: it cannot read
the file), but named line 1 of the file, which is not where the cause is. It names the
line now, says that Python compiles the file and LibCST does not, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_input import BIG

from godsplit.cli import main

from conftest import make_project, tree_hash

TABBED = BIG + "\n\nclass Gamma:\n    def run(self):\n\t        return beta()\n"
CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n\n'
          '[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n')


def _run(root: Path, command: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command, "--config", str(root / "godsplit.toml")])
    return result.exit_code, result.output


def test_python_compiles_the_mixed_indentation() -> None:
    compile(TABBED, "big.py", "exec")  # the premise: not a syntax error for Python


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_a_tab_after_spaces_is_refused_at_its_line(tmp_path: Path, command: str) -> None:
    root = make_project(tmp_path / "p", {"big.py": TABBED}, CONFIG)
    before = tree_hash(root)
    code, output = _run(root, command)
    line = TABBED.splitlines().index("\t        return beta()") + 1
    assert code == 2
    assert f"big.py:{line}: cannot parse" in output, output
    assert "Python compiles this file, LibCST" in output
    assert "mixes a tab with spaces" in output
    assert tree_hash(root) == before


def test_a_statement_libcst_cannot_read_without_a_tab_is_named_at_its_start() -> None:
    """The line is the statement's first (its decorator's) when no line of it mixes tabs
    with spaces: the finder does not guess a line within it."""
    from godsplit.split.parsing import _libcst_only

    text = "x = 1\n\n\n@dec\ndef f():\n    pass\n"
    assert _libcst_only(text, 1) == (1, "")  # LibCST reads every statement: no better line
    tabbed = "x = 1\n\n\n@dec\ndef f():\n    if x:\n\t        pass\n"
    assert _libcst_only(tabbed, 1)[0] == 7
