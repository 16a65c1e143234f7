"""Bugs found in round 10 (trial11) splitting FastAPI's `routing.py` and Django REST
framework's `fields.py` and running their own suites and linters before and after: each a
minimal `pkg/big.py`, planned (and applied where behaviour is at stake)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts

# DRF's fields.py: a section comment, a blank line, then the class it heads. Moved to the
# top of a new module, right after its imports.
SECTION = """
    import re


    def helper():
        return re.compile("x")


    # Boolean types...

    class BooleanField:
        pattern = re


    def tail():
        return BooleanField
"""


def test_a_detached_section_comment_after_the_imports_keeps_e302_clean(tmp_path: Path) -> None:
    """isort and ruff want one blank line between the imports and a comment that is not
    the def's (a blank line keeps it apart); pycodestyle counts the blank lines before
    the comment for the class below it and wanted two (E302 on every new module of DRF's
    fields.py whose first class had such a comment). The class now gets two below the
    comment, as formatters write it."""
    modules = {"one": ["helper", "tail"], "two": ["BooleanField"]}
    _, texts = plan_texts(make_project(tmp_path, SECTION, modules))
    two = texts["pkg/big/two.py"]
    assert "import re\n\n# Boolean types...\n\n\nclass BooleanField:" in two
    (tmp_path / "two.py").write_text(two)
    proc = subprocess.run([sys.executable, "-m", "pycodestyle", "--select=E3", "two.py"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.stdout == "", proc.stdout

