"""Round 32 (mig33): retire's comment on its registration import stays with the import.

celery32, MuckRock's `foia/tasks/__init__.py`: the retired `__init__` kept code of its own
(`lob.api_key = settings.LOB_SECRET_KEY`) and its imports; retire wrote the registration
import with its comment above them, and the project's isort (which retire runs) sorted the
`from . import` below `django` and `lob`, leaving the comment at the top, above the other
imports. isort and ruff (I001) keep a comment at the top of an import block where it is, so
the registration import is its own block (`# isort: split` after it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.migration.retire import retire

from splitkit import apply, make_project, run_python

SOURCE = '''
    """Big module."""

    import os

    os.environ.setdefault("BIG_MODE", "fast")


    def conv():
        return os.environ["BIG_MODE"]


    def export():
        return conv() + "!"
'''

SETTINGS = "app = dict(include='pkg.big')\n"
TOOLS = {
    "isort": '[tool.isort]\nprofile = "black"\n',
    "ruff": '[tool.ruff.lint]\nselect = ["E", "F", "I"]\n',
}
BIN = Path(sys.executable).parent


def _retired(root: Path, tool: str) -> str:
    config = make_project(root, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"conf/celery.py": SETTINGS, "pyproject.toml": TOOLS[tool]})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\nio = ["conv"]\ndb = ["export"]\n')
    assert apply(config).written
    result = retire(config)
    assert result.written, result
    return (root / "pkg/big/__init__.py").read_text()


def _comment_is_on_its_import(text: str) -> None:
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "loads this package" in line)
    below = next(line for line in lines[first:] if not line.startswith("#"))
    assert below.startswith("from . import db, io"), text


@pytest.mark.parametrize("tool", ["isort", "ruff"])
def test_the_comment_stays_on_the_registration_import(tmp_path: Path, tool: str) -> None:
    text = _retired(tmp_path, tool)
    _comment_is_on_its_import(text)
    assert run_python(tmp_path, "import pkg.big; print(pkg.big.db.export())").strip() == "fast!"
    init = tmp_path / "pkg/big/__init__.py"
    check = ([str(BIN / "isort"), "--check-only", "--diff", str(init)] if tool == "isort" else
             [str(BIN / "ruff"), "check", "--no-cache", str(init)])
    proc = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    if tool == "isort":  # the project's sorter run again leaves the comment where it is
        subprocess.run([str(BIN / "isort"), str(init)], cwd=tmp_path, check=True)
    else:
        subprocess.run([str(BIN / "ruff"), "check", "--fix", "--no-cache", str(init)],
                       cwd=tmp_path, check=False, capture_output=True)
    _comment_is_on_its_import(init.read_text())
