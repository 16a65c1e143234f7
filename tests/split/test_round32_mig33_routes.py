"""Round 32 (mig33): GS215 on a string naming a moved Celery task says how Celery finds it.

celery32 (MuckRock): `CELERY_TASK_ROUTES = {"muckrock.foia.tasks.send_fax": ...}` names a
task whose decorator gives `name="muckrock.foia.tasks.send_fax"` in the source; GS215 said
"the old module still gives it, so finding it by this dotted path keeps working". Celery
matches routes (and annotations, beat entries) by the task's name, not by importing a path:
the route matches because the split keeps the name. The note says so for a name given by
the source as for one godsplit pins; with pin-task-names off the task is renamed, and the
string no longer matches it (a warning, where the old note said it "still matches").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from godsplit.split.apply import references

from splitkit import make_project, plan_texts

SOURCE = """
    from celery import shared_task


    @shared_task(name="pkg.big.send_fax", rate_limit="15/m")
    def send_fax():
        return 1


    @shared_task
    def deliver():
        return 2


    def report():
        return 3
"""
MAPPING = {"sending": ["send_fax"], "delivery": ["deliver"], "reporting": ["report"]}
CELERY = '''
    task_routes = {"pkg.big.send_fax": {"queue": "fax"}}
    beat_schedule = {"d": {"task": "pkg.big.deliver"}}
    HOOK = "pkg.big.report"
'''


def _gs215(tmp_path: Path, **split: Any) -> dict[str, tuple[str, str]]:
    config = make_project(tmp_path, SOURCE, MAPPING, files={"proj/celery.py": CELERY}, **split)
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0]["pkg.big"]
    return {f.message.split(" ")[0]: (f.severity, f.message) for f in found if f.code == "GS215"}


def test_a_task_named_by_the_source_is_matched_by_its_name(tmp_path: Path) -> None:
    notes = _gs215(tmp_path)
    severity, fax = notes["'pkg.big.send_fax'"]
    assert severity == "info" and "names a moved Celery task" in fax, fax
    assert "dotted path" not in fax and "`name=` on its decorator in pkg.big.sending" in fax, fax
    assert "by task name" in fax, fax
    severity, deliver = notes["'pkg.big.deliver'"]  # pinned by godsplit: the same words
    assert severity == "info" and "`name=` on its decorator in pkg.big.delivery" in deliver
    assert "is pinned" not in fax + deliver
    severity, report = notes["'pkg.big.report'"]  # no task: a path, found by importing it
    assert severity == "info" and "names a member of the split module" in report, report
    assert "still gives it" in report and "task" not in report.lower(), report


def test_a_renamed_task_no_longer_matches(tmp_path: Path) -> None:
    notes = _gs215(tmp_path, **{"pin-task-names": False})
    severity, deliver = notes["'pkg.big.deliver'"]
    assert severity == "warning", deliver
    assert "'pkg.big.delivery.deliver'" in deliver and "no longer matches" in deliver, deliver
    severity, fax = notes["'pkg.big.send_fax'"]  # its name is the source's own: kept
    assert severity == "info" and "still matches" in fax, fax


def test_every_task_named_by_the_source(tmp_path: Path) -> None:
    """No task for godsplit to pin (no GS200): the route still names a task."""
    source = SOURCE.replace("@shared_task\n", '@shared_task(name="pkg.big.deliver")\n')
    config = make_project(tmp_path, source, MAPPING, files={"proj/celery.py": CELERY})
    plan, _ = plan_texts(config)
    assert not [f for f in plan.findings if f.code in ("GS200", "GS205")], plan.findings
    found = references(config, [plan], rewrite=False)[0]["pkg.big"]
    notes = {f.message.split(" ")[0]: f.message for f in found if f.code == "GS215"}
    assert "by task name" in notes["'pkg.big.send_fax'"], notes
    assert "`name=` on its decorator in pkg.big.delivery" in notes["'pkg.big.deliver'"], notes
