"""The whole life of a split on the bundled fixture: apply --migrate, check, retire.

On a copy of fixtures/intelliwiz: `godsplit apply --migrate` splits the three Celery god
files and moves every import, patch target and `CELERY_IMPORTS` entry to the new
modules in one transaction. `migrate --check` then lists what it cannot rewrite: one
test of the old module's own star-import API (a star import inside `exec`, and its
`__all__`); that test is edited by hand, as a maintainer would, and `migrate` runs
again. Then the check is clean, the fixture's 128 tests pass, and Celery registers the
same tasks with the same options and routes (the same snapshot). `godsplit retire`
deletes the three facades and their `[[split]]` tables; the tests and the snapshot are
still the same, and a task sent by its old name still runs on a worker.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fixturekit import FIXTURE, run, snapshot, suite

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FIXTURE.is_dir(), reason="fixture project missing"),
]
pytest.importorskip("django")
pytest.importorskip("celery")

OLD_API_TEST = '''    namespace: dict = {}
    exec("from background_tasks.onboarding_tasks_phase2 import *", namespace)
    assert set(onboarding_tasks.__all__) <= set(namespace)
    assert "_validate_knowledge_id" not in namespace
'''
SOURCES = ("journal_wellness_tasks", "onboarding_tasks_phase2", "mental_health_intervention_tasks")


def test_apply_migrate_check_retire(tmp_path: Path) -> None:
    original = tmp_path / "original"
    shutil.copytree(FIXTURE, original)
    tests, celery = suite(original), snapshot(original)
    assert tests == 128

    root = tmp_path / "intelliwiz"
    shutil.copytree(FIXTURE, root)
    applied = run(root, "-m", "godsplit", "apply", "--migrate")
    assert applied.stdout.count("verified") == 3, applied.stdout
    assert "GS507 info: import check" in applied.stdout
    settings = (root / "intelliwiz_config" / "settings.py").read_text()
    assert '"background_tasks.journal_wellness.crisis_intervention_tasks",' in settings
    assert '    "background_tasks.journal_wellness_tasks",' not in settings  # logger names stay

    left = run(root, "-m", "godsplit", "migrate", "--check", "--format", "json", check=False)
    assert left.returncode == 1
    uses = json.loads(left.stdout)["uses"]
    assert [(u["path"], u["kind"], u["name"]) for u in uses] == [
        ("tests/test_onboarding_tasks_phase2.py", "stays", "__all__"),
        ("tests/test_onboarding_tasks_phase2.py", "star", "*"),
    ]
    api_test = root / "tests" / "test_onboarding_tasks_phase2.py"
    text = api_test.read_text()
    assert OLD_API_TEST in text
    api_test.write_text(text.replace(OLD_API_TEST, ""))  # the hand edit: a test of the old API
    again = run(root, "-m", "godsplit", "migrate")
    assert "rewrote 1 use in 1 file" in again.stdout, again.stdout
    clean = run(root, "-m", "godsplit", "migrate", "--check")
    assert "no use of an old module left" in clean.stdout

    assert suite(root) == tests
    assert snapshot(root) == celery

    retired = run(root, "-m", "godsplit", "retire")
    assert retired.stdout.count("facade retired (deleted the old file") == 3, retired.stdout
    for name in SOURCES:
        assert not (root / "background_tasks" / f"{name}.py").exists()
    assert "[[split]]" not in (root / "godsplit.toml").read_text()

    assert suite(root) == tests
    assert snapshot(root) == celery
    roundtrip = run(root, "scripts/celery_probe.py", "roundtrip",
                    "background_tasks.journal_wellness_tasks.update_all_user_streaks", "[]")
    assert json.loads(roundtrip.stdout)["status"] == "SUCCESS"
