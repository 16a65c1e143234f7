"""A Celery workflow (a task that composes other tasks' signatures into a chain, group
or chord) is grouped as one: maintainers keep a workflow with the task that starts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import graph
from godsplit.suggester.core import suggest

STEPS = ["fetch", "parse", "score", "store", "notify"]
TOPICS = ["archive", "billing", "reports"]


def _helper(prefix: str, index: int, body: int) -> list[str]:
    return [f"def _{prefix}_helper_{index}(value):", f'    """{prefix} helper {index}."""',
            *[f"    value = value + {j}  # {prefix} step {j}" for j in range(body)],
            "    return value", "", ""]


def workflow_source(body: int = 12) -> str:
    """Tasks on three topics, and a five-step workflow started by `run_pipeline`; each
    step reads helpers of its own (so that reads alone tie the steps to their helpers,
    not to each other), and the helpers are spread over the file."""
    out = ['"""Generated Celery tasks."""', "from celery import chain, shared_task", "", ""]
    for step in STEPS:
        out += [line for i in range(3) for line in _helper(step, i, body)]
        out += ["@shared_task", f"def {step}_step(payload):",
                *[f"    payload = _{step}_helper_{i}(payload)" for i in range(3)],
                "    return payload", "", ""]
    for topic in TOPICS:
        out += [line for i in range(4) for line in _helper(topic, i, body)]
        for verb in ("sync", "purge"):
            out += ["@shared_task", f"def {verb}_{topic}(key):",
                    *[f"    key = _{topic}_helper_{i}(key)" for i in range(4)],
                    "    return key", "", ""]
    out += ["@shared_task", "def run_pipeline(payload):", "    workflow = chain(",
            *[f"        {step}_step.s({'payload' if not i else ''})," for i, step in
              enumerate(STEPS)], "    )", "    return workflow.apply_async().id", ""]
    return "\n".join(out)


def _graph(tmp_path: Path, text: str) -> graph.Graph:
    source = tmp_path / "tasks.py"
    source.write_text(text)
    return graph.build_graph(analyze(read_source(source)), ("shared_task",))


def test_a_workflow_is_one_bond(tmp_path: Path) -> None:
    g = _graph(tmp_path, workflow_source())
    labels = [sorted(g.nodes[n].label for n in bond) for bond in g.bonds]
    assert labels == [sorted([*(f"{s}_step" for s in STEPS), "run_pipeline"])]


@pytest.mark.parametrize("call", ["delay", "apply_async"])
def test_sending_a_task_is_no_workflow(tmp_path: Path, call: str) -> None:
    """`.delay()` hands work to another task (a nightly job fanning out over domains):
    only signatures composed into a workflow bind tasks."""
    text = ("from celery import shared_task\n\n\n@shared_task\ndef a():\n    return 1\n\n\n"
            f"@shared_task\ndef b():\n    return a.{call}()\n")
    assert _graph(tmp_path, text).bonds == []


def test_a_local_name_is_not_the_task(tmp_path: Path) -> None:
    text = ("from celery import shared_task\n\n\n@shared_task\ndef a():\n    return 1\n\n\n"
            "@shared_task\ndef b(a):\n    return a.s()\n\n\n"
            "def c():\n    return a.s()\n")
    assert _graph(tmp_path, text).bonds == []  # b's `a` is a parameter; c is no task


FACTORY = """from functools import wraps

from celery import chain, shared_task


def logged_task(**options):
    def wrap(task):
        @wraps(task)
        def run(self, *args):
            return task(self, *args)
        return shared_task(bind=True, **options)(run)
    return wrap


def singleton_task(**options):
    return logged_task(**options)


@singleton_task()
def power_off(self, vm):
    return vm


@logged_task()
def delete(self, vm):
    return vm


@singleton_task()
def kill(self, vm):
    return chain(power_off.si(vm), delete.si(vm))()


def helper(task):
    return task()
"""


def test_a_decorator_the_file_defines_with_shared_task_makes_tasks(tmp_path: Path) -> None:
    """Projects wrap Celery's decorator in their own (`@singleton_task()` adds a lock):
    the tasks they make compose workflows too."""
    g = _graph(tmp_path, FACTORY)
    found = graph.task_factories(analyze(read_source(tmp_path / "tasks.py")), ("shared_task",))
    assert found == ("shared_task", "logged_task", "singleton_task")
    labels = [sorted(g.nodes[n].label for n in bond) for bond in g.bonds]
    assert labels == [["delete", "kill", "power_off"]]


def test_the_workflow_ends_in_one_module(tmp_path: Path) -> None:
    """The steps, their helpers and the topics' tasks make about five modules; the
    workflow's five steps and the task that chains them share one."""
    source = tmp_path / "tasks.py"
    source.write_text(workflow_source())
    made = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 300)
    assert not made.errors
    module_of = {name: m.name for m in made.modules for name in m.mapped}
    flow = {module_of[f"{s}_step"] for s in STEPS} | {module_of["run_pipeline"]}
    assert len(flow) == 1
    assert len(made.modules) >= 3
    (module,) = [m for m in made.modules if m.name in flow]
    assert "workflow: run_pipeline composes fetch_step, parse_step, score_step and 2 more" in (
        module.why)


@pytest.mark.parametrize("k", [2, 9, 30])
def test_modules_stay_exact_with_a_workflow(tmp_path: Path, k: int) -> None:
    """A workflow is one piece only while that helps: with more modules asked for than
    pieces, or a module too small to hold it, --modules K still gives K modules."""
    source = tmp_path / "tasks.py"
    source.write_text(workflow_source())
    made = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 300, modules=k)
    assert len(made.modules) == k
    assert not made.errors
