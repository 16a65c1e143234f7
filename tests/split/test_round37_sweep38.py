"""Round 37, sweep38: the second sample of round 36's installed environment, linted under
each project's own config.

SCons' `Script/Main.py` imports `ENABLE_JSON`; `_set_debug_values` assigns it after `global
ENABLE_JSON` and `main` reads it after the same declaration. pyflakes takes that read for
`main`'s own and reports the import unused in the god file; ruff (and Python) take it for a
use. Split with the import and `_set_debug_values` in one module and `main` in another, the
import is unused to both linters there, but pyflakes' finding in the god file hid it from
`pyflakes_marks`: ruff's F401 on the new module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import apply, make_project, plan_texts, run_python, write_texts

SOURCE = """
    from os.path import sep


    def setter():
        global sep
        sep = "x"


    def reader():
        global sep
        return sep


    def other():
        return 1
"""


def _ruff(root: Path, select: str) -> str:
    ruff = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(ruff), "check", "--isolated", "--select", select, "--output-format",
                           "concise", "pkg/big"], cwd=root, capture_output=True, text=True,
                          timeout=60).stdout


def test_an_import_read_through_global_elsewhere_is_marked_where_it_moves(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"one": ["setter", "sep"], "two": ["reader", "other"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from os.path import sep  # noqa: F401\n" in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    result = apply(config)
    assert result.written and not result.errors, result.errors
    code = "import os, pkg.big as b\nprint(b.reader() == os.sep)\nb.setter()\nprint(b.reader())\n"
    assert run_python(tmp_path, code) == "True\nx\n"
    found = _ruff(tmp_path, "F,RUF100")
    assert "All checks passed" in found, found


@pytest.mark.parametrize("linter", ["ruff", "pyflakes"])
def test_an_import_read_through_global_in_its_own_module_is_not_marked(tmp_path: Path,
                                                                      linter: str) -> None:
    config = make_project(tmp_path, SOURCE, {"one": ["setter", "sep", "reader"], "two": ["other"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from os.path import sep\n" in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    if linter == "ruff":  # no unused noqa (RUF100): ruff reads it as used, as in the source
        result = apply(config)
        assert result.written and not result.errors, result.errors
        found = _ruff(tmp_path, "F,RUF100")
        assert "All checks passed" in found, found
    else:  # pyflakes' finding is the god file's own, copied: no mark hides it
        write_texts(tmp_path, texts)
        said = subprocess.run([sys.executable, "-m", "pyflakes", "pkg/big/one.py"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60).stdout
        assert "'os.path.sep' imported but unused" in said, said

