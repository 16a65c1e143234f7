"""Round 23's lead: a Celery task made by a decorator factory that cannot pass `name=` on.

`def fixed(queue): return app.task(queue=queue)`; `@fixed("a") def one()`: moved, Celery
names the task after its new module. The plan said nothing; apply's import check found the
rename (GS414) and rolled back. Now the plan says so (GS135) and suggest keeps the task."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.split.plan import plan_split
from godsplit.suggester.core import suggest

from splitkit import make_project

APP = "from celery import Celery\n\napp = Celery('proj')\n"
TASKS = '''\
from proj.celery_app import app


def {factory}:
    return app.task({args})


@fixed("a")
def one():
    return 1


def helper():
    return 2
'''


def _codes(tmp_path: Path, factory: str, args: str, **split: object) -> list[str]:
    config = make_project(tmp_path, TASKS.format(factory=factory, args=args),
                          {"first": ["one"], "second": ["helper"]}, path="proj/tasks.py",
                          files={"proj/celery_app.py": APP}, **split)
    plan, _ = plan_split(config, config.splits[0])
    return [f"{f.code} {f.severity} {f.line}" for f in plan.findings if f.code == "GS135"]


def test_a_factory_that_cannot_pass_name_on_is_a_plan_error(tmp_path: Path) -> None:
    assert _codes(tmp_path, "fixed(queue)", "queue=queue") == ["GS135 error 8"]


def test_a_factory_passing_its_options_on_is_pinned_instead(tmp_path: Path) -> None:
    assert _codes(tmp_path, "fixed(queue, **options)", "queue=queue, **options") == []


def test_renames_accepted_make_it_a_warning(tmp_path: Path) -> None:
    assert _codes(tmp_path, "fixed(queue)", "queue=queue",
                  **{"pin-task-names": False}) == ["GS135 warning 8"]


def test_not_celery_is_not_a_task(tmp_path: Path) -> None:
    config = make_project(tmp_path, TASKS.format(factory="fixed(queue)", args="queue=queue")
                          .replace("from proj.celery_app import app", "from invoke import app"),
                          {"first": ["one"], "second": ["helper"]}, path="proj/tasks.py")
    plan, _ = plan_split(config, config.splits[0])
    assert not [f for f in plan.findings if f.code == "GS135"]


def test_suggest_keeps_such_a_task(tmp_path: Path) -> None:
    make_project(tmp_path, TASKS.format(factory="fixed(queue)", args="queue=queue")
                 + "".join(f"\n\ndef extra_{i}():\n    return {i}\n" for i in range(40)),
                 {"first": ["one"]}, path="proj/tasks.py", files={"proj/celery_app.py": APP})
    result = suggest(tmp_path / "proj/tasks.py", parse_config({}, tmp_path / "godsplit.toml"),
                     max_lines=60)
    assert result.errors == ()
    assert not any("one" in m.mapped for m in result.modules)
