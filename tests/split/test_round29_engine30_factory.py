"""Round 29 (engine30, README item 26 "New: (b)"): GS135 for a task decorator the god file
imports from a module of the project followed re-exports, functions and instances of a
class of that module, but not a decorator made there by calling a factory (a function or
a class) imported from a third module: module A defines the factory, module B calls it
(`heavy_task = queued("heavy")`), the god file does `from proj.celery_utils import
heavy_task`. Celery names such a task after the module its function is defined in, and
the factory passes no `name=` on, so a moved task was renamed (`proj.tasks.a.first`):
the plan said nothing, apply wrote the split "checked statically" with `verify-import =
false`, and the project's test of its task names failed after it. Now the move is GS135;
the tasks kept (`keep`), the split is written and Celery's names are the same. The same
for a factory that passes its `**options` on but is called without them (`queued("heavy")`:
the decorator it makes cannot take `name=`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_repros_round28_trial29 import _DECORATOR_CLASS, SOURCE

from godsplit.split.apply import apply_splits

from splitkit import make_project, plan_texts, run_python

_CLASS = _DECORATOR_CLASS.replace('\n    heavy_task = QueueTaskDecorator("heavy")\n', "")
_FACTORY = '''
    from celery import shared_task


    def queued(queue):
        return shared_task(acks_late=True, queue=queue)
'''
# module A (the factory), module B (calls it: the decorator the god file imports)
CASES = {
    "a factory function of a third module": (
        {"proj/factories.py": _FACTORY,
         "proj/celery_utils.py": 'from proj.factories import queued\n\nheavy_task = queued("heavy")\n'},
        "proj.celery_utils"),
    "a decorator class of a third module, imported relatively": (
        {"proj/decorators.py": _CLASS, "proj/celery_utils.py":
         'from .decorators import QueueTaskDecorator\n\nheavy_task = QueueTaskDecorator("heavy")\n'},
        "proj.celery_utils"),
    "a factory function re-exported, called in a package": (
        {"proj/factories.py": _FACTORY, "proj/util/__init__.py": "from ..factories import queued\n",
         "proj/celery_utils.py": 'from proj.util import queued\n\n'
                                 'heavy_task = queued(queue="heavy")\n'},
        "proj.celery_utils"),
    "a factory of a third module passing its options on, called without them": (
        {"proj/factories.py": _FACTORY.replace("(queue)", "(queue, **options)").replace(
            "queue=queue)", "queue=queue, **options)"),
         "proj/celery_utils.py": 'from proj.factories import queued\n\nheavy_task = queued("heavy")\n'},
        "proj.celery_utils"),
    "a factory function of the same module": (
        {"proj/celery_utils.py": _FACTORY + '\n\n    heavy_task = queued("heavy")\n'},
        "proj.celery_utils"),
}
NAMES = "['proj.tasks.first', 'proj.tasks.second', 'proj.tasks.third']"
SUITE = f"""\
from celery import current_app

import proj.tasks


def test_task_names():
    assert sorted(n for n in current_app.tasks if n.startswith("proj.")) == {NAMES}
    assert proj.tasks.first.delay is not None
"""
RUN = """
    import sys, pytest
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests"]))
"""


def _source(case: str) -> str:
    return SOURCE if "class" in case else SOURCE.replace("(retry_on=(ValueError,))", "")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_task_of_a_decorator_made_by_a_factory_of_another_module_is_gs135(
        tmp_path: Path, case: str) -> None:
    files, source = CASES[case]
    files = {**files, "tests/test_names.py": SUITE}
    config = make_project(tmp_path, _source(case), {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files=files, **{"verify-import": False})
    assert "1 passed" in run_python(tmp_path, RUN)  # Celery's names before the split
    plan, _ = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS135", 6), ("GS135", 11)], [
        f.render() for f in plan.findings]  # (before the fix: no error, and a split that
    assert f"`heavy_task` (imported from {source})" in plan.errors[0].message  # renamed them)
    before = (tmp_path / "proj/tasks.py").read_text()
    assert not apply_splits(config).written
    assert (tmp_path / "proj/tasks.py").read_text() == before
    # the advice followed: the two tasks stay, the third moves with its name pinned
    kept = make_project(tmp_path, _source(case), {"b": ["third"]}, path="proj/tasks.py",
                        keep=["first", "second"], **{"verify-import": False})
    result = apply_splits(kept)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    assert (tmp_path / "proj/tasks/b.py").is_file()
    assert "1 passed" in run_python(tmp_path, RUN)  # the same names after the split


def test_a_factory_of_another_module_that_makes_no_celery_task_is_left_alone(
        tmp_path: Path) -> None:
    """A factory of module A that returns a plain decorator (no Celery): no GS135."""
    files = {"proj/factories.py": "def queued(queue):\n    return lambda f: f\n",
             "proj/celery_utils.py": 'from proj.factories import queued\n\n'
                                     'heavy_task = queued("heavy")\n'}
    config = make_project(tmp_path, SOURCE.replace("(retry_on=(ValueError,))", ""),
                          {"a": ["first"], "b": ["second", "third"]}, path="proj/tasks.py",
                          files=files)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
