"""Round 22 (trial22b): a read-only directory (`chmod a-w`, mode 0555) was written in.

On SEED Platform's tree, `chmod 555 seed/data_importer` then `godsplit apply`: run as root,
the split made `seed/data_importer/tasks/` and removed `tasks.py` in that directory and
said "verified". A read-only file is refused by its mode bits whoever runs godsplit
(`file_modes.refuse_read_only`); the directory a file is made, replaced or removed in
(by a rename) is now refused the same way, before anything is staged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_bad_input import BIG
from test_bad_input_round12 import CONFIG, SIBLING, USER, assert_refused, invoke

from conftest import make_project


@pytest.fixture
def read_only() -> Iterator[list[Path]]:
    """Directories a test makes read-only, made writable again for tmp_path's cleanup."""
    made: list[Path] = []
    yield made
    for path in made:
        path.chmod(0o755)


def test_apply_refuses_to_write_in_a_read_only_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: list[Path],
) -> None:
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": BIG}, SIBLING)
    (root / "pkg").chmod(0o555)
    read_only.append(root / "pkg")
    assert_refused(root, ("apply",), "pkg: the directory is read-only (mode 0555)",
                   ("does not write files in read-only directories", "chmod u+w",
                    "nothing was changed"), monkeypatch)


def test_migrate_refuses_to_rewrite_a_file_in_a_read_only_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: list[Path],
) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "app/__init__.py": "",
                                   "app/user.py": USER}, CONFIG)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    (root / "app").chmod(0o555)
    read_only.append(root / "app")
    assert_refused(root, ("migrate",), "app: the directory is read-only (mode 0555)",
                   ("nothing was changed",), monkeypatch)


def test_a_writable_directory_under_a_read_only_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: list[Path],
) -> None:
    """Only the directory written in counts: its parent's mode is not godsplit's business."""
    root = make_project(tmp_path, {"top/__init__.py": "", "top/pkg/__init__.py": "",
                                   "top/pkg/big.py": BIG},
                        SIBLING.replace('"pkg/', '"top/pkg/'))
    (root / "top").chmod(0o555)
    read_only.append(root / "top")
    status, output = invoke(root, "apply", monkeypatch=monkeypatch)
    assert status == 0, output
    assert (root / "top/pkg/parts/one.py").is_file()


def test_migrate_check_passes_once_every_split_is_retired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SEED, the whole workflow: apply, migrate, retire. `retire` takes the [[split]] out of
    the config, and the `godsplit-migrate` pre-commit hook (`migrate --check`) then failed
    every commit with "the config has no [[split]] tables" (exit 2), where `verify` says
    there is nothing to verify (exit 0)."""
    root = make_project(tmp_path, {"big.py": BIG, "app/__init__.py": "",
                                   "app/user.py": USER}, CONFIG)
    for command in ("apply", "migrate", "retire"):
        status, output = invoke(root, command, monkeypatch=monkeypatch)
        assert status == 0, (command, output)
    assert "[[split]]" not in (root / "godsplit.toml").read_text()
    assert invoke(root, "migrate", "--check", monkeypatch=monkeypatch) == (
        0, "migrate --check: no [[split]] in the config, nothing to check\n")
    status, output = invoke(root, "migrate", "--check", "--format", "json",
                            monkeypatch=monkeypatch)
    assert status == 0 and '"passed": true' in output, output
    # rewriting (not checking) with nothing configured is still a mistake worth a word
    status, output = invoke(root, "migrate", monkeypatch=monkeypatch)
    assert (status, output) == (2, "error: godsplit.toml: the config has no [[split]] tables\n")


def test_migrate_leaves_the_name_of_a_task_made_by_an_alias_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nautobot's scheduler names `"nautobot.extras.jobs.run_job"`, a task made by
    `@nautobot_task` (`nautobot_task = shared_task` in another module): the pinned task
    keeps that name, so `migrate` must not point the string at the new module."""
    tasks = ("from tasking import my_task\n\n\n@my_task(bind=True)\ndef alpha(self):\n"
             "    return 1\n\n\ndef beta():\n    return 2\n")
    schedule = 'BEAT = {"a": {"task": "big.alpha"}}\n'
    root = make_project(tmp_path, {"big.py": tasks, "schedule.py": schedule,
                                   "tasking.py": "from celery import shared_task\n\n"
                                   "my_task = shared_task\n"}, CONFIG)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    assert 'name="big.alpha"' in (root / "big/one.py").read_text()
    status, output = invoke(root, "migrate", monkeypatch=monkeypatch)
    assert status == 0, output
    assert (root / "schedule.py").read_text() == schedule


def test_retire_of_an_autodiscovered_tasks_package_says_what_its_init_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SEED: "__init__.py keeps its docstring and nothing else, and imports its modules"
    contradicted itself; the imports are what it keeps besides the docstring."""
    tasks = ('"""Tasks."""\n\nfrom celery import shared_task\n\n\n@shared_task\ndef alpha():\n'
             "    return 1\n\n\ndef beta():\n    return 2\n")
    app = ('from celery import Celery\n\napp = Celery("proj")\n'
           'app.autodiscover_tasks(["shop"])\n')
    root = make_project(tmp_path, {"shop/__init__.py": "", "shop/tasks.py": tasks,
                                   "proj_celery.py": app},
                        CONFIG.replace('"big.py"', '"shop/tasks.py"'))
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    status, output = invoke(root, "retire", monkeypatch=monkeypatch)
    assert status == 0, output
    assert ("shop.tasks: facade retired (__init__.py keeps its docstring and imports its "
            "modules (Celery's autodiscover_tasks() imports this package: proj_celery.py); "
            "its [[split]] left the config)") in output, output
