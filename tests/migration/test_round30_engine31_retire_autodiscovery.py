"""Round 30 (engine31): `retire` asks whether `autodiscover_tasks()` loads the package the
way plan's GS214 does (`split/autodiscovery.py`), not whether a file holds the bytes
`autodiscover_tasks`.

Before: a `tasks` package kept `from . import ...` of its modules (harmless) when the only
call named other packages, and a package loaded as `autodiscover_tasks(["shop"],
related_name="jobs")` lost it: its `__init__.py` was emptied, and a worker no longer
registered the tasks of its new modules. Each case imports the real Celery app and lists
the tasks a worker registers, before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits
from godsplit.types import Config

from splitkit import dedent, run_python

TASKS = """
    from celery import shared_task


    @shared_task
    def add(x, y):
        return x + y


    @shared_task
    def mul(x, y):
        return x * y


    def helper():
        return 1
"""
WORKER = """
    from proj_celery import app
    app.loader.import_default_modules()  # what a worker does when it starts
    print(sorted(n for n in app.tasks if n.startswith("shop.")))
"""


def _project(root: Path, source: str, call: str) -> Config:
    files = {"shop/__init__.py": "", source: TASKS, "billing/__init__.py": "",
             "proj_celery.py": f"""
                 from celery import Celery

                 app = Celery("proj", broker="memory://")
                 {call}
             """}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    (root / "godsplit.toml").write_text(
        f'[[split]]\nsource = "{source}"\n\n[split.modules]\n'
        'arith = ["add", "mul"]\nutil = ["helper"]\n')
    config = load_config(root / "godsplit.toml")
    assert apply_splits(config).written
    return config


def test_a_package_autodiscovered_under_its_related_name_keeps_its_imports(
    tmp_path: Path,
) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, "shop/jobs.py",
                      'app.autodiscover_tasks(["shop"], related_name="jobs")')
    expected = run_python(tmp_path, WORKER)
    assert expected == "['shop.jobs.add', 'shop.jobs.mul']\n"
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].registers == (
        "Celery's autodiscover_tasks() imports this package: proj_celery.py")
    assert "from . import arith, util" in (tmp_path / "shop/jobs/__init__.py").read_text()
    assert run_python(tmp_path, WORKER) == expected


def test_a_tasks_package_no_call_loads_is_retired_to_its_docstring(tmp_path: Path) -> None:
    """`autodiscover_tasks(["billing"])` loads `billing.tasks`, not `shop.tasks`: no
    registration imports (no worker imports it by name: nothing to register)."""
    pytest.importorskip("celery")
    config = _project(tmp_path, "shop/tasks.py", 'app.autodiscover_tasks(["billing"])')
    before = run_python(tmp_path, WORKER)
    assert before == "[]\n"
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].registers == ""
    assert "import" not in (tmp_path / "shop/tasks/__init__.py").read_text()
    assert run_python(tmp_path, WORKER) == before
    assert run_python(tmp_path, "from shop.tasks.arith import add\nprint(add.name)") == (
        "shop.tasks.add\n")


def test_a_call_with_every_installed_app_still_keeps_them(tmp_path: Path) -> None:
    """No packages given (Django's installed apps): it may load any `tasks` module."""
    config = _project(tmp_path, "shop/tasks.py", "app.autodiscover_tasks()")
    result = retire(config)
    assert result.written, result.findings
    assert "from . import arith, util" in (tmp_path / "shop/tasks/__init__.py").read_text()
