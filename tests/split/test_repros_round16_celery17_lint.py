"""Round 16 (celery17): found on pagure's `pagure/lib/tasks.py` (Flask + Celery).

Its broker URL is bound under a condition (`if os.environ.get(...): broker_url = ...
elif ...: ...`, no `else`). The facade re-exports such a name in `try: from m import
broker_url as broker_url / except ImportError: pass`, outside the generated `__all__`, and
the `# noqa: F401` godsplit puts on re-exports a project's flake8 would flag went on the
top-level import statements only: flake8 (pagure's `.flake8` enables F401) reported
`'pagure.lib.tasks.commits.broker_url' imported but unused` in the facade."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_lint_quality import split_copy

from godsplit.split.apply import apply_splits
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


FUNKWHALE_LAYOUT = {
    # funkwhale: black and isort run from pre-commit at the repository's top, configured in
    # its pyproject.toml; the code lives in `api/`, whose own pyproject.toml (poetry's) has
    # no `[tool.black]`, so black there runs with its defaults
    ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/psf/black\n"
                               "    rev: 22.12.0\n    hooks:\n      - id: black\n"
                               "  - repo: https://github.com/pycqa/isort\n    rev: 5.12.0\n"
                               "    hooks:\n      - id: isort\n",
    "pyproject.toml": '[tool.black]\nextend-exclude = "(api/.*/migrations/.*)"\n\n'
                      '[tool.isort]\nprofile = "black"\nknown_first_party = ["pkg"]\n',
    "api/pyproject.toml": '[tool.poetry]\nname = "pkg"\n',
    ".flake8": "[flake8]\nmax-line-length = 120\nextend-ignore = W503,E203\n",
    "api/pkg/__init__.py": "",
    "api/pkg/tasks.py": '"""Tasks."""\n\nimport logging\n\nfrom email import charset, encoders\n'
                        'from email import utils as email_utils\nfrom xml import dom, sax\n'
                        'from xml import etree as xml_etree\n\nlogger = logging.getLogger(__name__)\n\n\n'
                        'def _get_track(data):\n'
                        '    return [charset, encoders, email_utils, dom, sax, xml_etree, data]\n\n\n'
                        'def get_track_from_metadata(data):\n    return _get_track(data)\n\n\n'
                        'def process_upload(upload):\n    logger.info("%s", upload)\n'
                        '    return _get_track(upload)\n',
}


def test_a_black_pre_commit_hook_makes_black_the_formatter(tmp_path: Path) -> None:
    """The facade's `# isort: off` block of grouped `X as X` re-exports ended right before
    `# isort: on`, which black (not ruff format) separates from the imports by a blank
    line: `black --check` failed on funkwhale's split. godsplit took ruff format for the
    formatter (no `[tool.black]` in the nearest pyproject.toml), and the block had no
    blank line."""
    from godsplit.split.style import detect_style

    source = make_project(tmp_path / "source" / "proj", FUNKWHALE_LAYOUT,
                          '[[split]]\nsource = "api/pkg/tasks.py"\n[split.modules]\n'
                          'candidate = ["_get_track", "get_track_from_metadata"]\n'
                          'cover = ["logger", "process_upload"]\n')
    assert detect_style(source / "api" / "pkg").formatter == "black"
    after_root = split_copy(source, tmp_path / "after" / "proj")
    facade = after_root / "api/pkg/tasks/__init__.py"
    assert "\n\n# isort: on\n" in facade.read_text()
    for tool in (["black", "--check", "-q"], ["isort", "--check-only", "-q"]):
        proc = subprocess.run([sys.executable, "-m", *tool, "api/pkg/tasks"], cwd=after_root,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, (tool, proc.stdout, proc.stderr, facade.read_text())


def test_reloading_a_live_facade_leaves_its_modules_alone(tmp_path: Path) -> None:
    """pagure's tests `importlib.reload(pagure.lib.tasks)`. Reloading sets the module's
    `__name__`, `__spec__`, `__file__`... and the facade's last line its `__class__`, all
    through the live facade's `__setattr__`, which forwarded any name the `builtins` module
    also has to every new module: each became a `_GodsplitFacade` named `pkg.big`, and
    `mock.patch("pkg.big.one.first")` (what `migrate` writes) recursed until RecursionError."""
    from splitkit import make_project as make_split
    from splitkit import run_python

    config = make_split(tmp_path, "def first():\n    return 1\n\n\ndef second():\n    return 2\n",
                        {"one": ["first"], "two": ["second"]})
    assert apply_splits(config).written
    out = run_python(tmp_path, """
        import importlib, sys, types
        from unittest import mock
        import pkg.big
        importlib.reload(pkg.big)
        one = sys.modules["pkg.big.one"]
        print(type(one) is types.ModuleType, one.__name__, one.__spec__.name)
        with mock.patch("pkg.big.one.first", return_value=5):
            print(pkg.big.one.first())
        with mock.patch("pkg.big.first", return_value=6):
            print(pkg.big.one.first(), pkg.big.first())
        print(pkg.big.first(), pkg.big.__name__)
    """)
    assert out == "True pkg.big.one pkg.big.one\n5\n6 6\n1 pkg.big\n"
