"""Round 37 (lead): dash's `dash/dash.py` tests `"dash/dash" in pkg_dir` (a package's folder
found by its module spec: a checkout's `dash/dash/`), and GS139 took the string for the
module's own file, so every mapping of the file was refused and suggest had no way out
(sweep38). A module named as its package is named in a string only with `.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

SOURCE = """
    import os


    def component_dirs(pkg_dir: str) -> list[str]:
        if "{needle}" in pkg_dir:
            return [os.path.join(pkg_dir, x) for x in ("dcc", "html")]
        return [pkg_dir]


    def serve() -> list[str]:
        return component_dirs(os.getcwd())
"""
MODULES = {"dirs": ["component_dirs"], "serving": ["serve"]}


def _gs139(tmp_path: Path, needle: str, path: str) -> list[int]:
    plan, _ = plan_texts(make_project(tmp_path, SOURCE.replace("{needle}", needle), MODULES,
                                      path=path))
    return [f.line for f in plan.findings if f.code == "GS139"]


def test_a_folder_spelled_as_the_package_and_module_is_not_the_file(tmp_path: Path) -> None:
    assert _gs139(tmp_path, "dash/dash", "dash/dash.py") == []


def test_the_file_spelled_with_py_is_still_refused(tmp_path: Path) -> None:
    assert _gs139(tmp_path, "dash/dash.py", "dash/dash.py") == [5]


def test_another_module_of_the_package_is_still_named_without_py(tmp_path: Path) -> None:
    """pexpect's `'pexpect/__init__'`, here `pkg/big`: the module's name is not the
    package's, so the spelling without `.py` names the file (round 16)."""
    assert _gs139(tmp_path, "pkg/big", "pkg/big.py") == [5]
