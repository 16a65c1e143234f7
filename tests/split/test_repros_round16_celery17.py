"""Round 16 (celery17): found on pagure's `pagure/lib/tasks.py` (Flask + Celery).

Its broker URL is bound under a condition (`if os.environ.get(...): broker_url = ...
elif ...: ...`, no `else`). The facade re-exports such a name in `try: from m import
broker_url as broker_url / except ImportError: pass`, outside the generated `__all__`, and
the `# noqa: F401` godsplit puts on re-exports a project's flake8 would flag went on the
top-level import statements only: flake8 (pagure's `.flake8` enables F401) reported
`'pagure.lib.tasks.commits.broker_url' imported but unused` in the facade."""

from __future__ import annotations

import re
from pathlib import Path

from test_lint_quality import split_copy

from godsplit.split.noqa import mark

from conftest import make_project
from lintkit import snapshot

CONDITIONAL = '''"""Tasks."""

import os

if not os.environ.get("REDIS_HOST"):
    broker_url = "memory://"
elif os.environ.get("REDIS_HOST"):
    broker_url = "redis://%s" % os.environ["REDIS_HOST"]


def make_conn():
    return broker_url


def generate_archive(name):
    return make_conn() + name
'''


def test_a_conditional_re_export_gets_its_noqa_under_flake8(tmp_path: Path) -> None:
    source = make_project(tmp_path / "source" / "proj", {
        "pkg/__init__.py": "", "pkg/tasks.py": CONDITIONAL,
        ".flake8": "[flake8]\nignore = W503,E203,E902\n",  # pagure's: F401 is on
    }, '[[split]]\nsource = "pkg/tasks.py"\n[split.modules]\n'
       'app = ["broker_url", "make_conn"]\narchives = ["generate_archive"]\n')
    before = snapshot(source, ["pkg"], tools=("flake8",))
    assert not before.findings and not before.failures, [str(f) for f in before.findings]
    after_root = split_copy(source, tmp_path / "after" / "proj")
    facade = (after_root / "pkg/tasks/__init__.py").read_text()
    assert re.search(r"try:\n    from \S+ import broker_url as broker_url  # noqa: F401\n"
                     "except ImportError:", facade), facade
    after = snapshot(after_root, ["pkg"], tools=("flake8",))
    assert not after.failures and not after.findings, [str(f) for f in after.findings]


def test_only_re_exports_in_a_try_are_marked() -> None:
    text = ("from a import x as x\ntry:\n    from a import y as y\n"
            "except ImportError:  # bound there only under a condition\n    pass\n")
    assert mark(text, "F401", frozenset({"x"})) == text.replace(
        "import y as y\n", "import y as y  # noqa: F401\n")
    assert mark(text, "F401", frozenset({"x", "y"})) == text
    # E402 (no `listed`): pycodestyle checks top-level imports only
    assert mark(text, "E402") == text.replace("x as x\n", "x as x  # noqa: E402\n")


def test_the_pylint_pragma_of_the_late_import_leaves_black_nothing_to_do(
        tmp_path: Path) -> None:
    """pagure has a `.pylintrc` (pylint's `import-outside-toplevel` on) and black at 79
    columns: the facade's `from importlib import import_module as _godsplit_import_module
    # pylint: disable=import-outside-toplevel` was 113 columns (with flake8's `# noqa:
    E501` after it), and `black --check` wrapped it. The pragma goes on the line before."""
    source = make_project(tmp_path / "source" / "proj", {
        "pkg/__init__.py": "", "pkg/tasks.py": CONDITIONAL,
        ".pylintrc": "[MESSAGES CONTROL]\ndisable=C0114,C0116\n",
        "pyproject.toml": "[tool.black]\nline-length = 79\n",
        ".flake8": "[flake8]\nignore = W503,E203,E902\n",
    }, '[[split]]\nsource = "pkg/tasks.py"\n[split.modules]\n'
       'app = ["broker_url", "make_conn"]\narchives = ["generate_archive"]\n')
    before = snapshot(source, ["pkg"], tools=("flake8", "format"))
    assert not before.findings and not before.failures, [str(f) for f in before.findings]
    after_root = split_copy(source, tmp_path / "after" / "proj")
    facade = (after_root / "pkg/tasks/__init__.py").read_text()
    assert ("        # pylint: disable-next=import-outside-toplevel\n"
            "        from importlib import import_module as _godsplit_import_module\n") in facade
    after = snapshot(after_root, ["pkg"], tools=("flake8", "format"))
    assert not after.failures and not after.findings, [str(f) for f in after.findings]
