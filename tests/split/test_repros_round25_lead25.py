"""Round 25 (lead): a comment isort leaves right under an import gets the blank line black
and ruff's formatter write there (open-discussions' `search/tasks/update.py` by suggest:
black 22.6.0 reformatted the two late import blocks godsplit wrote at its end)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from godsplit.split.comment_gaps import space_comments
from godsplit.split.normalize import Block, normalize
from godsplit.split.ruff_tool import ruff_binary
from godsplit.split.style import detect_style

from conftest import make_project

INDEX = ", ".join(["index_course_content_files", "index_courses", "index_profiles",
                   "index_programs", "index_staff_lists", "index_user_lists"])
BULK = ", ".join(["bulk_deindex_courses", "bulk_deindex_profiles", "bulk_deindex_programs",
                  "get_update_podcast_episodes_tasks", "get_update_podcasts_tasks"])
# as render's `_deferred` writes them (godsplit's note, then the imports in edge order)
LATE = ("\n\n# godsplit: imported last (an import cycle); used only inside functions.\n"
        f"from search.tasks.index import {INDEX}  # noqa: E402\n"
        f"from search.tasks.bulk_deindex import {BULK}  # noqa: E402\n")


@pytest.mark.parametrize(("before", "after"), [
    ("from a import (\n    b,\n)\n# c\nfrom d import e\n",
     "from a import (\n    b,\n)\n\n# c\nfrom d import e\n"),
    ("import a\n# c1\n# c2\nimport b\n", "import a\n\n# c1\n# c2\nimport b\n"),
    ("try:\n    import a\n    # c\n    import b\nexcept ImportError:\n    pass\n",
     "try:\n    import a\n\n    # c\n    import b\nexcept ImportError:\n    pass\n"),
    ("from a import \\\n    b\n# c\nimport d\n", "from a import \\\n    b\n\n# c\nimport d\n"),
    # left as they are: a blank line already, a trailing comment, a comment before code,
    # a comment at another indent
    ("import a\n\n# c\nimport b\n", None),
    ("import a  # c\nimport b\n", None),
    ("import a\n# c\nx = 1\n", None),
    ("if X:\n    import a\n# c\nimport b\n", None),
])
def test_space_comments(before: str, after: str | None) -> None:
    assert space_comments(before) == (after or before)
    assert space_comments(after or before) == (after or before)  # stable


@pytest.mark.slow
@pytest.mark.parametrize("isort_settings", [
    # open-discussions' own (black-compatible, no profile): isort takes a blank line
    # between the imports out again, so the note goes back above them
    "multi_line_output = 3\ninclude_trailing_comma = true\nforce_grid_wrap = 0\n"
    "use_parentheses = true\nline_length = 88\n",
    'profile = "black"\n',
])
def test_isort_sorted_late_imports_are_formatter_stable(tmp_path: Path,
                                                         isort_settings: str) -> None:
    """The late cycle imports of one module (open-discussions' `search/tasks/update.py` by
    suggest): isort sorts `bulk_deindex` above `index` and left godsplit's note between
    them, which black 22.6.0 and ruff's formatter reformat; the module godsplit writes now
    is what the project's isort check and a black-style formatter both leave."""
    import isort

    setup = f"[tool.isort]\n{isort_settings}\n[tool.black]\nline-length = 88\n"
    make_project(tmp_path, {"pyproject.toml": setup, "pkg/__init__.py": "",
                            "pkg/big.py": "x = 1\n"})
    (tmp_path / ".git").mkdir()
    path = tmp_path / "pkg" / "big.py"
    [late] = normalize([Block(LATE, sort=True)], detect_style(path), path, root=tmp_path)
    assert late.index("from search.tasks.bulk_deindex") < late.index("from search.tasks.index")
    module = "def f():\n    return 1\n\n\n" + late
    assert isort.code(module, settings_path=str(tmp_path)) == module
    formatted = subprocess.run(
        [ruff_binary(None), "format", "--isolated", "-"], input=module, capture_output=True,
        text=True, check=True).stdout
    assert formatted == module
