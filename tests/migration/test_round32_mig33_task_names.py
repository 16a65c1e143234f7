"""Round 32 (mig33): what migrate's GS504 says of a string naming a Celery task.

celery32 (MuckRock): 14 of the 19 tasks had `name=` in the source, and GS504 said of each
"the task's name is pinned", which is what godsplit does to a task without one. The note
now says where the name comes from in both cases (the decorator's `name=` in the new
module); a string that is not the task's name (`name="nightly-report"`, or pin-task-names
off, where the task is renamed) is a dotted path to the function and follows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from godsplit.migration.core import MigrateResult, migrate

from splitkit import apply, dedent, make_project

SOURCE = """
    \"\"\"Big module.\"\"\"
    from celery import shared_task


    def helper():
        return 1


    @shared_task
    def pinned_job():
        return helper()


    @shared_task(name="pkg.big.given_job")
    def given_job():
        return helper()


    @shared_task(name="nightly-report")
    def other_job():
        return helper()
"""
MAPPING = {"base": ["helper"], "jobs": ["pinned_job", "given_job", "other_job"]}
SETTINGS = """
    BEAT = {
        "a": {"task": "pkg.big.pinned_job"},
        "b": {"task": "pkg.big.given_job"},
        "c": {"task": "pkg.big.other_job"},
    }
"""


def _migrated(tmp_path: Path, **split: Any) -> tuple[str, MigrateResult]:
    config = make_project(tmp_path, SOURCE, MAPPING, files={"conf/settings.py": SETTINGS},
                          package="pkg/parts", **{"verify-import": False}, **split)
    assert apply(config).written
    result = migrate(config)
    return (tmp_path / "conf/settings.py").read_text(), result


def test_gs504_says_where_the_task_name_comes_from(tmp_path: Path) -> None:
    after, result = _migrated(tmp_path)
    notes = {n.line: n.message for n in result.notes if n.code == "GS504"}
    assert sorted(notes) == [2, 3], result.notes
    for message in notes.values():
        assert "is pinned" not in message, message
        assert "`name=` on its decorator in pkg.parts.jobs" in message, message
    assert "'pkg.big.pinned_job' is the name of Celery task pinned_job" in notes[2]
    assert "'pkg.big.given_job' is the name of Celery task given_job" in notes[3]
    # `other_job` is named "nightly-report": the string is a path to the function
    assert '"c": {"task": "pkg.parts.jobs.other_job"}' in after, after
    assert '"pkg.big.pinned_job"' in after and '"pkg.big.given_job"' in after, after


def test_a_renamed_task_is_no_pinned_name(tmp_path: Path) -> None:
    after, result = _migrated(tmp_path, **{"pin-task-names": False})
    notes = [n for n in result.notes if n.code == "GS504"]
    assert [n.line for n in notes] == [3], notes  # only the name the source gives stays
    assert after == dedent(SETTINGS).replace("pkg.big.pinned_job", "pkg.parts.jobs.pinned_job") \
        .replace("pkg.big.other_job", "pkg.parts.jobs.other_job"), after
