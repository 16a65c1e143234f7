"""Round 16 (polish17): `migrate` and PEP 484 type comments.

A file that imports the old module (`from pkg import big`) and reads a name through it
only in a type comment (`# type: (big.Foo) -> Foo`) lost the import when its code reads
were rewritten to the new modules: mypy, clean before, reported `Name "big" is not
defined`. The import now stays and the comment is a use left to edit by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.migration.core import migrate

from splitkit import apply, make_project

SOURCE = """
    class Foo:
        pass


    def second():
        return Foo()
"""
USER = """\
from pkg import big
from pkg.big import Foo


def use(x):
    # type: (big.Foo) -> Foo
    return big.second()


def only(x):
    # type: (big.Foo) -> None
    return None
"""


def _mypy(root: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null",
         "--no-error-summary", "pkg"], cwd=root, capture_output=True, text=True, timeout=300)
    return proc.stdout


def test_a_type_comment_read_through_the_old_module_keeps_its_import(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"one": ["Foo"], "two": ["second"]},
                          files={"pkg/user.py": USER})
    assert _mypy(tmp_path) == ""
    assert apply(config).written
    result = migrate(config)
    assert result.written and not result.errors, result.errors
    text = (tmp_path / "pkg" / "user.py").read_text()
    assert text.startswith("from pkg import big\n"), text
    assert "    return two.second()\n" in text and "# type: (big.Foo) -> Foo" in text
    [left] = [u for u in result.uses if u.kind == "module"]
    assert (left.path.name, left.line, left.fixable) == ("user.py", 1, False)
    assert left.detail.startswith("a type comment reads a name through it"), left.detail
    assert _mypy(tmp_path) == ""
