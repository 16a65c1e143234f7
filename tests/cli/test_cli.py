"""The CLI through click's CliRunner: output formats and exit codes of plan, apply, verify."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from splitkit import make_project

SOURCE = """
    import os

    LIMIT = 3


    def a():
        return os.sep * LIMIT


    def b():
        return a()
"""
CONFIG = """
verify-import = false
[[split]]
source = "pkg/big.py"
[split.modules]
first = ["a", "LIMIT"]
second = ["b"]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_project(tmp_path, SOURCE, {})
    (tmp_path / "godsplit.toml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_plan_text(project: Path) -> None:
    code, out = invoke("plan")
    assert code == 0
    assert "first.py" in out and "second.py" in out and "second -> first: a" in out
    assert "pkg/big.py: 2 modules, 0 errors" in out
    assert (project / "pkg/big.py").exists() and not (project / "pkg/big").exists()


def test_plan_json_is_stable_and_complete(project: Path) -> None:
    code, out = invoke("plan", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    [split] = data["splits"]
    assert split["module"] == "pkg.big" and split["layout"] == "package"
    assert [(m["name"], m["names"]) for m in split["modules"]] == [
        ("first", ["LIMIT", "a"]), ("second", ["b"]),  # source order
    ]
    assert {f["path"]: f["action"] for f in split["files"]} == {
        "pkg/big.py": "delete", "pkg/big/__init__.py": "write", "pkg/big/first.py": "write",
        "pkg/big/second.py": "write",
    }
    assert split["edges"] == [{"source": "second", "target": "first", "names": ["a"],
                               "import_time": False, "deferred": False, "typing_only": False,
                               "backpatch": False, "live": [], "live_last": False}]
    assert invoke("plan", "--format", "json")[1] == out


def test_plan_diff(project: Path) -> None:
    code, out = invoke("plan", "--diff")
    assert code == 0
    assert "--- a/pkg/big.py\n+++ /dev/null\n" in out
    assert "--- /dev/null\n+++ b/pkg/big/first.py\n" in out
    assert "+def a():\n" in out


def test_plan_errors_exit_1_and_config_errors_exit_2(project: Path) -> None:
    (project / "godsplit.toml").write_text(CONFIG.replace('second = ["b"]', ""))
    code, out = invoke("plan")
    assert code == 1 and "GS102" in out  # b is used by nothing and unmapped
    (project / "godsplit.toml").write_text(CONFIG.replace('["b"]', '["bb"]'))
    code, out = invoke("plan")
    assert code == 2 and "GS101" in out and "did you mean b" in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param("max-lines = 'x'\n", "'max-lines' must be int", id="wrong-type"),
        pytest.param("[[split]\n", "invalid TOML", id="bad-toml"),
        pytest.param("[[split]]\nsource = 'nope.py'\n", "source file not found", id="missing-source"),
    ],
)
def test_bad_config_exit_2_with_one_line(project: Path, config: str, message: str) -> None:
    (project / "godsplit.toml").write_text(config)
    code, out = invoke("plan")
    assert code == 2 and message in out and out.startswith("error: ")


def test_apply_then_verify_against_git(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "x",
                    "--allow-empty"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "src"],
                   cwd=project, check=True)
    code, out = invoke("apply")  # verify-import = false: "verified" only after an import check
    assert code == 0 and "checked statically (import check skipped)" in out and "GS412" in out
    assert invoke("verify")[0] == 0  # facade vs the module as it was at HEAD
    facade = project / "pkg/big/__init__.py"
    facade.write_text(facade.read_text().replace("from .second import b\n", ""))
    code, out = invoke("verify")
    assert code == 1 and "GS401" in out and "no longer binds: b" in out


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_python_dash_m_entry_point(project: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "godsplit", "plan", "--format", "json"],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["version"] == 1
