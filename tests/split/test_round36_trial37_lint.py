"""Round 36 (trial37): generated code that flake8 flagged on a real Celery task file.

squad's `squad/core/tasks/__init__.py` (a package's `__init__.py`, no `__all__`) split into
four modules: the facade's PEP 562 `__getattr__` (runtime/lazy_all.py) answers `import *`
with a comprehension whose `and` clause, once the new modules' names were filled in, was
too long for one line; the formatter broke it before `and`, and squad's flake8 (`ignore =
E501,C101` replaces flake8's default ignore list, so W503 is on) found a W503 the source
did not have.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycodestyle
import pytest

from godsplit import api

from conftest import make_project

SOURCE = '''"""Tasks."""


def receive_results(run):
    return {"run": run}


def process_results(run):
    return receive_results(run)


def prepare_delayed_report(run):
    return process_results(run)


def cleanup_old_builds():
    return prepare_delayed_report(0)
'''

CONFIG = """
[[split]]
source = "pkg/tasks/__init__.py"
package = "pkg/tasks"

[split.modules]
receiving_results = ["receive_results"]
processing_results = ["process_results"]
delayed_reports = ["prepare_delayed_report"]
build_cleanup = ["cleanup_old_builds"]
"""


def _split(tmp_path: Path) -> Path:
    root = make_project(tmp_path, {
        "setup.cfg": "[flake8]\nignore = E501,C101\n",
        "pkg/__init__.py": "",
        "pkg/tasks/__init__.py": SOURCE,
    }, CONFIG)
    result = api.apply(config=root / "godsplit.toml")
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    return root


def test_package_facade_breaks_no_line_at_a_binary_operator(tmp_path: Path) -> None:
    root = _split(tmp_path)
    facade = root / "pkg/tasks/__init__.py"
    assert "def __getattr__" in facade.read_text()  # the `import *` answer is there
    style = pycodestyle.StyleGuide(select=["W503", "W504"], quiet=True)
    report = style.check_files([str(p) for p in sorted((root / "pkg/tasks").glob("*.py"))])
    assert report.total_errors == 0, facade.read_text()


@pytest.mark.slow
def test_package_facade_import_star_still_gives_the_public_names(tmp_path: Path) -> None:
    root = _split(tmp_path)
    code = ("ns = {}; exec('from pkg.tasks import *', ns); "
            "print(sorted(k for k in ns if k != '__builtins__'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == str(sorted(["cleanup_old_builds", "prepare_delayed_report",
                                      "process_results", "receive_results"]))
