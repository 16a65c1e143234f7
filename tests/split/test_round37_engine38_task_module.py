"""Round 37 (engine38, README item 34): with keep-module-name, a moved Celery task's class
reports the old module.

Celery makes a class per task, `type(fun.__name__, (base,), dict({..., "__module__":
fun.__module__, ...}, **options))`, from the decorator's options: "any keyword argument
passed to the task decorator will actually be set as an attribute of the resulting task
class". So the decorator godsplit already edits (`name=` pinned) gets `__module__="<old
module>"` too, and the class, made lazily when the app finalizes, reports the old module:
what `Task.__reduce__` records in a pickled task, what the worker adds to `include`. No
code runs at import for it. The function's own
`__module__` (`task.run`, `__wrapped__`) still names the new module: the name binds a
lazy proxy, so keep-module-name cannot reach the function without making the task early
(`test_round36_engine37_task_class.py` pins that part, xfail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.migration.retire import retire

from splitkit import make_project, plan_texts, ruff_check, run_before_and_after

pytest.importorskip("celery")

SOURCE = '''
    from celery import Celery, shared_task

    app = Celery("pkg", broker="memory://")


    @app.task
    def add(x, y):
        return x + y


    @app.task(name="custom.mul", bind=True)
    def mul(self, x, y):
        return x * y


    @shared_task
    def sub(x, y):
        return x - y


    def helper():
        return 1
'''

CODE = """
    import pickle

    import pkg.big as m

    for proxy in (m.add, m.mul, m.sub):
        task = proxy._get_current_object()
        again = pickle.loads(pickle.dumps(task))
        print(task.name, type(task).__module__, task.__reduce__()[1], again is task, task(6, 3))
"""

MODULES = {"tasks": ["add", "mul", "sub"], "helpers": ["helper"]}


@pytest.mark.slow
def test_a_task_class_reports_the_old_module_with_keep_module_name(tmp_path: Path) -> None:
    before, after, _ = run_before_and_after(tmp_path, SOURCE, MODULES, CODE,
                                            **{"keep-module-name": True})
    assert before.splitlines() == [
        "pkg.big.add pkg.big ('pkg.big.add', 'pkg.big') True 9",
        "custom.mul pkg.big ('custom.mul', 'pkg.big') True 18",
        "pkg.big.sub pkg.big ('pkg.big.sub', 'pkg.big') True 3",
    ]
    assert after == before
    tasks = (tmp_path / "after/pkg/big/tasks.py").read_text()
    assert '@app.task(name="pkg.big.add", __module__="pkg.big")' in tasks
    assert '@app.task(name="custom.mul", bind=True, __module__="pkg.big")' in tasks
    assert ruff_check(tmp_path / "after", "pkg").returncode == 0
    # retire would leave `__module__` naming a module that is gone (and the worker's
    # `include` importing it): refused, as for keep-module-name's other renames
    (tmp_path / "after/godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\nkeep-module-name = true\n[split.modules]\n'
        'tasks = ["add", "mul", "sub"]\nhelpers = ["helper"]\n')
    retired = retire(load_config(tmp_path / "after/godsplit.toml"))
    assert not retired.written
    assert any(f.code == "GS512" and "tasks sets __module__" in f.message
               for s in retired.splits for f in s.findings)


def test_without_keep_module_name_the_decorator_gets_the_name_only(tmp_path: Path) -> None:
    _, texts = plan_texts(make_project(tmp_path, SOURCE, MODULES))
    tasks = texts["pkg/big/tasks.py"]
    assert "__module__" not in tasks
    assert '@app.task(name="pkg.big.add")' in tasks
    assert '@app.task(name="custom.mul", bind=True)' in tasks
