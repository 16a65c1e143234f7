"""Round 27 (refs27, item 23(b)): sphinx 8.1.3 pins ruff 0.6.9, which knows
flake8-type-checking's rules as TCH001-TCH003 (ruff 0.8 renamed them TC001-TC003). godsplit
took TC001-TC003 for rules that ruff does not have (with the pinned ruff found, it lists no
TC001; without it, godsplit's own ruff dates TC001 from 0.8.0) and marked nothing: the
split's new modules had TCH001/TCH002/TCH003 findings the god file did not. Now the marks
use the codes the project's ruff knows, with that ruff found and without it, and ruff
0.6.9 passes the split."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits

from splitkit import make_project

RUFF = "0.6.9"
PRE_COMMIT = f"""\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v{RUFF}
    hooks:
      - id: ruff
"""
PYPROJECT = '[tool.ruff.lint]\nselect = ["TCH", "F"]\n'
SOURCE = """
    from __future__ import annotations

    from decimal import Decimal


    class Parameter:
        name = "p"


    def make() -> Decimal:
        return Decimal(Parameter.name == "p")


    def describe(parameter: Parameter, amount: Decimal) -> str:
        return parameter.name + str(amount)
"""


@pytest.fixture(scope="session")
def ruff_0_6(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("ruff-0.6") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q",
                           f"ruff=={RUFF}"], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"ruff {RUFF} not installable: {proc.stderr[-300:]}")
    return env / "bin" / "ruff"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "nobin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nobin") + os.pathsep + os.defpath)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("found", [True, False], ids=["pinned ruff found", "not found"])
def test_the_marks_use_the_codes_ruff_before_0_8_knows(
        project: Path, ruff_0_6: Path, found: bool) -> None:
    if found:  # the project's virtualenv has the pinned ruff
        (project / ".venv" / "bin").mkdir(parents=True)
        (project / ".venv" / "bin" / "ruff").symlink_to(ruff_0_6)
    config = make_project(project, SOURCE, {"params": ["Parameter", "make"],
                                            "uses": ["describe"]},
                          files={"pyproject.toml": PYPROJECT, ".pre-commit-config.yaml": PRE_COMMIT})
    before = subprocess.run([str(ruff_0_6), "check", "--no-cache", "pkg/big.py"], cwd=project,
                            capture_output=True, text=True)
    assert before.returncode == 0, before.stdout
    result = apply_splits(config)
    assert result.written, [f.render() for f in result.errors]
    uses = (project / "pkg/big/uses.py").read_text()
    assert "from decimal import Decimal  # noqa: TCH003\n" in uses, uses
    assert "from .params import Parameter  # noqa: TCH001\n" in uses, uses
    after = subprocess.run([str(ruff_0_6), "check", "--no-cache", "pkg"], cwd=project,
                           capture_output=True, text=True)
    assert after.returncode == 0, after.stdout + after.stderr
