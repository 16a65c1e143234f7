"""Round 31 (engine32): a `__main__` guard with an `else` runs code on every import.

tune31b found PuLP's `if __name__ != "__main__": DIRNAME = ... else: from pulp import
__file__`, read by kept code below it: the split took the whole block for the module's
`__main__` block (`!=` was read as `==`, and an `else` was ignored), dropped it from the
facade and wrote it into `__main__.py`, and the plan had a GS411 (the kept code's names
undefined), a bug of godsplit's. Such a block is the module's code: it stays in the old
module with the code kept there. In a package split `python -m old` could no longer run
its other branch (it runs only `__main__.py`): a GS409 error at the block says so and how to
split instead (`package`); with `package` the split is verified and behaves the same, on
import and under `python -m`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

NOT_MAIN = """
    import os

    if __name__ != "__main__":
        WHERE = "imported"
        DIRNAME = os.path.dirname(__file__)
    else:
        WHERE = "main"
        DIRNAME = "."


    def helper():
        return 1


    def moved():
        return helper() + 1


    CONFIG = os.path.join(DIRNAME, "x.cfg")
    print(WHERE, moved(), CONFIG.endswith("x.cfg"))
"""

MAIN_ELSE = """
    import os

    if __name__ == "__main__":
        WHERE = "main"
        DIRNAME = "."
    else:
        WHERE = "imported"
        DIRNAME = os.path.dirname(__file__)


    def helper():
        return 1


    def moved():
        return helper() + 1


    CONFIG = os.path.join(DIRNAME, "x.cfg")
    print(WHERE, moved(), CONFIG.endswith("x.cfg"))
"""


@pytest.mark.parametrize(("source", "operator"), [(NOT_MAIN, "!="), (MAIN_ELSE, "==")])
def test_a_package_split_names_the_guard_not_an_undefined_name(
        tmp_path: Path, source: str, operator: str) -> None:
    plan, texts = plan_texts(make_project(tmp_path, source, {"a": ["moved"]}, keep=["CONFIG"]))
    assert [f.code for f in plan.errors] == ["GS409"], [f.render() for f in plan.errors]
    [found] = plan.errors
    assert found.line == 3
    assert f'`if __name__ {operator} "__main__": ... else:`' in found.message
    assert "set `package` for this split" in found.message
    assert "pkg/big/__main__.py" not in texts  # nothing of it is a `__main__` block
    assert 'if __name__' in texts["pkg/big/__init__.py"]  # the block stays with CONFIG


def _python_m(root: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "pkg.big"], cwd=root, capture_output=True,
                          text=True, timeout=60, env={"PYTHONDONTWRITEBYTECODE": "1",
                                                      "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("source", [NOT_MAIN, MAIN_ELSE])
def test_beside_the_old_module_the_split_is_verified_and_the_same(
        tmp_path: Path, source: str) -> None:
    """With `package`, the old module keeps the block and still runs as `__main__`."""
    out = same_behaviour(tmp_path, source, {"a": ["moved"]}, "import pkg.big\n",
                         keep=["CONFIG"], package="big_parts")
    assert out == "imported 2 True\n"
    assert "if __name__" in (tmp_path / "after/pkg/big.py").read_text()
    assert _python_m(tmp_path / "before") == _python_m(tmp_path / "after") == (
        "main 2 True\n")


def test_a_main_block_without_else_still_goes_to_dunder_main(tmp_path: Path) -> None:
    source = """
        def moved():
            return 2


        if __name__ == "__main__":
            print(moved())
    """
    plan, texts = plan_texts(make_project(tmp_path, source, {"a": ["moved"]}))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "print(moved())" in texts["pkg/big/__main__.py"]
