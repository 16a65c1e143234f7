"""Round 30 (trial31): defects found splitting real god files (pytz, configobj, inflect)
against their own test suites, each with a small synthetic case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts

# pytz's `__init__.py`: a line of eight spaces stood between `all_timezones = ...` and
# `all_timezones_set = ...`; moved after a def, the assignment got two blank lines more
# than that line, three in all (pycodestyle E303, black rewrote it)
SPACES_LINE = (
    "def alpha():\n"
    "    return 1\n"
    "\n"
    "\n"
    "Y = 2\n"
    "        \n"
    "X = alpha()\n"
)


def _pycodestyle(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "check.py"
    path.write_text(text)
    proc = subprocess.run([sys.executable, "-m", "pycodestyle", "--select=E3", str(path)],
                          capture_output=True, text=True, timeout=60)
    return proc.stdout.splitlines()


def test_a_line_of_spaces_counts_as_a_blank_line_above_a_moved_statement(
        tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", "", {"one": ["alpha", "X"]})
    (tmp_path / "p" / "pkg" / "big.py").write_text(SPACES_LINE)
    _, texts = plan_texts(config)
    one = texts["pkg/big/one.py"]
    assert "    return 1\n\n        \nX = alpha()\n" in one, one  # two, the source's kept
    assert _pycodestyle(one, tmp_path) == [], one

