"""Round 38, engine39 (README item 35): with keep-module-name, a Celery task made by a call
with its own name (`app.task(f, name="x")`) reports the old module too.

Round 37 gave `__module__="<old module>"` to the task decorators and to the calls whose task
name godsplit pins (`app.task(f)`): Celery sets each option as an attribute of the task's
class. A call that names its task itself (`name=`) needs no pinned name, so it was left as
written. Where the task is made lazily (a proxy, made when the app finalizes), its class
took `_add.__module__` after keep-module-name had renamed `_add`; where the app is finalized
already, the task is made while the new module runs, and its class reported the new module
(`Task.__reduce__`, the worker's `include`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, run_before_and_after

pytest.importorskip("celery")

SOURCE = '''
    from celery import Celery

    app = Celery("pkg", broker="memory://")
    app.finalize()  # the app's tasks are made at once: no lazy proxy


    def _add(x, y):
        return x + y


    add = app.task(_add, name="custom.add")


    def helper():
        return 1
'''

CODE = """
    import pickle

    import pkg.big as m

    task = m.add
    again = pickle.loads(pickle.dumps(task))
    print(task.name, type(task).__module__, task.__reduce__()[1], again is task, task(6, 3))
"""

MODULES = {"tasks": ["_add", "add"], "helpers": ["helper"]}


@pytest.mark.slow
def test_a_task_call_with_its_own_name_reports_the_old_module(tmp_path: Path) -> None:
    before, after, _ = run_before_and_after(tmp_path, SOURCE, MODULES, CODE,
                                            **{"keep-module-name": True})
    assert before == "custom.add pkg.big ('custom.add', 'pkg.big') True 9\n"
    assert after == before
    tasks = (tmp_path / "after/pkg/big/tasks.py").read_text()
    assert 'add = app.task(_add, name="custom.add", __module__="pkg.big")' in tasks, tasks


def test_without_keep_module_name_the_call_is_left_as_written(tmp_path: Path) -> None:
    _, texts = plan_texts(make_project(tmp_path, SOURCE, MODULES))
    assert 'add = app.task(_add, name="custom.add")\n' in texts["pkg/big/tasks.py"]
    assert "__module__" not in texts["pkg/big/tasks.py"]
