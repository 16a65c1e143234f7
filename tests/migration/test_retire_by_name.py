"""`retire` of a package a framework imports by its name (round 11).

No import statement names an app's `tasks` or `models` package: Celery's
autodiscover_tasks() and Django import it by name. Retiring its facade left an empty
`__init__.py`, and the tasks and models of the new modules were never registered: a
worker rejected the tasks as unregistered, and `makemigrations` wanted to delete every
model. The import check compared the modules it imports and passed. Such a package now
keeps `from . import ...` of its modules; a package Django reads names from (template
tags, management commands) is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.migration.by_name import contract, registration_imports
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits
from godsplit.types import Config

from conftest import tree_hash
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
CELERY_APP = """
    from celery import Celery

    app = Celery("proj", broker="memory://")
    app.autodiscover_tasks(["shop"])
"""
WORKER = """
    from proj_celery import app
    app.loader.import_default_modules()  # what a worker does when it starts
    print(sorted(n for n in app.tasks if n.startswith("shop.")))
"""


def _project(root: Path, files: dict[str, str], source: str, modules: str,
             setup: str = "", package: str = "") -> Config:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    (root / "godsplit.toml").write_text(
        f"{setup}[[split]]\nsource = \"{source}\"\n{package}\n[split.modules]\n{modules}")
    config = load_config(root / "godsplit.toml")
    assert apply_splits(config).written
    return config


def test_celery_autodiscovery_still_registers_the_tasks(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = _project(tmp_path, {"shop/__init__.py": "", "shop/tasks.py": TASKS,
                                 "proj_celery.py": CELERY_APP},
                      "shop/tasks.py", 'arith = ["add", "mul"]\nutil = ["helper"]\n')
    expected = run_python(tmp_path, WORKER)
    assert expected == "['shop.tasks.add', 'shop.tasks.mul']\n"
    result = retire(config)
    assert result.written, result.findings
    assert result.splits[0].registers == (
        "Celery's autodiscover_tasks() imports this package: proj_celery.py")
    assert (tmp_path / "shop/tasks/__init__.py").read_text() == dedent("""
        # Celery's autodiscover_tasks() imports this package by its name: importing it must
        # register what its modules define.
        from . import arith, util  # noqa: F401
    """)
    assert run_python(tmp_path, WORKER) == expected


def test_sibling_layout_of_autodiscovered_tasks_is_refused(tmp_path: Path) -> None:
    config = _project(tmp_path, {"shop/__init__.py": "", "shop/tasks.py": TASKS,
                                 "proj_celery.py": CELERY_APP},
                      "shop/tasks.py", 'arith = ["add", "mul"]\nutil = ["helper"]\n',
                      package='package = "shop/jobs"\n')
    before = tree_hash(tmp_path)
    result = retire(config)
    assert result.refused and not result.written
    [finding] = result.splits[0].findings
    assert finding.code == "GS515" and "(proj_celery.py): deleting it would" in finding.message
    assert tree_hash(tmp_path) == before


MODELS = """
    \"\"\"The shop's models.\"\"\"
    from django.db import models


    class Product(models.Model):
        name = models.CharField(max_length=50)


    class Order(models.Model):
        product = models.ForeignKey(Product, on_delete=models.CASCADE)
"""
SETTINGS = """
    SECRET_KEY = "x"
    INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
"""
DJANGO = """
    import os
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    import django
    django.setup()
    from django.apps import apps
    print(sorted(m.__name__ for m in apps.get_app_config("shop").get_models()))
"""


def test_django_still_finds_the_models(tmp_path: Path) -> None:
    pytest.importorskip("django")
    config = _project(
        tmp_path, {"shop/__init__.py": "", "shop/apps.py": "", "shop/models.py": MODELS,
                   "settings.py": SETTINGS}, "shop/models.py",
        'products = ["Product"]\norders = ["Order"]\n',
        setup="verify-setup = \"import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = "
              "'settings'; django.setup()\"\n\n")
    assert run_python(tmp_path, DJANGO) == "['Order', 'Product']\n"
    result = retire(config)
    assert result.written, result.findings
    assert (tmp_path / "shop/models/__init__.py").read_text() == dedent('''
        """The shop's models."""

        # Django imports an app's models package by its name: importing it must register what
        # its modules define.
        from . import orders, products  # noqa: F401
    ''')
    assert run_python(tmp_path, DJANGO) == "['Order', 'Product']\n"


def test_a_template_tag_library_keeps_its_facade(tmp_path: Path) -> None:
    config = _project(tmp_path, {"shop/__init__.py": "", "shop/templatetags/__init__.py": "",
                                 "shop/templatetags/shop_tags.py": "def a():\n    return 1\n\n\n"
                                 "def b():\n    return 2\n"},
                      "shop/templatetags/shop_tags.py", 'one = ["a"]\ntwo = ["b"]\n')
    before = tree_hash(tmp_path)
    result = retire(config)
    assert result.refused and not result.written
    [finding] = result.splits[0].findings
    assert finding.code == "GS515" and "Django reads its `register`" in finding.message
    assert tree_hash(tmp_path) == before


@pytest.mark.parametrize(("module", "refused"), [
    ("app.templatetags.tags", True), ("app.management.commands.sync", True),
    ("app.commands", False), ("app.views", False), ("app.migrations.helpers", True),
])
def test_what_django_loads_by_path(module: str, refused: bool) -> None:
    assert (contract(module, Path("f.py")) is not None) is refused


def test_many_modules_wrap_at_the_line_length() -> None:
    names = [f"pkg.tasks.module_number_{i}" for i in range(6)] + ["pkg.tasks.sub.deep"]
    text = registration_imports("pkg.tasks", names, None, Path("pkg/tasks/__init__.py"), "X")
    assert text.splitlines()[1:] == [
        "from . import (  # noqa: F401",
        *(f"    module_number_{i}," for i in range(6)),
        ")",
        "from .sub import deep  # noqa: F401",
    ]


def test_a_conftest_keeps_its_facade() -> None:
    finding = contract("tests.conftest", Path("tests/conftest.py"))
    assert finding is not None and "pytest collects its fixtures" in finding.message
