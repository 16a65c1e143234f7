"""Round 18 (Weblate's `weblate/trans/tasks.py`): what `retire` says it kept."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import dedent

# Weblate's task file opens with a copyright comment and has no docstring; `retire` said
# "__init__.py keeps its docstring and nothing else" all the same.
HEADED = dedent("""
    # Copyright the authors
    #
    # SPDX-License-Identifier: GPL-3.0-or-later

    import os


    def helper():
        return os.sep


    def run():
        return helper()
""")


def _retire(root: Path, source: str) -> str:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "big.py").write_text(source)
    (root / "godsplit.toml").write_text(
        'verify-import = false\n\n[[split]]\nsource = "pkg/big.py"\n\n'
        '[split.modules]\ntools = ["helper"]\njobs = ["run"]\n')
    assert apply_splits(load_config(root / "godsplit.toml")).written
    cli = CliRunner().invoke(main, ["retire", "--config", str(root / "godsplit.toml")])
    assert cli.exit_code == 0, cli.output
    return cli.output


def test_retire_says_it_kept_no_docstring_the_module_did_not_have(tmp_path: Path) -> None:
    out = _retire(tmp_path / "headed", HEADED)
    assert "__init__.py keeps its opening comments and nothing else" in out, out
    assert (tmp_path / "headed/pkg/big/__init__.py").read_text().startswith(
        "# Copyright the authors\n")
    bare = _retire(tmp_path / "bare", HEADED.split("\n\n", 1)[1])
    assert "__init__.py keeps nothing of its own" in bare, bare
    documented = _retire(tmp_path / "doc", HEADED.replace("\n\nimport os", '\n\n"""Tools."""\n\nimport os'))
    assert "__init__.py keeps its docstring and opening comments and nothing else" in documented
