"""Celery's `-A` after `retire` (round 15, celery16).

`celery -A lemur.common.celery worker` found no app after `retire` (README, "What does not
work yet" 12(e)): a worker imports the module `-A` names and takes its app (`app`,
`celery`, the submodule `celery`, any Celery instance), and the retired package had none.
And `retire` did not read `-A` in a systemd unit, a supervisord `.conf` or a shell script
at all. Now a package keeps the import of the app `find_app` found there (and imports its
modules, so the worker registers the same tasks), checked with `find_app` in a fresh
interpreter before and after; a sibling-layout facade, which `retire` deletes, is a use
left for a person, with the app's new module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_retire_by_name import _project as _applied  # writes the files, applies the split

from godsplit.config import load_config
from godsplit.migration.celery_app import _OPTION, _SETTING, AppRef, app_findings, reaches
from godsplit.migration.core import migrate
from godsplit.migration.homes import applied_splits
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits
from godsplit.types import Config

from splitkit import dedent, run_python

WORKER = """
    from celery import Celery

    app = Celery("proj", broker="memory://", backend="cache+memory://")


    @app.task
    def add(x, y):
        return x + y


    @app.task(name="custom.mul")
    def mul(x, y):
        return x * y


    def helper():
        return 1
"""
# what `celery -A proj.worker inspect registered` lists, without a broker: the app
# `-A` finds, after the worker's own imports
REGISTERED = """
    from celery.app.utils import find_app
    app = find_app({spec!r})
    app.loader.import_default_modules()
    print(app.main, sorted(n for n in app.tasks if not n.startswith("celery.")))
"""
MODULES = 'core = ["app", "helper"]\narith = ["add", "mul"]\n'


def _project(root: Path, files: dict[str, str], package: str = "") -> Config:
    files = {"proj/__init__.py": "", "proj/worker.py": WORKER, **files}
    return _applied(root, files, "proj/worker.py", MODULES, package=package)


@pytest.mark.parametrize("text", [
    "worker: celery -A proj.worker worker -l info",
    "ExecStart=/srv/venv/bin/celery --app=proj.worker worker",
    'command: ["celery", "-A", "proj.worker", "worker"]',
    "celery -Aproj.worker beat",
    "CELERY_APP=proj.worker",
    "  CELERY_APP: proj.worker",
    "command=celery --app proj.worker:app worker",
])
def test_the_forms_of_an_app_reference(text: str) -> None:
    found = [m.group(1) for p in (_OPTION, _SETTING) for m in p.finditer(text)]
    assert [s.partition(":")[0] for s in found] == ["proj.worker"]


def test_what_find_app_takes_from_the_old_module(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, {})
    homes, _ = applied_splits(config, config.splits)
    h = homes[0]
    assert reaches("proj.worker", h) == ""
    assert reaches("proj.worker:app", h) == "app"
    assert reaches("proj.worker.app", h) == "app"  # `module.attr` first
    assert reaches("proj.worker.core", h) is None  # a new module: it stays
    assert reaches("proj.worker.core:app", h) is None
    assert reaches("proj.workers", h) is None
    assert reaches("proj", h) is None  # `proj.celery` only: Celery's own fallback


def test_a_package_named_by_celery_a_keeps_its_app(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, {
        "Procfile": "worker: celery -A proj.worker worker -l info\n",
        "deploy/worker.service": "[Service]\nExecStart=/srv/venv/bin/celery --app=proj.worker "
                                 "worker\n",
    })
    spec = REGISTERED.format(spec="proj.worker")
    before = run_python(tmp_path, spec)
    assert before == "proj ['custom.mul', 'proj.worker.add']\n"
    check = migrate(config, check=True)
    assert not check.uses  # nothing for a person to edit: `retire` keeps the app
    notes = [(Path(n.path).name, n.line, n.code) for n in check.notes if n.code == "GS132"]
    assert notes == [("Procfile", 1, "GS132"), ("worker.service", 2, "GS132")]
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].apps == ("`app` for Celery's `-A proj.worker` (Procfile:1; "
                                     "deploy/worker.service:2)")
    [checked] = [f for f in result.findings if f.code == "GS133"]
    assert checked.severity == "info" and "registering the same 2 tasks" in checked.message
    init = (tmp_path / "proj/worker/__init__.py").read_text()
    assert "from . import arith, core  # noqa: F401\n" in init
    assert "from .core import app  # noqa: F401\n" in init
    assert "Procfile:1" in init and "deploy/worker.service:2" in init
    assert run_python(tmp_path, spec) == before  # the worker's view, in a fresh interpreter


def test_before_the_fix_the_retired_package_had_no_app(tmp_path: Path) -> None:
    """What retire wrote without the Procfile (nothing named the package): the failure
    the reference now prevents."""
    pytest.importorskip("celery")
    config = _project(tmp_path, {})
    assert retire(config).written
    assert "import" not in (tmp_path / "proj/worker/__init__.py").read_text()
    out = run_python(tmp_path, """
        from celery.app.utils import find_app
        try:
            find_app("proj.worker")
        except AttributeError as exc:
            print("no app")
    """)
    assert out == "no app\n"


def test_a_sibling_facade_named_by_celery_a_is_a_use_left(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, {"scripts/worker.sh": "#!/bin/sh\nexec celery -A proj.worker "
                                                      "worker \"$@\"\n"},
                      package='package = "proj/jobs"\n')
    check = migrate(config, check=True)
    assert [(u.path.name, u.line, u.new) for u in check.uses] == [
        ("worker.sh", 2, "proj.jobs.core:app")]
    assert "point it at the app's module" in check.uses[0].detail
    result = retire(config)
    assert result.refused and not result.written
    assert (tmp_path / "proj/worker.py").is_file()


# (`test_find_app_fails_before_retiring_refuses` is in test_repros_round16_celery17.py now:
# where the source says which app `find_app` takes, it no longer refuses)


def test_a_changed_app_or_task_list_is_an_error(tmp_path: Path) -> None:
    ref = AppRef(tmp_path / "Procfile", 3, "proj.worker", "proj.worker", "")
    before = {"proj.worker": {"main": "proj", "type": "Celery", "names": ["app"],
                              "tasks": ["proj.worker.add", "proj.worker.mul"]}}
    gone = {"proj.worker": {"error": "AttributeError: module has no attribute 'celery'"}}
    fewer = {"proj.worker": {**before["proj.worker"], "tasks": ["proj.worker.add"]}}
    [same] = app_findings([ref], before, before, tmp_path)
    assert same.severity == "info"
    for after, said in ((gone, "no longer finds its app"),
                        (fewer, "registers other tasks (no longer proj.worker.mul)")):
        [finding] = app_findings([ref], before, after, tmp_path)
        assert finding.code == "GS133" and finding.line == 3
        assert re.search(re.escape(said), finding.message), finding.message
        assert "Procfile:3" in finding.message


def test_celery_a_of_the_parent_package_reaches_its_celery_module(tmp_path: Path) -> None:
    """Celery's documented Django layout: `proj/celery.py` holds the app, `proj/__init__.py`
    imports it, and `celery -A proj worker` finds it through the submodule `celery`."""
    pytest.importorskip("celery")
    files = {"proj/__init__.py": "from .celery import app as celery_app\n\n"
                                 "__all__ = ('celery_app',)\n",
             "proj/celery.py": WORKER,
             "docker-compose.yml": "services:\n  worker:\n    command: celery -A proj worker\n"}
    config = _applied(tmp_path, files, "proj/celery.py", MODULES)
    spec = REGISTERED.format(spec="proj")
    before = run_python(tmp_path, spec)
    assert before == "proj ['custom.mul', 'proj.celery.add']\n"
    assert migrate(config).written  # `proj/__init__.py` imports the app from its module now
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].apps == (
        "`app` for Celery's `-A proj` (docker-compose.yml:3)")
    assert run_python(tmp_path, spec) == before


def test_a_deployment_guide_and_the_module_docstring_count(tmp_path: Path) -> None:
    """lemur's case: `celery -A lemur.common.celery worker` was in its production docs
    and in the module's own docstring, which the retired `__init__.py` keeps."""
    pytest.importorskip("celery")
    config = _project(tmp_path, {
        "proj/worker.py": '"""Tasks. Run: celery -A proj.worker worker"""\n' + dedent(WORKER),
        "docs/production.rst": "Run the worker::\n\n    celery -A proj.worker worker -B\n",
    })
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].apps == ("`app` for Celery's `-A proj.worker` "
                                     "(docs/production.rst:3; proj/worker/__init__.py:1)")
    assert run_python(tmp_path, REGISTERED.format(spec="proj.worker")) == (
        "proj ['custom.mul', 'proj.worker.add']\n")


# mediacms 8.3.2 (round 15): isort runs from pre-commit only (`args: ["--profile",
# "black"]`, no isort configuration file). `migrate` wrote `from ..tasks import processing
# as p, trim` in a method and `retire` a 98-column `from . import ...` line with its F401 noqa:
# `isort --check` failed on both. The hook's args are now the project's isort settings,
# and the retired `__init__.py` goes through the project's sorter and formatter.
PRE_COMMIT = """
    repos:
      - repo: https://github.com/pycqa/isort
        rev: 5.12.0
        hooks:
          - id: isort
            args: ["--profile", "black"]
      - repo: https://github.com/psf/black
        rev: 24.10.0
        hooks:
          - id: black
"""
MANY = "\n".join(f"\n\ndef {n}_long_task_name():\n    return 1" for n in (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"))


BLACK = "[tool.black]\nline-length = 200\n"  # mediacms's: isort's profile wraps at 88


@pytest.mark.parametrize("settings", [
    {".pre-commit-config.yaml": PRE_COMMIT, "pyproject.toml": BLACK},
    {"pyproject.toml": f'{BLACK}\n[tool.isort]\nprofile = "black"\n'},
])
def test_the_retired_init_passes_the_projects_isort(tmp_path: Path,
                                                   settings: dict[str, str]) -> None:
    isort = pytest.importorskip("isort")
    for name, text in {**settings, "shop/__init__.py": "", "shop/tasks.py": MANY,
                       "proj_celery.py": "app.autodiscover_tasks(['shop'])\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(dedent(text))
    modules = "".join(f'{n}_module = ["{n}_long_task_name"]\n' for n in (
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"))
    (tmp_path / "godsplit.toml").write_text(
        f'[[split]]\nsource = "shop/tasks.py"\n\n[split.modules]\n{modules}')
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    assert retire(config).written
    init = (tmp_path / "shop/tasks/__init__.py").read_text()
    assert "from . import (  # noqa: F401\n    alpha_module,\n" in init
    assert isort.check_code(init, profile="black", show_diff=True)


def test_the_args_of_a_pre_commit_isort_hook_are_its_settings(tmp_path: Path) -> None:
    from godsplit.split.pre_commit import pre_commit_isort

    (tmp_path / ".pre-commit-config.yaml").write_text(dedent("""
        repos:
          - repo: https://github.com/pycqa/isort
            hooks:
              - id: isort
                args:
                  - --profile=google
                  - -l
                  - "100"
                  - --ca
          - repo: local
            hooks:
              - id: other
                args: ["--profile", "black"]
    """))
    found = pre_commit_isort([tmp_path])
    assert found is not None
    assert dict(found.data) == {"profile": "google", "line_length": 100,
                                "combine_as_imports": True}


def test_retire_drops_the_whole_wrapped_marker(tmp_path: Path) -> None:
    """plane's `plane.bgtasks.issue_activities_task`: the facade's marker wraps onto a
    second line (over 80 columns), and `retire` dropped the first line only, leaving
    ``# `plane.bgtasks.issue_activities_task` now.`` in the retired `__init__.py`."""
    source = "# Copyright (c) the authors.\n\n# Python imports\nimport json\n\n\n" + "\n\n".join(
        f"def {n}():\n    return json.dumps({n!r})\n" for n in ("one", "two"))
    (tmp_path / "proj/some").mkdir(parents=True)
    (tmp_path / "proj/__init__.py").write_text("")
    (tmp_path / "proj/some/__init__.py").write_text("")
    (tmp_path / "proj/some/issue_activities_task.py").write_text(source)
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "proj/some/issue_activities_task.py"\n\n[split.modules]\n'
        'first = ["one"]\nsecond = ["two"]\n')
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    facade = (tmp_path / "proj/some/issue_activities_task/__init__.py").read_text()
    assert "facade: the code lives in the modules of\n# `proj.some.issue_activities_task` now." \
        in facade
    assert retire(config).written
    init = (tmp_path / "proj/some/issue_activities_task/__init__.py").read_text()
    assert "now." not in init and "godsplit" not in init
    assert init.startswith("# Copyright (c) the authors.\n")
