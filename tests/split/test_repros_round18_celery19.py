"""Bugs found in round 18 splitting real Celery task files (Weblate's
`weblate/trans/tasks.py`): each a minimal project, probed, planned or applied."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from godsplit.split import probe

from splitkit import apply, dedent, make_project

# Weblate's 28 tasks are `@app.task(...)` functions: what `task.delay(...)` takes is the
# function's signature. The import check compared the signatures and type hints of moved
# functions and classes only, and a task object is neither: `apply` said "the same
# signatures and type hints of 1 moved functions" for a file of 28 tasks and 1 function.
TASKS = """
    from __future__ import annotations

    from celery import Celery, shared_task

    app = Celery("proj", broker="memory://")


    class Report:
        pass


    @app.task(bind=True, max_retries=3)
    def bound(self, pk: int, report: Report | None = None) -> None:
        return None


    @app.task(trail=False)
    def plain(pk: int, *args: str, force: bool = False) -> int:
        return pk


    @shared_task
    def shared(name: str) -> str:
        return name


    def helper() -> None:
        return None
"""


def test_the_probe_describes_the_function_of_a_celery_task(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    (tmp_path / "celerytasks19.py").write_text(dedent(TASKS))
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("celerytasks19")
        details = probe.details(vars(module), ("celerytasks19",))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("celerytasks19", None)
    assert sorted(details) == ["Report", "bound", "helper", "plain", "shared"]
    assert details["bound"].startswith(
        "(self, pk: 'int', report: 'Report | None' = None) -> 'None' | ")
    assert details["plain"].startswith("(pk: 'int', *args: 'str', force: 'bool' = False) -> 'int'")
    assert details["shared"].startswith("(name: 'str') -> 'str' | ")


def test_verified_counts_the_signatures_of_the_moved_tasks(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = make_project(tmp_path, TASKS, {"work": ["bound", "plain", "Report"],
                                            "misc": ["shared", "helper"]}, default="work")
    result = apply(config)
    assert result.written
    [check] = [f for s in result.splits for f in s.findings if f.code == "GS400"]
    assert "the same signatures and type hints of 5 moved functions" in check.message
    assert "the same names of 3 Celery tasks" in check.message
