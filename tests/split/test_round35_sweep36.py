"""Round 35, sweep36: installed god files linted under each project's own configuration.

benchmarks/installed_god_files.py's `--config DIR` copies a project's pyproject.toml /
ruff.toml / setup.cfg / tox.ini / .flake8 into the temporary project and runs the linters
they configure (ruff without `--isolated`, flake8 where there is a `[flake8]` section) on
the source before apply and on the files apply wrote; a finding on a line the source has
with the same finding is "copied", any other is new. A configuration the linter cannot
read must not pass for "0 found".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchkit import load_benchmark
from splitkit import apply, make_project, ruff_check, same_behaviour

pytestmark = pytest.mark.slow  # runs ruff and flake8

SOURCE = "import os\n\n\ndef f():\n    return os.sep  # a long line, over forty characters\n"


def _work(tmp_path: Path, config: str, name: str) -> Path:
    work = tmp_path / "work"
    (work / "pkg").mkdir(parents=True)
    (work / name).write_text(config)
    (work / "pkg" / "big.py").write_text(SOURCE)
    return work


@pytest.mark.parametrize(("name", "config", "label"), [
    ("pyproject.toml", "[tool.ruff]\nline-length = 40\n[tool.ruff.lint]\nselect = ['E501', 'F']\n",
     "ruff (own config)"),
    ("setup.cfg", "[flake8]\nmax-line-length = 40\nselect = E501,F\n", "flake8 (own config)"),
])
def test_own_config_findings_copied_and_new(tmp_path: Path, name: str, config: str,
                                            label: str) -> None:
    harness = load_benchmark("installed_god_files")
    work = _work(tmp_path, config, name)
    [(found_label, lint)] = harness.linters(work)
    assert found_label == label
    old = harness.source_findings(work, "pkg/big.py", lint)
    before = harness.python_files(work)
    (work / "pkg" / "big.py").write_text("from .f import f as f  # noqa: F401\n")
    (work / "pkg" / "f.py").write_text("import os, sys\n\n\n" + SOURCE.split("\n\n\n")[1])

    said = harness.findings(work, "pkg/big.py", before, lint, label, old)

    # the long line is the source's, moved; `import os, sys`'s unused sys is new
    assert said.startswith(f"{label}: source 1, written 2, new {{'F401': 1}} (pkg/f.py:1:"), said
    assert "E501" not in said, said


def test_a_configuration_ruff_cannot_read_is_said_not_counted_as_clean(tmp_path: Path) -> None:
    harness = load_benchmark("installed_god_files")
    work = _work(tmp_path, "[tool.ruff.lint]\nselect = ['NOPE999']\n", "pyproject.toml")
    [(_, lint)] = harness.linters(work)
    with pytest.raises(harness.LintFailed, match="ruff exit 2"):
        harness.source_findings(work, "pkg/big.py", lint)


# impacket's `dcerpc/v5/samr.py`: its NDR enum classes' metaclass answers any attribute it
# lacks with `self.enumItems[attr].value`, a KeyError; keep-module-name's code read
# `getattr(cls, "__func__", None)`, which lets anything but AttributeError through, and the
# facade no longer imported (GS406 KeyError '__func__': a suggest dead end)
KEYERROR = """
    import typing


    class EnumType(type):
        def __getattr__(cls, name):
            return cls.items[name]


    class Status(metaclass=EnumType):
        items = {"OK": 0}


    class Other:
        @typing.overload
        def get(self, x: int) -> int: ...
        @typing.overload
        def get(self, x: str) -> str: ...
        def get(self, x):
            return x


    def ok():
        return Status.OK
"""


def test_keep_module_name_on_a_class_whose_getattr_raises_key_error(tmp_path: Path) -> None:
    code = ("import pkg.big\nprint(pkg.big.Status.__module__, pkg.big.Other.__module__, "
            "pkg.big.ok())\n")
    modules = {"status": ["EnumType", "Status"], "other": ["Other", "ok"]}
    out = same_behaviour(tmp_path, KEYERROR, modules, code, **{"keep-module-name": True})
    assert out == "pkg.big pkg.big 0\n"
    # no blind `except Exception` written (urwid's config selects ruff's BLE001)
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run([str(ruff), "check", "--isolated", "--select", "BLE001", "."],
                          cwd=tmp_path / "after", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout


# jupyter_server's `serverapp.py`: `colorama.init()` under an `if` ends the head at line 51,
# and its first-party imports below it are "late"; in a new module whose code between them
# moved away they joined the import block unsorted (ruff's I001 under the project's own
# config, 4 new findings): they are sorted with it now
LATE = """
    import os
    import sys

    if sys.platform == "win32":
        os.getcwd()

    import json

    from pkg.trans import _i18n
    from pkg.utils import check, fetch


    def a():
        return check, _i18n, json, os


    def b():
        return fetch
"""


def test_late_imports_that_join_the_import_block_are_sorted_with_it(tmp_path: Path) -> None:
    files = {"pyproject.toml": "[tool.ruff.lint]\nextend-select = ['I']\n",
             "pkg/trans.py": "_i18n = 1\n", "pkg/utils.py": "check = fetch = 1\n"}
    result = apply(make_project(tmp_path, LATE, {"first": ["a"], "second": ["b"]}, files=files))
    assert result.written and not result.errors, result.errors
    first = (tmp_path / "pkg" / "big" / "first.py").read_text()
    assert "import json\nimport os\n\nfrom pkg.trans import _i18n\nfrom pkg.utils import check\n" \
        in first, first
    done = ruff_check(tmp_path, "pkg")
    assert done.returncode == 0, done.stdout
