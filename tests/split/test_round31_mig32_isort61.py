"""Round 31 (mig32): edx-enterprise's facade failed its pinned isort 6.1.0's `--check`.

A private name re-exported as `X as X` with `# noqa: F401` is too long for the line even
wrapped after `import \\`; godsplit put E501 on the noqa's list, and isort 6.1.0 then
wraps at the `as` (`X as \\` / `X  # noqa: F401, E501`), and its next run joins the lines
again without the comment: no form of the statement passes `isort --check`. Such a
statement is now kept out of isort's way (`# isort: off` / `# isort: on`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import apply, make_project, run_python

NAME = "_get_pending_admin_invite_reminder_campaign_setting"  # edx-enterprise's, 51 long

SOURCE = f'''
    """Tasks."""


    def {NAME}(x):
        return x


    def send_reminders():
        return {NAME}(1)
'''

TOX = """\
[isort]
line_length = 120
known_first_party = pkg
include_trailing_comma = true
multi_line_output = 3
"""


def _isort_61(root: Path) -> Path:
    venv = root / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    proc = subprocess.run([str(venv / "bin/pip"), "install", "-q", "isort==6.1.0"],
                          capture_output=True, text=True)
    if proc.returncode:
        pytest.skip(f"isort 6.1.0 could not be installed: {proc.stderr[-200:]}")
    return venv / "bin/isort"


@pytest.mark.slow
def test_a_facade_line_isort_61_cannot_keep_is_fenced(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"customer": [NAME], "reminders": ["send_reminders"]},
                          files={"tox.ini": TOX, "setup.cfg": "[flake8]\nmax-line-length = 120\n",
                                 "requirements/dev.txt": "isort==6.1.0\n"},
                          **{"verify-import": False})
    isort = _isort_61(tmp_path)
    result = apply(config)
    assert result.written, result
    check = subprocess.run([str(isort), "--check-only", "--diff", "pkg"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    facade = (tmp_path / "pkg/big/__init__.py").read_text()
    assert f"# isort: off\nfrom .customer import \\\n    {NAME} as {NAME}  # noqa: " \
        f"F401, E501\n# isort: on\n" in facade, facade
    assert run_python(tmp_path, f"from pkg.big import {NAME}; print({NAME}(2))") == "2\n"
