"""Round 28 (import28): `module-name`, the name a project imports its god file by.

EvalAI's `apps/challenges/aws_utils.py`: `apps/` is a package (`apps/__init__.py`) and its
settings also put `apps/` on sys.path; the project imports `challenges.aws_utils`. godsplit
named the module after its packages, `apps.challenges.aws_utils`; GS423 refused the split
(it would pin that name into the Celery tasks and loggers), and the only way out it named
was removing `apps/__init__.py`. A split's `module-name = "challenges.aws_utils"` now says the
name: the new modules, pinned task names, `__name__`, loggers, patch targets and the import
check use it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from conftest import make_project, tree_files

AWS = textwrap.dedent('''\
    import logging

    from proj.celery import app

    logger = logging.getLogger(__name__)


    def helper(n):
        return n + 1


    @app.task
    def start_workers(n):
        logger.info("starting %s", n)
        return helper(n)


    @app.task
    def stop_workers(n):
        return helper(n) * 2
''')
TESTS = textwrap.dedent('''\
    from unittest import mock

    import challenges.aws_utils
    from jobs.views import run


    def test_task_names():
        assert challenges.aws_utils.start_workers.name == "challenges.aws_utils.start_workers"
        assert challenges.aws_utils.stop_workers.name == "challenges.aws_utils.stop_workers"


    def test_logger():
        assert challenges.aws_utils.logger.name == "challenges.aws_utils"


    def test_patch_target():
        with mock.patch("challenges.aws_utils.helper", return_value=10):
            assert run() == 10
        assert run() == 2
''')
FILES = {
    "proj/__init__.py": "",
    "proj/celery.py": 'from celery import Celery\n\napp = Celery("proj", broker="memory://")\n',
    "apps/__init__.py": "",
    "apps/challenges/__init__.py": "",
    "apps/challenges/aws_utils.py": AWS,
    "apps/jobs/__init__.py": "",
    "apps/jobs/views.py": ("import challenges.aws_utils as aws\n\n\n"
                           "def run():\n    return aws.start_workers(1)\n"),
    # as EvalAI's settings do: the directory of the Django apps on sys.path
    "conftest.py": ("import os\nimport sys\n\n"
                    "sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'apps'))\n"),
    "tests/test_aws.py": TESTS,
}


def _config(root: Path, module_name: str | None) -> str:
    setup = f"import sys; sys.path.append({str(root)!r})"  # where `proj` is, after apps/
    return textwrap.dedent(f'''\
        verify-setup = {json.dumps(setup)}

        [[split]]
        source = "apps/challenges/aws_utils.py"
        {f'module-name = "{module_name}"' if module_name else ""}

        [split.modules]
        workers = ["start_workers", "stop_workers"]
        helpers = ["helper"]
    ''')


def _project(tmp_path: Path, module_name: str | None, **extra: str) -> Path:
    pytest.importorskip("celery")
    root = tmp_path / "proj_root"
    make_project(root, {**FILES, **extra})
    (root / "godsplit.toml").write_text(_config(root, module_name))
    return root


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, [*args, "--config", "godsplit.toml"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _project_tests(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests"], cwd=root, capture_output=True, text=True,
                          env=env, timeout=120)


def test_without_module_name_gs423_names_the_line_to_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _project(tmp_path, None)
    before = tree_files(root)
    status, output = _run(root, monkeypatch, "apply")
    assert status == 1, output
    assert "apps/jobs/views.py:1: GS423 error" in output, output
    assert 'add `module-name = "challenges.aws_utils"` to its [[split]] (godsplit.toml:3)' \
        in " ".join(output.split()), output
    assert tree_files(root) == before


def test_with_module_name_the_tasks_loggers_and_tests_keep_the_name_the_project_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _project(tmp_path, "challenges.aws_utils")
    tests = _project_tests(root)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    status, output = _run(root, monkeypatch, "plan")
    text = " ".join(output.split())
    assert status == 0, output
    assert "GS423" not in output, output
    assert "Celery task name pinned to 'challenges.aws_utils.start_workers'" in text, output
    assert "apps.challenges" not in text, output
    status, output = _run(root, monkeypatch, "apply")
    text = " ".join(output.split())
    assert status == 0, output
    assert "apps.challenges" not in text, output
    # the import check imported the name the project uses, and compared the tasks
    assert "imported challenges.aws_utils before and after" in text, output
    assert "Celery tasks" in text, output
    assert "GS412" not in text, output
    workers = (root / "apps/challenges/aws_utils/workers.py").read_text()
    assert 'name="challenges.aws_utils.start_workers"' in workers, workers
    assert "apps.challenges" not in workers, workers
    after = _project_tests(root)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "3 passed" in after.stdout, after.stdout


def test_the_import_check_fails_truthfully_where_the_name_does_not_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the setup that puts `proj` on sys.path, `challenges.aws_utils` (imported
    from apps/) cannot import: the check says it was not run, not "verified"."""
    root = _project(tmp_path, "challenges.aws_utils")
    config = root / "godsplit.toml"
    config.write_text(config.read_text().split("\n", 2)[2])
    status, output = _run(root, monkeypatch, "apply")
    text = " ".join(output.split())
    assert status == 0, output
    assert "verified" not in text.replace("checked statically, not verified", ""), output
    assert "GS412 info: import check skipped: it needs 'proj'" in text, output


@pytest.mark.parametrize("name", ["jobs.aws_utils", "apps.other.aws_utils", "aws",
                                  "challenges.aws"])
def test_a_module_name_that_does_not_name_the_file_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
) -> None:
    root = _project(tmp_path, name)
    before = tree_files(root)
    for command in ("plan", "apply"):
        status, output = _run(root, monkeypatch, command)
        assert status == 2, output
        assert (f"godsplit.toml:5: split[0].module-name: {name!r} does not name "
                "apps/challenges/aws_utils.py") in " ".join(output.split()), output
    assert tree_files(root) == before


def test_with_module_name_an_import_by_the_packages_name_is_gs423(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The setting says the module runs as `challenges.aws_utils`; a file importing
    `apps.challenges.aws_utils` runs a second copy, which the pinned names do not fit."""
    root = _project(tmp_path, "challenges.aws_utils",
                    **{"scripts/cron.py": "from apps.challenges import aws_utils\n"})
    before = tree_files(root)
    status, output = _run(root, monkeypatch, "apply")
    text = " ".join(output.split())
    assert status == 1, output
    assert ("scripts/cron.py:1: GS423 error: imports aws_utils.py as "
            "'apps.challenges.aws_utils'") in text, output
    assert "the name its `module-name` gives it" in text, output
    assert tree_files(root) == before


def test_a_module_name_shorter_than_the_projects_imports_is_gs423(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`module-name = "aws_utils"` names the file (with apps/challenges/ on sys.path), but
    the project imports `challenges.aws_utils`: the pinned names would not be its."""
    root = _project(tmp_path, "aws_utils")
    status, output = _run(root, monkeypatch, "plan", "--static")
    text = " ".join(output.split())
    assert status == 1, output
    assert ("apps/jobs/views.py:1: GS423 error: imports aws_utils.py as 'challenges.aws_utils' "
            "(with apps/ on sys.path), not as 'aws_utils'") in text, output
    assert 'set `module-name = "challenges.aws_utils"` in its [[split]] (godsplit.toml:3)' \
        in text, output


ADMIN = {
    # a sibling that reads the module through a relative import: it runs as
    # `challenges.admin`, so `.aws_utils` is `challenges.aws_utils`
    "apps/challenges/admin.py": "from . import aws_utils\n\n\ndef go():\n    return aws_utils.helper(3)\n",
    "tests/test_admin.py": textwrap.dedent('''\
        from unittest import mock

        from challenges.admin import go


        def test_go():
            with mock.patch("challenges.aws_utils.helper", return_value=7):
                assert go() == 7
    '''),
}


def test_a_relative_import_of_a_sibling_is_read_by_the_name_the_project_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`admin.py` reads `helper` through the old module: the tests' patches of
    `challenges.aws_utils.helper` must stay (the sibling was named `apps.challenges.admin`,
    its read of `apps.challenges.aws_utils` not this module's: both patches were moved to
    the new module, `go()` still read the facade's, and the split said verified)."""
    root = _project(tmp_path, "challenges.aws_utils", **ADMIN)
    status, output = _run(root, monkeypatch, "plan", "--static")
    assert ("patch target 'challenges.aws_utils.helper' stays: apps/challenges/admin.py:5 "
            "reads it through the old module") in " ".join(output.split()), output
    status, output = _run(root, monkeypatch, "apply", "--rewrite-references")
    assert status == 0, output
    assert (root / "tests/test_admin.py").read_text() == ADMIN["tests/test_admin.py"]
    after = _project_tests(root)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "4 passed" in after.stdout, after.stdout


def test_migrate_rewrites_a_relative_import_by_the_name_the_project_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """migrate sees `from . import aws_utils` in the sibling and imports it as the project
    does (`challenges.admin`): before, it moved the tests' patches but not the read (the
    test failed after a migrate that said so nowhere)."""
    root = _project(tmp_path, "challenges.aws_utils", **ADMIN)
    status, output = _run(root, monkeypatch, "apply", "--migrate")
    text = " ".join(output.split())
    assert status == 0, output
    assert "GS506" not in text and "GS507 info: import check: 4 rewritten modules" in text, output
    assert (root / "apps/challenges/admin.py").read_text() == (
        "from .aws_utils import helpers\n\n\ndef go():\n    return helpers.helper(3)\n")
    after = _project_tests(root)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "4 passed" in after.stdout, after.stdout


def test_suggest_keeps_the_configs_module_name(tmp_path: Path) -> None:
    """A [[split]] with `module-name` for the file: suggest plans with that name (its pins)
    and writes it into the entry it prints, which plan then reads as it was given."""
    from godsplit.config import load_config
    from godsplit.suggester.core import suggest
    from godsplit.suggester.entry import render_entry

    root = _project(tmp_path, "challenges.aws_utils")
    config = load_config(root / "godsplit.toml")
    suggestion = suggest(root / "apps/challenges/aws_utils.py", config)
    pins = sorted(f.message for f in suggestion.plan.findings if f.code == "GS200")
    assert pins == ["Celery task name pinned to 'challenges.aws_utils.start_workers'",
                    "Celery task name pinned to 'challenges.aws_utils.stop_workers'"], pins
    assert 'module-name = "challenges.aws_utils"\n' in render_entry(suggestion)
