"""Round 11 (lead): a Celery task file written the ways real ones are. Each split is run
before and after in a fresh interpreter: the task names (which routes, beat entries and
queued messages use) and the names `__name__` builds must not change, and if they do the
import check must say so rather than "verified"."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.verify import Snapshot, compare_snapshots, registered_note
from godsplit.types import GodsplitError

from splitkit import apply, make_project, plan_texts, same_behaviour

# `__name__` in a decorator or a default runs where the `def` runs, at import time: it
# was taken as read inside the function (GS202, "now gives the new module's name") and
# left alone, so the registry key changed and the split still said "verified".
NAME_AT_DEF_TIME = """
    REG = {}


    def register(key):
        def deco(f):
            REG[key] = f
            return f
        return deco


    @register(f"{__name__}.handler")
    def handler(who=__name__, *, tag: str = __name__ + ":tag"):
        return who, tag


    def later():
        return __name__
"""


def test_name_in_decorators_and_defaults_keeps_the_old_module(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, NAME_AT_DEF_TIME, {"core": ["REG", "register"],
                                                      "handlers": ["handler", "later"]},
                         "import pkg.big as m; print(sorted(m.REG), m.handler())")
    assert "pkg.big.handler" in out and "('pkg.big', 'pkg.big:tag')" in out
    written = (tmp_path / "after/pkg/big/handlers.py").read_text()
    # a placeholder that was only `__name__` leaves a plain string, not `f"{'pkg.big'}"`
    assert '@register("pkg.big.handler")' in written
    assert 'def handler(who="pkg.big", *, tag: str = "pkg.big" + ":tag"):' in written
    assert 'return "pkg.big"' in written  # read when called: the old name too


def test_name_inside_functions_is_the_old_module_too(tmp_path: Path) -> None:
    """Read when called, `__name__` gave the new module's name (GS202, a warning): a lock
    key `f"{__name__}-lock"` or `pkgutil.get_data(__name__, ...)` changed. The module is
    imported, not run, when its functions are called: the old name is the value."""
    config = make_project(tmp_path, NAME_AT_DEF_TIME, {"core": ["REG", "register"],
                                                       "handlers": ["handler", "later"]})
    plan, texts = plan_texts(config)
    assert not [f for f in plan.findings if f.code == "GS202"]
    assert '    return "pkg.big"\n' in texts["pkg/big/handlers.py"]


# A task made by a call rather than a decorator: Celery names it from the function's
# `__module__`, so moving `_ship` renamed it (`pkg.big._ship` -> `pkg.big.shipping._ship`).
CALL_TASKS = """
    from celery import Celery, shared_task

    app = Celery("shop", broker="memory://", set_as_current=False)


    def _ship(order):
        return order


    ship = app.task(_ship)


    def _bill(self, amount):
        return amount


    bill = app.task(bind=True)(_bill)
    audit = shared_task(name="audit.custom")(_ship)


    @app.task(name=f"{__name__}.custom_notify")
    def notify(user):
        return user
"""
SHOW_TASKS = """
    import pkg.big as m
    print(sorted(n for n in m.app.tasks if not n.startswith("celery.")))
"""


def test_tasks_made_by_a_call_keep_their_names(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    out = same_behaviour(tmp_path, CALL_TASKS, {"shipping": ["_ship", "ship", "_bill", "bill"],
                                                "notes": ["audit", "notify"]}, SHOW_TASKS,
                         default="shipping")
    assert "pkg.big._ship" in out and "pkg.big._bill" in out and "pkg.big.custom_notify" in out
    written = (tmp_path / "after/pkg/big/shipping.py").read_text()
    assert 'ship = app.task(_ship, name="pkg.big._ship")' in written
    assert 'bill = app.task(bind=True, name="pkg.big._bill")(_bill)' in written
    notes = (tmp_path / "after/pkg/big/notes.py").read_text()
    assert notes.count("name=") == 2  # `audit` had its own name: left alone


def test_the_import_check_compares_task_names(tmp_path: Path) -> None:
    before = Snapshot({"ship": "x"}, (), registered={
        "ship": "Celery task pkg.big._ship", "log": "logger pkg.big"})
    after = Snapshot({"ship": "x"}, (), registered={
        "ship": "Celery task pkg.big.shipping._ship", "log": "logger pkg.big"})
    [finding] = compare_snapshots(before, after, "pkg/big.py")
    assert finding.code == "GS414" and finding.severity == "error"
    assert "ship (Celery task pkg.big._ship -> Celery task pkg.big.shipping._ship)" in (
        finding.message)
    # the plan said it would rename it (pin-task-names = false): as planned, and said so
    assert compare_snapshots(before, after, "pkg/big.py", {"pkg.big._ship"}) == []
    assert registered_note(before, after) == (
        "; the same name of a Celery task or logger; 1 Celery task renamed, as planned (GS205)")


def test_verified_means_the_task_names_were_compared(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    config = make_project(tmp_path, CALL_TASKS, {"shipping": ["_ship", "ship", "_bill", "bill"],
                                                 "notes": ["audit", "notify"]},
                          default="shipping")
    result = apply(config)
    assert result.written
    [check] = [f for s in result.splits for f in s.findings if f.code == "GS400"]
    assert "the same names of 4 Celery tasks and loggers" in check.message


# A class-based task registered in the file: Celery names it from the class's module
# (`pkg.big.Cleanup` -> `pkg.big.jobs.Cleanup`). The import check caught it (GS414) and
# rolled back a plan with no errors; the plan now pins it.
CLASS_TASKS = """
    from celery import Celery, Task

    app = Celery("shop", broker="memory://", set_as_current=False)


    class Cleanup(Task):
        \"\"\"Clean up.\"\"\"
        def run(self, x):
            return x


    cleanup = app.register_task(Cleanup())


    class Named(Task):
        name = "named.task"

        def run(self):
            return 0


    named = app.register_task(Named())
"""


def test_registered_task_classes_keep_their_names(tmp_path: Path) -> None:
    pytest.importorskip("celery")
    out = same_behaviour(tmp_path, CLASS_TASKS, {"core": ["app"],
                                                 "jobs": ["Cleanup", "cleanup", "Named", "named"]},
                         SHOW_TASKS)
    assert out == "['named.task', 'pkg.big.Cleanup']\n"
    written = (tmp_path / "after/pkg/big/jobs.py").read_text()
    assert '    """Clean up."""\n    name = "pkg.big.Cleanup"\n\n    def run' in written
    assert written.count("name =") == 2  # `Named` had its own


def test_a_registered_task_class_with_subclasses_is_a_plan_error(tmp_path: Path) -> None:
    source = CLASS_TASKS + """

    class Special(Cleanup):
        pass
    """
    config = make_project(tmp_path, source, {"core": ["app"], "jobs": ["Cleanup", "cleanup"]})
    plan, _ = plan_texts(config)
    [error] = [f for f in plan.errors if f.code == "GS125"]
    assert error.line == 6 and "inherited by its subclasses" in error.message


# invoke's `@task` (and fabric's, prefect's, airflow's) is not Celery's: pinning
# `name="tasks.build"` renamed `invoke build` and broke invoke's collection, while the
# split said "verified". Only Celery's decorators are pinned: imported from celery, made by
# `Celery()`, or from a project module that makes or imports a Celery app.
NOT_CELERY = """
    from tasklib import task
    from .worker import app


    @task
    def build(c):
        return 1


    @app.task(queue="web")
    def sync():
        return 2
"""


def test_only_celerys_task_decorators_are_pinned(tmp_path: Path) -> None:
    files = {"tasklib.py": "def task(f=None, **options):\n    return f\n",
             "pkg/worker.py": "from celery import Celery\n\napp = Celery('proj')\n"}
    config = make_project(tmp_path, NOT_CELERY, {"a": ["build"], "b": ["sync"]}, files=files)
    plan, texts = plan_texts(config)
    assert "@task\ndef build(c):" in texts["pkg/big/a.py"]
    assert '@app.task(queue="web", name="pkg.big.sync")' in texts["pkg/big/b.py"]
    assert [(f.code, f.line) for f in plan.findings if f.code in ("GS200", "GS219")] == [
        ("GS219", 5), ("GS200", 10)]


# Data found next to the module by its path: moved one directory deeper, the moved code
# looked for `pkg/big/data.json` (FileNotFoundError when called), and the kept
# `sys.path.insert(0, <dir>/vendor)` of a package facade pointed into `pkg/big/`, while the
# split said "verified" (with a GS203 warning).
FILE_READS = """
    import json
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor"))
    HERE = os.path.dirname(os.path.abspath(__file__))
    DATA = Path(__file__).resolve().parent / "data.json"


    def load():
        with open(os.path.join(HERE, "data.json")) as f:
            return json.load(f)


    def load2():
        import vlib
        return json.loads(DATA.read_text()), vlib.X, Path(__file__).parent.name
"""
FILE_FILES = {"pkg/data.json": '{"a": 1}', "pkg/vendor/vlib.py": "X = 42\n"}
SHOW_FILES = "import pkg.big as m; print(m.load(), m.load2(), m.HERE.endswith('pkg'))"


@pytest.mark.parametrize("layout", [{}, {"package": "pkg/parts"}], ids=["package", "sibling"])
def test_paths_made_from_file_stay_the_same(tmp_path: Path, layout: dict[str, str]) -> None:
    out = same_behaviour(tmp_path, FILE_READS, {"paths": ["HERE", "DATA"],
                                                "loaders": ["load", "load2"]}, SHOW_FILES,
                         files=FILE_FILES, **layout)
    assert out == "{'a': 1} ({'a': 1}, 42, 'pkg') True\n"
    folder = "pkg/big" if not layout else "pkg/parts"
    paths = (tmp_path / "after" / folder / "paths.py").read_text()
    assert '_SOURCE_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "big.py")' \
        in paths
    assert "HERE = os.path.dirname(os.path.abspath(_SOURCE_FILE))" in paths
    if not layout:  # the package facade is one directory deeper than the old module
        facade = (tmp_path / "after/pkg/big/__init__.py").read_text()
        assert 'os.path.dirname((__path__[0] + ".py")), "vendor"' in facade


def test_a_read_of_the_file_itself_is_left_and_refused(tmp_path: Path) -> None:
    """Left as written; round 31: no split keeps what it reads, an error (GS156), not a
    warning (GS203) under which the split said "verified"."""
    source = """
        _SOURCE_FILE = "taken"


        def own():
            with open(__file__) as handle:
                return handle.readline(), _SOURCE_FILE


        def folder():
            return __import__("os").path.dirname(__file__)
    """
    config = make_project(tmp_path, source, {"a": ["own", "_SOURCE_FILE"], "b": ["folder"]})
    plan, texts = plan_texts(config)
    assert "with open(__file__) as handle:" in texts["pkg/big/a.py"]
    assert [(f.code, f.line) for f in plan.findings if f.code in ("GS156", "GS203")] == [
        ("GS156", 5)]  # the `open` call's line (round 32), not the def's
    assert "_godsplit_source_file = os.path" in texts["pkg/big/b.py"]  # the name was taken
    assert "dirname(_godsplit_source_file)" in texts["pkg/big/b.py"]


# Django lists management commands (and migrations) with `pkgutil.iter_modules`, skipping
# packages: `shop/management/commands/sync.py` split into a package was no longer a
# command ("Unknown command: 'sync'"), and the import check passed.
COMMAND = """
    from django.core.management.base import BaseCommand


    def fetch():
        return "fetched"


    class Command(BaseCommand):
        def handle(self, *args, **options):
            self.stdout.write(fetch())
"""
CALL = """
    import os
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("sync")
"""
DJANGO_FILES = {"shop/__init__.py": "", "shop/management/__init__.py": "",
                "shop/management/commands/__init__.py": "",
                "settings.py": 'SECRET_KEY = "x"\nINSTALLED_APPS = ["shop"]\n'}


def test_a_management_command_is_split_beside_its_file(tmp_path: Path) -> None:
    pytest.importorskip("django")
    source, modules = "shop/management/commands/sync.py", {"fetching": ["fetch"],
                                                             "command": ["Command"]}
    config = make_project(tmp_path, COMMAND, modules, path=source, files=DJANGO_FILES)
    with pytest.raises(GodsplitError, match=r"Django finds commands as modules, not packages: "
                       r"as a package, sync.py would no longer be found; set `package` .*"
                       r"`package = \"shop/management/sync_parts\"`"):
        plan_texts(config)
    out = same_behaviour(tmp_path / "beside", COMMAND, modules, CALL, path=source,
                         files=DJANGO_FILES, package="shop/management/sync_parts")
    assert out == "fetched\n"


# pytest collects `test_*.py` files and never a package's `__init__.py`: a test module
# split in the package layout ran no test at all ("no tests ran"), and said "verified".
TESTS = """
    import pytest


    @pytest.fixture
    def num():
        return 3


    def helper(x):
        return x * 2


    def test_one(num):
        assert helper(num) == 6


    class TestGroup:
        def test_two(self, num):
            assert helper(1) + num == 5
"""
RUN_TESTS = """
    import subprocess, sys
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "tests"], capture_output=True, text=True)
    print(proc.stdout.strip().splitlines()[-1].split(" in ")[0])
"""


def test_a_test_module_is_split_beside_its_file(tmp_path: Path) -> None:
    modules = {"basics": ["num", "helper", "test_one"], "group": ["TestGroup"]}
    config = make_project(tmp_path, TESTS, modules, path="tests/test_big.py")
    with pytest.raises(GodsplitError, match=r"pytest collects test files and conftest.py "
                       r"files, not packages: .*\(`package = \"tests/test_big_parts\"`\)"):
        plan_texts(config)
    out = same_behaviour(tmp_path / "beside", TESTS, modules, RUN_TESTS, path="tests/test_big.py",
                         package="tests/test_big_parts")
    assert out == "2 passed\n"  # the fixture `num` too, used in the other new module


# Flask finds templates and static files beside the module `__name__` names: split in the
# package layout, webapp.py became webapp/__init__.py and every page failed with
# TemplateNotFound, while the plan had no error.
FLASK = """
    from flask import Blueprint, Flask, render_template

    app = Flask(__name__)
    bp = Blueprint("bp", __name__, template_folder="templates")


    @app.route("/")
    def index():
        return render_template("hi.html", name="x")


    @bp.route("/b")
    def b_index():
        return render_template("hi.html", name="b")


    app.register_blueprint(bp)
"""
PAGES = """
    from webapp import app
    client = app.test_client()
    print(client.get("/").status_code, client.get("/b").status_code)
"""


def test_flask_finds_its_templates_beside_the_module(tmp_path: Path) -> None:
    modules = {"core": ["app", "index"], "blue": ["bp", "b_index"]}
    config = make_project(tmp_path, FLASK, modules, path="webapp.py")
    plan, _ = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS126", 3), ("GS126", 4)]
    assert "`Flask(...)` given `__name__`" in plan.errors[0].message
    pytest.importorskip("flask")
    out = same_behaviour(tmp_path / "beside", FLASK, modules, PAGES, path="webapp.py",
                         package="webapp_parts", files={"templates/hi.html": "hi {{ name }}"})
    assert out == "200 200\n"


# GS124 (round 11, corr11) refused pyparsing 3.2.0's suggestion, which had applied with
# identical tests: the subclasses of `ParserElement` (one module) run before
# `_builtin_exprs = [v for v in vars().values() if isinstance(v, ParserElement)]` (another
# module, which imports the first at import time), so their order cannot change.
REGISTRY = """
    REG = []


    class Base:
        def __init_subclass__(cls, **kw):
            super().__init_subclass__(**kw)
            REG.append(cls.__name__)


    class A(Base):
        pass


    class B(Base):
        pass


    SNAP = list(REG)
"""


def test_changes_in_a_module_the_reader_imports_keep_their_order(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, REGISTRY, {"core": ["REG", "Base", "A", "B"],
                                              "snap": ["SNAP"]},
                         "import pkg.big as m; print(m.SNAP)")
    assert out == "['A', 'B']\n"


def test_changes_from_modules_that_do_not_import_each_other_are_refused(tmp_path: Path) -> None:
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    config = make_project(tmp_path, REGISTRY, {"core": ["REG", "Base"], "one": ["A"],
                                               "two": ["B"], "snap": ["SNAP"]},
                          package="pkg/parts")
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS124"]
