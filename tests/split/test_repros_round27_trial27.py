"""Round 27 (trial27): a god file the project imports by a shorter name than its packages
give it (GS423).

EvalAI's `apps/challenges/aws_utils.py` (3,855 lines, 8 `@app.task`): `apps/` is a package
(`apps/__init__.py`) and also a directory its settings put on sys.path; the project imports
`challenges.aws_utils`. godsplit named the module `apps.challenges.aws_utils` and wrote that
name into the new modules (pinned task names, `__name__`, loggers): every task renamed for
the worker, which imports `challenges.aws_utils`; the import check imported the longer name
before and after and found nothing.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from conftest import make_project, tree_files

BIG = textwrap.dedent('''\
    import logging

    log = logging.getLogger(__name__)


    def alpha():
        log.info("alpha")
        return 1


    def beta():
        log.info("beta")
        return 2
''')
PLAIN = 'def alpha():\n    return 1\n\n\ndef beta():\n    return 2\n'
CONFIG = textwrap.dedent('''\
    verify-import = false

    [[split]]
    source = "apps/challenges/big.py"

    [split.modules]
    one = ["alpha"]
    two = ["beta"]
''')
SHORT = "import challenges.big\n\n\ndef use():\n    return challenges.big.alpha()\n"


def _project(tmp_path: Path, big: str, user: str) -> Path:
    return make_project(tmp_path, {
        "apps/__init__.py": "",
        "apps/challenges/__init__.py": "",
        "apps/challenges/big.py": big,
        "apps/jobs/__init__.py": "",
        "apps/jobs/views.py": user,
    }, CONFIG)


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, [*args, "--config", "godsplit.toml"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_a_module_imported_by_a_shorter_name_is_not_split_under_the_longer_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The split would write `apps.challenges.big` as the loggers' name (GS138, GS201)."""
    root = _project(tmp_path, BIG, SHORT)
    before = tree_files(root)
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 1, output
    assert "apps/jobs/views.py:1: GS423 error" in output, output
    assert "as 'challenges.big' (with apps/ on sys.path), not as 'apps.challenges.big'" in output
    status, output = _run(root, monkeypatch, "apply")
    assert status == 1, output
    assert "GS423" in output, output
    assert tree_files(root) == before


def test_from_a_import_b_counts_and_a_split_writing_no_name_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _project(tmp_path, PLAIN, "from challenges import big\n")
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 0, output
    assert "apps/jobs/views.py:1: GS423 warning" in output, output


def test_the_packages_name_alone_is_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Imported by its full name, or a top-level module of that name elsewhere: nothing."""
    root = _project(tmp_path, BIG, "import apps.challenges.big\n")
    make_project(root, {"challenges/__init__.py": "", "challenges/big.py": PLAIN,
                        "user.py": "import challenges.big\n"})
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 0, output
    assert "GS423" not in output, output


def test_a_bare_module_name_or_a_standard_library_package_is_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`import big` may be any module of that name; `email.big` is the standard library's
    package."""
    root = make_project(tmp_path, {
        "apps/__init__.py": "", "apps/email/__init__.py": "", "apps/email/big.py": BIG,
        "user.py": "import big\nimport email.big\n"},
        CONFIG.replace("apps/challenges/big.py", "apps/email/big.py"))
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 0, output
    assert "GS423" not in output, output


def test_the_projects_isort_verbose_setting_prints_nothing_into_godsplits_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """EvalAI's `[tool.isort] verbose = true`: isort's debug lines ("else-type place_module
    for os returned STDLIB", 516 of them) were printed amid the plan."""
    root = make_project(tmp_path, {
        "pyproject.toml": '[tool.isort]\nprofile = "black"\nverbose = true\n',
        "pkg/__init__.py": "",
        "pkg/big.py": "import os\nimport sys\n\n\ndef alpha():\n    return os.sep\n\n\n"
                      "def beta():\n    return sys.path\n"},
        CONFIG.replace("apps/challenges/big.py", "pkg/big.py"))
    status, output = _run(root, monkeypatch, "plan", "--static", "--diff")
    assert status == 0, output
    assert "+import os" in output, output  # the new modules' imports, sorted
    assert "place_module" not in output, output


def test_a_celery_app_above_the_import_root_is_celerys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GS423's way out (no `apps/__init__.py`: `challenges.big`, import root `apps/`):
    `from proj.celery import app` resolves from the project's top, as the worker imports
    it. Before, the app was not found under `apps/` and the task's name was left to be
    derived from its new module (GS219): a rename."""
    root = make_project(tmp_path, {
        "manage.py": "",
        "proj/__init__.py": "",
        "proj/celery.py": "from celery import Celery\n\napp = Celery('proj')\n",
        "apps/challenges/__init__.py": "",
        "apps/challenges/big.py": "from proj.celery import app\n\n\n@app.task\ndef alpha():\n"
                                  "    return 1\n\n\n@app.task\ndef beta():\n    return 2\n",
    }, CONFIG)
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert status == 0, output
    assert "Celery task name pinned to 'challenges.big.alpha'" in output, output
    assert "GS219" not in output, output
