"""Bugs found in round 14 splitting real Celery task files of Flask and Django projects
(Netflix's lemur `lemur/common/celery.py`, DefectDojo's `dojo/jira/helper.py`): each a
minimal `pkg/big.py`, planned and applied; a clean plan must not roll back, and a split
said to be verified must register the same Celery task names."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.celery_names import celery_roots

from splitkit import dedent, make_project, plan_texts, ruff_check, run_python, same_behaviour

# Flask's documented pattern (lemur's `celery.py`): the app comes from a factory function
# of the same module, `celery_app = make_celery(flask_app)`. godsplit took `celery_app`
# for another library's object (GS219), left the 24 task names unpinned, and the import
# check rolled the clean plan back with GS414 (every task renamed to its new module).
FACTORY = """
    from celery import Celery


    def make_celery(name):
        celery = Celery(name, broker="memory://")
        TaskBase = celery.Task

        class ContextTask(TaskBase):
            abstract = True

        celery.Task = ContextTask
        return celery


    celery_app = make_celery("proj")


    @celery_app.task(soft_time_limit=600)
    def fetch(id):
        return id


    @celery_app.task()
    def fetch_all():
        return [fetch.delay(i) for i in range(2)]


    @celery_app.task(soft_time_limit=3600)
    def sync_source(source):
        return source
"""
MODULES = {"acme": ["fetch", "fetch_all"], "sources": ["sync_source"],
           "app": ["make_celery", "celery_app"]}


def test_an_app_made_by_a_factory_function_of_the_module_is_celerys(tmp_path: Path) -> None:
    import libcst as cst

    module = cst.parse_module(dedent(FACTORY))
    assert {"make_celery", "celery_app"} <= celery_roots(module, tmp_path / "big.py")
    plan, texts = plan_texts(make_project(tmp_path / "plan", FACTORY, MODULES))
    assert not [f for f in plan.findings if f.code == "GS219"]
    assert 'name="pkg.big.sync_source"' in texts["pkg/big/sources.py"]


def test_tasks_of_an_app_made_by_a_factory_keep_their_names(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    out = same_behaviour(tmp_path, FACTORY, MODULES, """
        import pkg.big as m
        print(sorted(n for n in m.celery_app.tasks if not n.startswith("celery.")))
        print(m.fetch.name, m.sync_source.name)
    """)
    assert "'pkg.big.fetch'" in out and "pkg.big.sync_source" in out


def test_a_function_that_does_not_make_an_app_is_not_a_factory(tmp_path: Path) -> None:
    import libcst as cst

    source = """
        def make_runner(name):
            return Runner(name)


        runner = make_runner("x")
    """
    module = cst.parse_module(dedent(source))
    assert not {"make_runner", "runner"} & celery_roots(module, tmp_path / "big.py")


# `godsplit migrate` on lemur after the split printed a GS505 note ("'lemur.common.celery'
# is named in a string ...: left alone") and then "rewrote 1 use in 1 file; 0 left alone
# (listed above)": the count did not count what it listed.
def test_migrate_counts_the_mentions_it_lists_as_kept(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    source = """
        def one():
            return 1


        def two():
            return 2
    """
    files = {"pkg/settings.py": "IMPORTS = ('pkg.big')\n",
             "pkg/use.py": "from pkg.big import one\n\nVALUE = one()\n"}
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]}, files=files)
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\na = ["one"]\nb = ["two"]\n')
    godsplit = Path(sys.executable).with_name("godsplit")
    proc = subprocess.run([str(godsplit), "migrate"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "GS505" in proc.stdout, proc.stdout
    last = proc.stdout.strip().splitlines()[-1]
    assert last == ("migrate: rewrote 1 use in 1 file; 0 left alone; 1 mention kept on purpose "
                    "(listed above)"), proc.stdout


# `godsplit retire` on lemur: `CELERY_IMPORTS = ('lemur.common.celery')` in its settings
# names the split module as a string (plan said GS214: "loaded by name here"), yet retire
# left `__init__.py` with only its docstring: Celery's `imports` then loaded none of the
# 24 tasks (a worker would reject every beat entry as unregistered).
def test_retire_keeps_the_modules_a_setting_loads_by_name(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    from godsplit import api
    from godsplit.split.apply import apply_splits

    files = {"pkg/settings.py": "CELERY_IMPORTS = ('pkg.big')\n"}
    config = make_project(tmp_path, FACTORY, MODULES, files=files)
    assert apply_splits(config).written
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\n'
        + "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in MODULES.items()))
    result = api.retire(config=config)
    assert not result.refused, result
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "from . import acme, app, sources" in init, init
    out = run_python(tmp_path, """
        import importlib
        from pkg import settings
        from pkg.big.app import celery_app
        importlib.import_module(settings.CELERY_IMPORTS)
        print(sorted(n for n in celery_app.tasks if not n.startswith("celery.")))
    """)
    assert out.strip() == "['pkg.big.fetch', 'pkg.big.fetch_all', 'pkg.big.sync_source']"


# DefectDojo's ruff.toml selects PL and RUF with `preview = true`: the live facade of
# `dojo/jira/helper/__init__.py` had 6 findings of its own, ruff's PLC0415 (the machinery's
# `import` inside `__reduce_ex__`) and five RUF067 (an `__init__.py` with code).
def test_a_live_package_facade_passes_ruffs_preview_init_and_late_import_rules(
        tmp_path: Path) -> None:

    source = """
        import logging

        logger = logging.getLogger(__name__)


        def one():
            logger.info("one")
            return 1


        def two():
            return one() + 1
    """
    ruff_toml = ('[lint]\nselect = ["F", "E", "PLC", "RUF"]\nignore = ["RUF105"]\n'
                 "preview = true\n")  # RUF105 (noqa style): ignored there too
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]},
                          files={"ruff.toml": ruff_toml})
    plan, _ = plan_texts(config)
    assert not plan.errors
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    proc = ruff_check(tmp_path, "pkg/big")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "# noqa: PLC0415" in init and "# ruff: noqa: RUF067" in init
