"""Round 30 (engine31, README item 27 "New: (b)"): GS135 for a Celery task decorator
factory called as an attribute of a project module the code imports (`import proj.factories
as factories`, `from proj import factories`, `import proj.factories`): in the module that
makes the decorator (`heavy_task = factories.queued("heavy")`), or in the god file itself
(`@factories.queued("heavy")`). The factory passes no `name=` on, so Celery names a moved
task after its new module: the plan said nothing, the import check found the renames
(GS414) and apply rolled back (with `verify-import = false`: a split that renamed them).
Now the move is GS135; with the tasks kept, the split is written and a real Celery app
registers the same names (the project's own test of them passes before and after)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits
from godsplit.types import Config

from splitkit import make_project, plan_texts, run_python

FACTORY = '''
    from celery import shared_task


    def queued(queue):
        return shared_task(acks_late=True, queue=queue)
'''
DECORATED = """
    from celery import shared_task

    {imports}


    @{decorator}
    def first():
        return 1


    @{decorator}
    def second():
        return 2


    @shared_task
    def third():
        return 3
"""
USE = "from proj.celery_utils import heavy_task"
# the module making the decorator (`celery_utils`) and the decorator the god file uses
CASES = {
    "import ... as, in the module making it": (
        'import proj.factories as factories\n\nheavy_task = factories.queued("heavy")\n',
        USE, "heavy_task", "`heavy_task` (imported from proj.celery_utils)"),
    "from package import module, in the module making it": (
        'from proj import factories\n\nheavy_task = factories.queued("heavy")\n',
        USE, "heavy_task", "`heavy_task` (imported from proj.celery_utils)"),
    "from . import module, in the module making it": (
        'from . import factories\n\nheavy_task = factories.queued("heavy")\n',
        USE, "heavy_task", "`heavy_task` (imported from proj.celery_utils)"),
    "import a.b, in the module making it": (
        'import proj.factories\n\nheavy_task = proj.factories.queued("heavy")\n',
        USE, "heavy_task", "`heavy_task` (imported from proj.celery_utils)"),
    "the factory called in the god file": (
        "", "from proj import factories", 'factories.queued("heavy")',
        "`factories.queued` (of proj.factories)"),
    "the factory called by its full name in the god file": (
        "", "import proj.factories", 'proj.factories.queued("heavy")',
        "`proj.factories.queued` (of proj.factories)"),
    "the decorator an attribute of the module making it": (
        'from proj import factories\n\nheavy_task = factories.queued("heavy")\n',
        "import proj.celery_utils as utils", "utils.heavy_task",
        "`utils.heavy_task` (of proj.celery_utils)"),
}
NAMES = "['proj.tasks.first', 'proj.tasks.second', 'proj.tasks.third']"
SUITE = f"""\
from celery import current_app

import proj.tasks


def test_task_names():
    assert sorted(n for n in current_app.tasks if n.startswith("proj.")) == {NAMES}
"""
RUN = """
    import sys, pytest
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests"]))
"""


def _files(utils: str) -> dict[str, str]:
    return {"proj/factories.py": FACTORY, "tests/test_names.py": SUITE,
            **({"proj/celery_utils.py": utils} if utils else {})}


def _config(root: Path, case: str, **split: object) -> tuple[Config, str]:
    utils, imports, decorator, _ = CASES[case]
    source = DECORATED.format(imports=imports, decorator=decorator)
    modules = {"a": ["first"], "b": ["second", "third"]} if "keep" not in split else {
        "b": ["third"]}
    return make_project(root, source, modules, path="proj/tasks.py", files=_files(utils),
                        **{"verify-import": False}, **split), source


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_factory_called_as_an_attribute_of_an_imported_module_is_gs135(
        tmp_path: Path, case: str) -> None:
    config, _ = _config(tmp_path, case)
    plan, _ = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS135", 6), ("GS135", 11)], [
        f.render() for f in plan.findings]
    assert CASES[case][3] in plan.errors[0].message, plan.errors[0].message


@pytest.mark.parametrize("case", ["from package import module, in the module making it",
                                  "the factory called in the god file"])
def test_celery_names_the_same_with_the_tasks_kept(tmp_path: Path, case: str) -> None:
    """The project's test of its task names passes before; apply writes nothing; with the
    advice followed (`keep`), the split is written and the test passes again."""
    pytest.importorskip("celery")
    config, _ = _config(tmp_path, case)
    assert "1 passed" in run_python(tmp_path, RUN)  # Celery's names before the split
    before = (tmp_path / "proj/tasks.py").read_text()
    assert not apply_splits(config).written
    assert (tmp_path / "proj/tasks.py").read_text() == before
    kept, _ = _config(tmp_path, case, keep=["first", "second"])
    result = apply_splits(kept)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    assert (tmp_path / "proj/tasks/b.py").is_file()
    assert "1 passed" in run_python(tmp_path, RUN)  # the same names after the split


def test_a_module_factory_that_makes_no_celery_task_is_left_alone(tmp_path: Path) -> None:
    """`factories.queued` returns a plain decorator: the tasks move, no GS135."""
    source = DECORATED.format(imports="from proj import factories",
                              decorator='factories.queued("heavy")')
    files = {"proj/factories.py": "def queued(queue):\n    return lambda f: f\n"}
    config = make_project(tmp_path, source, {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files=files)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]


def test_an_app_imported_from_a_module_is_no_module(tmp_path: Path) -> None:
    """`@app.task` with `from proj.celery_app import app`: `app` is an object, not a module
    (`proj.celery_app.app` is no file); Celery's own decorator, pinned as before."""
    source = DECORATED.format(imports="from proj.celery_app import app", decorator="app.task")
    files = {"proj/celery_app.py": 'from celery import Celery\n\napp = Celery("proj")\n'}
    config = make_project(tmp_path, source, {"a": ["first"], "b": ["second", "third"]},
                          path="proj/tasks.py", files=files)
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
