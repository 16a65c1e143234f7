"""Round 24 (smalls24): small true defects of README items 19 and 20."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts

_CYCLE = """
    def associate_related_instances_with_docket(x):
        return first_helper_function_name(x) + 1


    def first_helper_function_name(x):
        if x:
            return associate_related_instances_with_docket(x - 1)
        return 0
"""
_MODULES = {"associate_related": ["associate_related_instances_with_docket"],
            "mark_pq_items": ["first_helper_function_name"]}
_RUFF = '[tool.ruff]\nline-length = 79\n[tool.ruff.lint]\nselect = ["E", "F", "I", "UP", "W"]\n'
_PRE_COMMIT = ("repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
               "    rev: v{}\n    hooks:\n      - id: ruff\n")


@pytest.mark.parametrize("pin", ["0.14.11", None])
def test_noqa_cycle_import_wrapped_for_an_older_pinned_ruff_not_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str | None) -> None:
    """CourtListener pins ruff 0.14.11 in pre-commit only (not installed here): godsplit
    sorts with its own ruff (0.17+, which does not count a `# noqa` comment's width), and
    ruff 0.14.11 then wanted the 87-column cycle import wrapped (I001). The import is
    written wrapped with its noqa on the first line: clean under both ruffs, E402 still
    suppressed. Without a pin too (round 28, quality29: babel's sdist names no ruff, its
    repository pins 0.5.1): the project's ruff may be any version, and the wrapped form is
    the one every version leaves alone."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "no-pre-commit"))
    files = {"pyproject.toml": _RUFF}
    if pin is not None:
        files[".pre-commit-config.yaml"] = _PRE_COMMIT.format(pin)
    plan, texts = plan_texts(make_project(tmp_path, _CYCLE, _MODULES, path="cl/recap/tasks.py",
                                          files=files))
    assert not plan.errors
    text = texts["cl/recap/tasks/mark_pq_items.py"]
    one_line = "from .associate_related import associate_related_instances_with_docket  # noqa: E402\n"
    wrapped = ("from .associate_related import (  # noqa: E402\n"
               "    associate_related_instances_with_docket,\n)\n")
    assert wrapped in text and one_line not in text
    if pin is not None:
        [warning] = [f.message for f in plan.findings if f.code == "GS221"]
        assert "pre-commit's cache" in warning.split("godsplit runs its own")[0], warning
        assert "in pre-commit's cache (`pre-commit install-hooks` puts it there)" in warning


def test_a_long_running_process_sees_a_changed_config(tmp_path: Path) -> None:
    """The Python API in an editor or a server: a ruff config, an isort config or a ruff
    pin changed between two calls is read again (the parsed files were cached per path)."""
    import os

    from godsplit.split.isort_config import isort_settings
    from godsplit.split.ruff_pin import project_ruff
    from godsplit.split.ruff_tool import ruff_binary
    from godsplit.split.style import detect_style

    (tmp_path / ".git").mkdir()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.ruff]\nline-length = 79\n")
    (tmp_path / "setup.cfg").write_text("[isort]\nline_length = 70\n")
    assert detect_style(tmp_path).line_length == 79
    first = isort_settings(detect_style(tmp_path)).line_length
    assert project_ruff((tmp_path,), ruff_binary()).pin is None
    before = os.stat(pyproject).st_mtime_ns
    pyproject.write_text("[tool.ruff]\nline-length = 100\n")  # the same size
    os.utime(pyproject, ns=(before + 10**9, before + 10**9))  # a coarse clock: later anyway
    assert detect_style(tmp_path).line_length == 100
    (tmp_path / "setup.cfg").write_text("[isort]\nline_length = 61\n")
    assert (first, isort_settings(detect_style(tmp_path)).line_length) == (70, 61)
    (tmp_path / ".pre-commit-config.yaml").write_text(_PRE_COMMIT.format("0.14.11"))
    pin = project_ruff((tmp_path,), ruff_binary()).pin
    assert pin is not None and pin.version == "0.14.11"


@pytest.mark.slow
def test_verify_imports_the_old_text_with_todays_other_modules(tmp_path: Path) -> None:
    """20(f): verify counts the names before the split by importing the old text (it binds
    names at run time) in a scratch copy of today's tree, not the tree of the split's
    commit: a module it star-imports that gained a name since is no new name of the split,
    and no false GS403 when it loses one. It says so."""
    import subprocess

    from godsplit.split.history import verify_split

    from splitkit import apply

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       cwd=tmp_path, check=True, capture_output=True)

    source = '''
        from pkg.colors import *


        def alpha():
            return RED


        def beta():
            return alpha()
    '''
    config = make_project(tmp_path, source, {"one": ["alpha"], "two": ["beta"]},
                          files={"pkg/colors.py": "RED = 1\nGREEN = 2\n"})
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "before the split")
    result = apply(config)
    assert result.written and not result.errors, result.errors
    git("add", "-A")
    git("commit", "-qm", "the split")
    (tmp_path / "pkg/colors.py").write_text("RED = 1\nBLUE = 3\n")  # later, not the split
    git("commit", "-qam", "colors changed")
    findings = verify_split(config, config.splits[0], None)
    assert not [f for f in findings if f.severity == "error"], findings
    [verified] = [f.message for f in findings if f.code == "GS400"]
    assert "imported with today's other modules), and 1 new: `__all__`" in verified, verified
    assert "BLUE" not in verified.split("the same")[1]


def test_lint_benchmark_lints_a_god_file_the_project_excludes(tmp_path: Path) -> None:
    """20(g): httplib2's flake8 `exclude = ..._*` skips its god file `__init__.py`, not
    the new modules: benchmarks/lint_realworld.py counted the moved code's old findings as
    new. The god file (before) and the new files (after) are linted under the same rules."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import lint_realworld as lint

    (tmp_path / "setup.cfg").write_text("[flake8]\nexclude = .git,_*\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("import os\n")  # F401
    (tmp_path / "pkg" / "client.py").write_text("import os\n")
    bin_dir = Path(sys.executable).parent
    flake8 = lint.Tool("flake8", (), "flake8")
    for tool, code in ((flake8, "F401"), (lint.RUFF, "F401")):
        found = lint.findings(tmp_path, bin_dir, (tool,), ["pkg/__init__.py", "pkg/client.py"])
        assert sorted((f.path, f.code) for f in found.findings) == [
            ("pkg/__init__.py", code), ("pkg/client.py", code)], found
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nforce-exclude = true\nextend-exclude = ["pkg/__init__.py"]\n')
    found = lint.findings(tmp_path, bin_dir, (lint.RUFF,), ["pkg/__init__.py"])
    assert [(f.path, f.code) for f in found.findings] == [("pkg/__init__.py", "F401")]


# 19(h): a Celery task decorator known under an alias was followed one hop only. Celery
# names a task after its module: a moved task left unpinned gets another name (a worker
# and a beat schedule that route by the old name miss it).
_CELERY_APP = {"proj/celery.py": 'from celery import Celery\n\napp = Celery("proj")\n'}


def _pinned(tmp_path: Path, source: str, files: dict[str, str]) -> str:
    plan, texts = plan_texts(make_project(tmp_path, source, {"a": ["first"], "b": ["second"]},
                                          path="proj/tasks.py", files=files))
    assert not plan.errors, plan.errors
    return texts["proj/tasks/a.py"] + texts["proj/tasks/b.py"]


def test_celery_app_reexported_through_a_chain_is_pinned(tmp_path: Path) -> None:
    """`from proj.base import celery_app`, where `proj/base.py` has `from proj.celery
    import app as celery_app` (and `proj/celery.py` makes the app): the app is Celery's."""
    files = {**_CELERY_APP, "proj/base.py": "from proj.celery import app as celery_app\n",
             "proj/api.py": "from proj.base import celery_app\n"}
    source = """
        from proj.api import celery_app


        @celery_app.task
        def first():
            return 1


        @celery_app.task(bind=True)
        def second(self):
            return 2
    """
    text = _pinned(tmp_path, source, files)
    assert '@celery_app.task(name="proj.tasks.first")' in text
    assert '@celery_app.task(bind=True, name="proj.tasks.second")' in text


def test_task_decorator_alias_through_a_chain_of_reexports_is_pinned(tmp_path: Path) -> None:
    """Nautobot's `nautobot_task = shared_task`, re-exported by a second module."""
    files = {"proj/celery_utils.py": "from celery import shared_task\n\nnautobot_task = shared_task\n",
             "proj/core.py": "from proj.celery_utils import nautobot_task as job\n"}
    source = """
        from proj.core import job


        @job
        def first():
            return 1


        @job(queue="slow")
        def second():
            return 2
    """
    text = _pinned(tmp_path, source, files)
    assert '@job(name="proj.tasks.first")' in text
    assert '@job(queue="slow", name="proj.tasks.second")' in text


def test_task_decorator_factory_passing_its_options_on_is_pinned(tmp_path: Path) -> None:
    """`def job(**options): return app.task(queue="jobs", **options)`: `@job(bind=True)`
    makes a Celery task named after its module; one imported from a project module too.
    A factory that does not pass its options on could not take `name=`: its task is not
    pinned, and moving it is a plan error (GS135, round 23's lead: the import check found
    the rename, GS414, and apply rolled back)."""
    files = {**_CELERY_APP, "proj/helpers.py": (
        "from proj.celery import app\n\n\ndef slow_task(**options):\n"
        '    """A task on the slow queue."""\n    return app.task(queue="slow", **options)\n')}
    source = """
        from proj.celery import app
        from proj.helpers import slow_task


        def job(**options):
            return app.task(queue="jobs", **options)


        def fixed(queue):
            return app.task(queue=queue)


        @job(bind=True)
        def first(self):
            return 1


        @slow_task()
        def second():
            return 2


        @fixed("x")
        def third():
            return 3
    """
    plan, texts = plan_texts(make_project(
        tmp_path, source, {"a": ["first", "job", "fixed"], "b": ["second", "third"]},
        path="proj/tasks.py", files=files))
    assert [(f.code, f.line) for f in plan.errors] == [("GS135", 23)]
    assert '@job(bind=True, name="proj.tasks.first")' in texts["proj/tasks/a.py"]
    assert '@slow_task(name="proj.tasks.second")' in texts["proj/tasks/b.py"]
    assert '@fixed("x")\n' in texts["proj/tasks/b.py"]


def test_suggest_reads_task_decorators_with_their_aliases(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """suggest's grouping and size estimate read the task decorators as plan does."""
    from godsplit.suggester import core

    seen: list[tuple[str, ...]] = []
    build = core.build_graph

    def spy(analysis, decorators):  # type: ignore[no-untyped-def]
        seen.append(tuple(decorators))
        return build(analysis, decorators)

    monkeypatch.setattr(core, "build_graph", spy)
    config = make_project(tmp_path, """
        from celery import shared_task

        job = shared_task


        @job
        def first():
            return 1


        @job
        def second():
            return first()
    """, {"a": ["first"]}, path="proj/tasks.py")
    core.suggest(config.splits[0].source, config)
    assert seen and all("job" in decorators for decorators in seen)


# 20 (item 19(m)'s rest): GS143 warned at a Django-style `help = "..."` class attribute that
# opens with the old qualified name. A command class gives it to argparse as the parser's
# description: text nothing compares with a repr. Another class's `help`, and a command
# whose `help` the file reads otherwise than by `self.help`, still warn.
_SPAWN = """
    def spawn(command):
        return command


    def timeout(d):
        return d
"""
_COMMAND = '''
    from django.core.management.base import BaseCommand

    from pkg.big import spawn


    class Command(BaseCommand):
        help = "pkg.big.spawn, from manage.py"

        def handle(self, *args, **options):
            self.stdout.write(self.help)
            return spawn(args)


    class Registry:
        help = "pkg.big.timeout is looked up by this name"
'''
_READ = '''
    from django.core.management import base


    class Command(base.BaseCommand):
        help = "pkg.big.spawn, from manage.py"


    LOOKUP = {Command.help: 1}
'''


def test_gs143_skips_a_command_class_help(tmp_path: Path) -> None:
    from godsplit.split.apply import plan_splits

    config = make_project(tmp_path, _SPAWN, {"running": ["spawn", "timeout"]},
                          files={"pkg/management/commands/run.py": _COMMAND,
                                 "pkg/management/commands/read.py": _READ})
    result = plan_splits(config, import_check=False)
    found = sorted((f.path.rsplit("/", 1)[1], f.line) for s in result.splits
                   for f in s.findings if f.code == "GS143")
    assert found == [("read.py", 5), ("run.py", 15)], found
