"""Round 30 (mig31): lint marks and runtime code that broke on real projects.

edx-enterprise pins isort 6.1.0, which wraps a long `from m import a as a` with
backslashes; the `# noqa: F401` godsplit then put on the statement's first line followed
the backslash, and the facade did not parse (GS410: apply refused a plan without errors).
buku's flake8 ignores W504 only, so W503 (a line break before a binary operator) is on:
the live facade's `__all__` comprehension broke before `and`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pycodestyle

from godsplit.split import runtime
from godsplit.split.loop_shadows import comment_row
from godsplit.split.noqa import mark
from godsplit.split.pyflakes_marks import mark_unused
from godsplit.split.style import detect_style

BACKSLASHED = (
    "from pkg.tasks.admin import \\\n"
    "    _reminder_config as _reminder_config\n"
    "from pkg.tasks.admin import \\\n"
    "    _pending_invite_reminder_campaign as \\\n"
    "    _pending_invite_reminder_campaign  # noqa: F401\n"
    "from pkg.tasks.braze import User\n"
)


def test_comment_row_is_the_last_line_of_a_backslash_continuation() -> None:
    lines = BACKSLASHED.splitlines(keepends=True)
    assert [comment_row(lines, i) for i in (0, 2, 5)] == [1, 4, 5]


def test_reexport_mark_goes_after_the_continuation_and_parses() -> None:
    out = mark(BACKSLASHED, "F401", frozenset({"User"}), 120)
    ast.parse(out)
    assert out.splitlines() == [
        "from pkg.tasks.admin import \\",
        "    _reminder_config as _reminder_config  # noqa: F401",
        "from pkg.tasks.admin import \\",
        "    _pending_invite_reminder_campaign as \\",
        "    _pending_invite_reminder_campaign  # noqa: F401",
        "from pkg.tasks.braze import User",
    ]


def test_pyflakes_mark_goes_after_the_continuation(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 120\n")
    new = tmp_path / "pkg" / "a.py"
    new.parent.mkdir()
    text = "import os\nfrom os.path import \\\n    join\n\nprint(os.sep)\n"
    out = mark_unused({new: text}, detect_style(new, tmp_path), tmp_path / "pkg" / "big.py",
                      "import os\n\nprint(os.sep)\n")[new]
    ast.parse(out)
    assert out == "import os\nfrom os.path import \\\n    join  # noqa: F401\n\nprint(os.sep)\n"


def test_runtime_code_breaks_no_line_at_a_binary_operator() -> None:
    """W503 and W504 flag a break before or after a binary operator; a project ignores
    at most one of them (buku: W504), so the copied code must have neither."""
    folder = Path(runtime.__file__).parent
    found = []
    for path in sorted(folder.glob("*.py")):
        style = pycodestyle.StyleGuide(select=["W503", "W504"], quiet=True)
        report = style.check_files([str(path)])
        if report.total_errors:
            found.append(path.name)
    assert not found
