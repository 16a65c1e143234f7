"""Celery's `-A` after `retire`: the leftovers of round 15 (README, "What does not work
yet" 13(d)), round 16, celery17.

(1) With no `find_app` result (it failed before retiring, or `verify-import = false`), a
bare `-A X` naming a package was refused (GS132) even where the app is plainly `app =
Celery(...)`: the source now says which name `find_app` takes when that is unambiguous,
and anything else is still refused. (2) `-A` in `.json` files, `.tpl` templates and a YAML
list's items (`- -A` / `- proj.worker`: a Kubernetes manifest's `args`) was not read.
(3) `migrate --check` printed no GS132 notes. (4) Every name bound to the app was kept,
not only the one `find_app` takes (`celery_app = app` kept both)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_repros_round15_celery16 import MODULES, REGISTERED, WORKER
from test_retire_by_name import _project as _applied

from godsplit.cli import main
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.types import Config

from splitkit import dedent, run_python

NO_IMPORT = "verify-import = false\n"
PROCFILE = {"Procfile": "worker: celery -A proj.worker worker -l info\n"}


def _project(root: Path, files: dict[str, str], setup: str = "", worker: str = WORKER,
             modules: str = MODULES) -> Config:
    files = {"proj/__init__.py": "", "proj/worker.py": worker, **files}
    return _applied(root, files, "proj/worker.py", modules, setup=setup)


def _gs132(result: object) -> list[str]:
    return [f.message for s in getattr(result, "splits", ()) for f in s.findings
            if f.code == "GS132"]


def test_without_find_app_the_source_says_which_app(tmp_path: Path) -> None:
    """`verify-import = false`: `find_app` is not run; `app = Celery(...)` is plain."""
    pytest.importorskip("celery")
    config = _project(tmp_path, PROCFILE, setup=NO_IMPORT)
    assert not config.verify_import
    spec = REGISTERED.format(spec="proj.worker")
    before = run_python(tmp_path, spec)
    result = retire(config)
    assert result.written, (result.findings, _gs132(result))
    assert result.splits[0].apps == (
        "`app` for Celery's `-A proj.worker` (Procfile:1) (`find_app` was not run "
        "(verify-import = false); by the source, its `app` is the Celery app the source makes)")
    init = (tmp_path / "proj/worker/__init__.py").read_text()
    assert "from .core import app  # noqa: F401\n" in init
    assert run_python(tmp_path, spec) == before  # the worker's view, in a fresh interpreter


def test_find_app_fails_before_retiring_but_the_source_is_plain(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, PROCFILE)
    facade = tmp_path / "proj/worker/__init__.py"  # a worker cannot import it before retiring
    facade.write_text(facade.read_text() + "\nimport missing_dependency_of_the_project\n")
    result = retire(config)
    assert result.written, (result.findings, _gs132(result))
    assert "`find_app` failed before retiring (ModuleNotFoundError: " in result.splits[0].apps
    assert "from .core import app  # noqa: F401\n" in facade.read_text()
    assert run_python(tmp_path, REGISTERED.format(spec="proj.worker")) == (
        "proj ['custom.mul', 'proj.worker.add']\n")


TWO_APPS = """
    from celery import Celery

    first_app = Celery("first", broker="memory://")
    second_app = Celery("second", broker="memory://")


    @first_app.task
    def add(x, y):
        return x + y
"""
FLASK_LIKE = """
    from celery import Celery


    class Flask:
        pass


    app = Flask()
    celery_app = Celery("proj", broker="memory://")


    @celery_app.task
    def add(x, y):
        return x + y
"""


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize(("worker", "modules", "why"), [
    (TWO_APPS, 'core = ["first_app", "second_app"]\narith = ["add"]\n',
     "the source makes 2 Celery apps there (`first_app`, `second_app`)"),
    (FLASK_LIKE, 'core = ["Flask", "app", "celery_app"]\narith = ["add"]\n',
     "its `app` is not a Celery app the source makes"),
])
def test_an_ambiguous_source_is_still_refused(tmp_path: Path, worker: str, modules: str,
                                              why: str, broken: bool) -> None:
    """`broken`: `find_app` fails before retiring; else `verify-import = false`."""
    pytest.importorskip("celery")
    config = _project(tmp_path, PROCFILE, setup="" if broken else NO_IMPORT, worker=worker,
                      modules=modules)
    facade = tmp_path / "proj/worker/__init__.py"
    if broken:
        facade.write_text(facade.read_text() + "\nimport missing_dependency_of_the_project\n")
    result = retire(config)
    assert result.refused and not result.written
    [message] = _gs132(result)
    assert "(Procfile:1)" in message
    assert ("missing_dependency_of_the_project" if broken else "`find_app` was not run") in message
    assert f"({why}): the facade stays" in message


def test_only_the_name_find_app_takes_is_kept(tmp_path: Path) -> None:
    """`celery_app = app` (the Django layout's alias): `find_app` takes `app`; retire kept
    both names, re-exporting `celery_app` from the old path after it was retired."""
    pytest.importorskip("celery")
    worker = dedent(WORKER).replace("\n\n@app.task\n", "\ncelery_app = app\n\n\n@app.task\n", 1)
    modules = 'core = ["app", "celery_app", "helper"]\narith = ["add", "mul"]\n'
    for root, setup in ((tmp_path / "probed", ""), (tmp_path / "static", NO_IMPORT)):
        config = _project(root, PROCFILE, setup=setup, worker=worker, modules=modules)
        before = run_python(root, REGISTERED.format(spec="proj.worker"))
        result = retire(config)
        assert result.written, (result.findings, _gs132(result))
        assert result.splits[0].apps.startswith("`app` for Celery's `-A proj.worker`")
        init = (root / "proj/worker/__init__.py").read_text()
        assert "from .core import app  # noqa: F401\n" in init
        assert "celery_app" not in init
        assert run_python(root, REGISTERED.format(spec="proj.worker")) == before


K8S = """
    apiVersion: apps/v1
    kind: Deployment
    spec:
      template:
        spec:
          containers:
            - name: worker
              command: ["celery"]
              args:
                - -A
                - proj.worker
                - worker
"""


def test_json_templates_and_yaml_lists_are_read(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, {
        "deploy/k8s/worker.yaml": K8S,
        "deploy/task-definition.json": '{"containerDefinitions": [{"command": '
                                       '["celery", "--app", "proj.worker", "worker"]}]}\n',
        "chart/templates/_worker.tpl": '{{- define "worker.args" -}}\n'
                                       "celery -A proj.worker worker\n{{- end }}\n",
    })
    check = migrate(config, check=True)
    assert not check.uses
    notes = sorted((Path(n.path).name, n.line) for n in check.notes if n.code == "GS132")
    assert notes == [("_worker.tpl", 2), ("task-definition.json", 1), ("worker.yaml", 11)]
    result = retire(config)
    assert result.written, result.findings
    assert run_python(tmp_path, REGISTERED.format(spec="proj.worker")) == (
        "proj ['custom.mul', 'proj.worker.add']\n")


def test_migrate_check_prints_the_gs132_notes(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    _project(tmp_path, PROCFILE)
    out = CliRunner().invoke(main, ["migrate", "--check", "--config",
                                    str(tmp_path / "godsplit.toml")])
    assert out.exit_code == 0, out.output
    assert ("  Procfile:1: GS132: Celery's `-A proj.worker` finds its app in proj.worker: "
            "`retire` keeps the name it takes there in its __init__.py\n") in out.output
    assert out.output.rstrip().endswith("`godsplit retire` can remove the facades")

