"""Round 28 (trial29): grand-challenge.org's `app/grandchallenge/components/tasks.py` (1,519
lines, 25 Celery tasks). 21 of them are made by `@acks_late_2xlarge_task` or
`@acks_late_micro_short_task`, imported from `grandchallenge.core.celery`, where each is an
instance of `AcksLateTaskDecorator`: its `__call__` wraps the function (`functools.wraps`,
which copies `__module__`) and returns `shared_task(acks_late=True, queue=...)(wrapper)`.
Celery names such a task after the module the function is defined in, so a moved one is
renamed (`grandchallenge.components.tasks.images.remove_inactive_container_images`), and
the beat schedule in `config/settings.py`, which names the old one, would queue a task no
worker knows. The decorator takes no `name=`, so godsplit cannot pin it. On main the plan
said nothing about those 21 tasks (0 errors with `verify-import = false`, as the project
needs PostgreSQL and Redis; GS215 even said the beat entry's dotted path "keeps working"),
and apply wrote the split "checked statically"; where the import check can run, it found
the rename (GS414) in the plan's scratch copy and in apply, which rolled back. Now the move
is GS135, found statically, as for a factory of the god file itself that does not pass
`name=` on (round 23)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts

_DECORATOR_CLASS = '''
    from functools import wraps

    from celery import shared_task


    class QueueTaskDecorator:
        def __init__(self, queue):
            self.queue = queue

        def __call__(self, func=None, *, retry_on=()):
            if func is None:
                return lambda func: self._decorator(func=func, retry_on=retry_on)
            return self._decorator(func=func, retry_on=retry_on)

        def _decorator(self, *, func, retry_on):
            @wraps(func)
            def wrapper(*args, **kwargs):
                return func(*args, **kwargs)

            return shared_task(acks_late=True, queue=self.queue)(wrapper)


    heavy_task = QueueTaskDecorator("heavy")
'''

_FUNCTION = '''
    from functools import wraps

    from celery import shared_task


    def heavy_task(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        return shared_task(queue="heavy")(wrapper)
'''

SOURCE = """
    from celery import shared_task

    from proj.celery_utils import heavy_task


    @heavy_task
    def first():
        return 1


    @heavy_task(retry_on=(ValueError,))
    def second():
        return 2


    @shared_task
    def third():
        return 3
"""

_NAMES = """
    import proj.tasks
    from celery import current_app
    print(sorted(n for n in current_app.tasks if n.startswith("proj.")))
"""


def _names(root: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", _NAMES.replace("\n    ", "\n")], cwd=root,
                          capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_task_made_by_an_imported_decorator_instance_that_takes_no_name_is_gs135(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files={"proj/celery_utils.py": _DECORATOR_CLASS})
    # what Celery registers before the split: the decorator's task is named after the module
    assert _names(tmp_path) == "['proj.tasks.first', 'proj.tasks.second', 'proj.tasks.third']\n"
    plan, texts = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS135", 6), ("GS135", 11)], [
        f.render() for f in plan.findings]
    message = plan.errors[0].message
    assert "`heavy_task`" in message and "proj.celery_utils" in message, message
    # the task of Celery's own decorator is still pinned, not refused
    assert '@shared_task(name="proj.tasks.third")' in texts["proj/tasks/b.py"]


def test_a_task_made_by_an_imported_decorator_function_that_takes_no_name_is_gs135(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE.replace("(retry_on=(ValueError,))", ""),
                          {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files={"proj/celery_utils.py": _FUNCTION})
    plan, _ = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS135", 6), ("GS135", 11)], [
        f.render() for f in plan.findings]


def test_a_task_kept_in_the_old_module_needs_no_pin(tmp_path: Path) -> None:
    """The decorated functions stay (`keep`): nothing moves, nothing is refused."""
    config = make_project(tmp_path, SOURCE, {"b": ["third"]}, path="proj/tasks.py",
                          keep=["first", "second"],
                          files={"proj/celery_utils.py": _DECORATOR_CLASS})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]


def test_a_project_decorator_that_is_no_celery_task_is_left_alone(tmp_path: Path) -> None:
    """A project's own decorator class, in a module that does not use Celery: no GS135."""
    files = {"proj/celery_utils.py": _DECORATOR_CLASS.replace(
        "from celery import shared_task", "def shared_task(**options):\n"
        "        return lambda f: f")}
    config = make_project(tmp_path, SOURCE.replace("    from celery import shared_task\n", "")
                          .replace("@shared_task\n", "@heavy_task\n"),
                          {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files=files)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
