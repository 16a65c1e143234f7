"""Round 31 (lead): the source's file-wide checker pragmas reach each new module.

MuckRock's `foia/tasks.py` has `# pylint: disable=too-many-lines,
too-many-positional-arguments` between its docstring and its first import; godsplit wrote
every module's imports anew and the pragma went with them, so pylint reported R0917 on a
moved function it had accepted before the split.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts

SOURCE = '''\
"""Tasks."""
# pylint: disable=too-many-positional-arguments
# ruff: noqa: E501
# Standard library
import json
import os


def send(a, b, c, d, e, f):
    return json.dumps([a, b, c, d, e, f])


def where():
    return os.getcwd()
'''


def test_each_new_module_carries_the_file_wide_pragmas(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"sending": ["send"], "places": ["where"]})
    plan, texts = plan_texts(config)
    assert not [f for f in plan.findings if f.severity == "error"]
    for name in ("pkg/big/sending.py", "pkg/big/places.py"):
        text = texts[name]
        assert "# pylint: disable=too-many-positional-arguments\n# ruff: noqa: E501\n" in text
        assert text.index("# pylint:") < text.index("import ")  # it covers the code below
        assert "# Standard library" not in text  # not a pragma: written anew, as before
        compile(text, name, "exec")


def test_pylint_accepts_the_moved_function_as_it_did_before(tmp_path: Path) -> None:
    """The behaviour a user relies on: the project's pylint says after what it said before."""
    pytest.importorskip("pylint")
    config = make_project(tmp_path, SOURCE, {"sending": ["send"], "places": ["where"]})
    _, texts = plan_texts(config)
    moved = tmp_path / "sending.py"
    moved.write_text(texts["pkg/big/sending.py"])
    run = subprocess.run([sys.executable, "-m", "pylint", "--disable=all",
                          "--enable=too-many-positional-arguments", str(moved)],
                         capture_output=True, text=True, check=False)
    assert "R0917" not in run.stdout, run.stdout


def test_a_source_without_pragmas_gets_none(tmp_path: Path) -> None:
    plain = SOURCE.replace("# pylint: disable=too-many-positional-arguments\n", "").replace(
        "# ruff: noqa: E501\n", "")
    config = make_project(tmp_path, plain, {"sending": ["send"], "places": ["where"]})
    _, texts = plan_texts(config)
    assert "pylint" not in texts["pkg/big/sending.py"]
    assert "noqa" not in texts["pkg/big/places.py"]
