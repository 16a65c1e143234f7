"""Round 29 (celery30): Onyx's `backend/onyx/background/celery/tasks/user_file_processing/
tasks.py`. `onyx/` is a regular package, but `background/`, `celery/` and `tasks/` below it
have no `__init__.py` (PEP 420 namespace subpackages), so the module is
`onyx.background.celery.tasks.user_file_processing.tasks`. godsplit followed one namespace
directory under a regular package (Read the Docs' `readthedocs/projects/tasks/`), not a run
of them, and took the file for `user_file_processing.tasks`: a Celery task without `name=`
would have been pinned to a name no worker registered, and a `mock.patch` of the real
dotted path was not seen as naming the old module."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import module_name_for
from godsplit.split.references import find_references

from splitkit import make_project, plan_texts

TASKS = """
    import logging

    from celery import shared_task

    log = logging.getLogger(__name__)


    @shared_task
    def sync():
        log.info("sync")


    @shared_task(bind=True)
    def update(self):
        return sync.delay()
"""


def _namespaces(root: Path) -> Path:
    """`app/` a regular package, `app/ns1/ns2/` two namespace directories, `pkg/` regular."""
    (root / "app" / "ns1" / "ns2" / "pkg").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "ns1" / "ns2" / "pkg" / "__init__.py").write_text("")
    return root / "app" / "ns1" / "ns2" / "pkg"


def test_a_run_of_namespace_directories_under_a_regular_package_is_part_of_the_name(
        tmp_path: Path) -> None:
    pkg = _namespaces(tmp_path)
    (pkg / "tasks.py").write_text("x = 1\n")
    assert module_name_for(pkg / "tasks.py") == ("app.ns1.ns2.pkg.tasks", tmp_path)
    (pkg / "sub").mkdir()  # a namespace directory below the regular one, too
    (pkg / "sub" / "mod.py").write_text("")
    assert module_name_for(pkg / "sub" / "mod.py") == ("app.ns1.ns2.pkg.sub.mod", tmp_path)


def test_directories_without_any_package_above_them_are_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "scripts" / "tools").mkdir(parents=True)
    (tmp_path / "scripts" / "tools" / "run.py").write_text("")
    assert module_name_for(tmp_path / "scripts" / "tools" / "run.py") == (
        "run", tmp_path / "scripts" / "tools")
    (tmp_path / "src" / "ns-dir").mkdir(parents=True)  # not an identifier: not in a name
    (tmp_path / "src" / "__init__.py").write_text("")
    (tmp_path / "src" / "ns-dir" / "job.py").write_text("")
    assert module_name_for(tmp_path / "src" / "ns-dir" / "job.py") == (
        "job", tmp_path / "src" / "ns-dir")


def test_tasks_under_a_run_of_namespace_directories_keep_their_celery_names(
        tmp_path: Path) -> None:
    _namespaces(tmp_path)
    config = make_project(tmp_path, TASKS, {"alpha": ["sync"], "beta": ["update"]},
                          path="app/ns1/ns2/pkg/tasks.py", **{"verify-import": False})
    for directory in ("app/ns1", "app/ns1/ns2"):  # make_project made them packages
        (tmp_path / directory / "__init__.py").unlink()
    (tmp_path / "test_tasks.py").write_text(
        "from unittest import mock\n\n\n"
        "@mock.patch('app.ns1.ns2.pkg.tasks.sync.delay')\n"
        "def test_update(delay):\n    pass\n")
    plan, texts = plan_texts(config)
    assert plan.old_module == "app.ns1.ns2.pkg.tasks"
    found = {(f.code, f.message) for f in plan.findings}
    assert ("GS200", "Celery task name pinned to 'app.ns1.ns2.pkg.tasks.sync'") in found
    assert ("GS200", "Celery task name pinned to 'app.ns1.ns2.pkg.tasks.update'") in found
    everything = "".join(texts.values())
    assert "'pkg.tasks" not in everything and '"pkg.tasks' not in everything


AUTODISCOVERY = {
    "no_packages.py": ("app.autodiscover_tasks()\n", True),
    "installed_apps.py": ("app.autodiscover_tasks(lambda: settings.INSTALLED_APPS)\n", True),
    "listed.py": ("app.autodiscover_tasks(['other', 'app.ns1.ns2.pkg'])\n", True),
    "filtered.py": ("celery_app.autodiscover_tasks(\n    filter_task_modules(\n"
                    "        ['app.ns1.ns2.other', 'app.shared'],\n    )\n)\n", False),
    "related.py": ("app.autodiscover_tasks(['app.ns1.ns2.pkg'], related_name='jobs')\n", False),
    "mentioned.py": ("# we do not call autodiscover_tasks here\n", False),
}


def test_autodiscovery_is_said_only_where_the_call_may_load_the_old_module(
        tmp_path: Path) -> None:
    """Onyx: nine Celery apps call `autodiscover_tasks([...])` with their own packages; plan
    said "Celery autodiscovery loads" the split module on all of them, seven of which do not
    list its package."""
    _namespaces(tmp_path)
    config = make_project(tmp_path, TASKS, {"alpha": ["sync"], "beta": ["update"]},
                          path="app/ns1/ns2/pkg/tasks.py", **{"verify-import": False},
                          files={name: text for name, (text, _) in AUTODISCOVERY.items()})
    for directory in ("app/ns1", "app/ns1/ns2"):
        (tmp_path / directory / "__init__.py").unlink()
    plan, _ = plan_texts(config)
    found, _ = find_references(tmp_path, [plan], exclude=set())
    said = {Path(f.path).name for f in found[plan.old_module].findings if f.code == "GS214"}
    assert said == {name for name, (_, loads) in AUTODISCOVERY.items() if loads}
