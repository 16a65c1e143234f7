"""Round 16 (celery17b): found on pagure's `pagure/lib/tasks.py` (Flask + Celery).

pagure's tests write a configuration (`task_always_eager`, a broker of their own), then
`importlib.reload(pagure.lib.tasks)`: the god file ran again and made its Celery app
(`conn = Celery(...)`, `conn.conf.update(config["CELERY_CONFIG"])`) anew, eager, and its
tasks anew on it. Split, the reload ran the facade again, whose `from .app import conn`
found the new modules already imported: the app and its tasks stayed those of the first
import, not eager, and `pagure.lib.git.update_git` called `update_git.delay(...)` on a
broker at 0.0.0.0:6379 (18 of 63 tests of the subset failed, with the hand split alone
and after `migrate`). Reloading the facade now runs the new modules' code again, in place
and in the order they import each other, and takes anew the names it re-exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits

from splitkit import dedent, run_python

# an app made at import from the configuration of now (pagure's `conn`), a task on it
TASKS = '''
    import json
    import os


    class App:
        def __init__(self, config):
            self.eager = json.load(open(config))["eager"]

        def task(self, func):
            app = self

            class Task:
                def delay(self, *args):
                    if not app.eager:
                        raise ConnectionError("no broker at 0.0.0.0:6379")
                    return func(*args)

            return Task()


    conn = App(os.environ["CONFIG"])


    def helper(x):
        return x * 2


    @conn.task
    def update_git(x):
        return helper(x)


    @conn.task
    def clean_git(x):
        return -x
'''
# pagure.lib.git: calls the task through the module
USER = '''
    import pkg.tasks


    def update(x):
        return pkg.tasks.update_git.delay(x)
'''
MODULES = 'app = ["App", "conn", "helper"]\ngit_files = ["update_git", "clean_git"]\n'
# pagure's tests/__init__.py: a configuration of the test's own, then the reload
TEST = '''
    import importlib
    import json
    import os
    from unittest import mock

    os.environ["CONFIG"] = "config.json"
    json.dump({"eager": False}, open("config.json", "w"))
    import pkg.git
    import pkg.tasks

    json.dump({"eager": True}, open("config.json", "w"))
    importlib.reload(pkg.tasks)
    print(pkg.git.update(21), pkg.tasks.conn.eager)
    with mock.patch("pkg.tasks.helper", lambda x: x):
        print(pkg.git.update(21))
    print(pkg.tasks.update_git.delay(1), pkg.tasks.clean_git.delay(1))
'''


def _project(root: Path, modules: str = MODULES) -> None:
    for name, text in {"pkg/__init__.py": "", "pkg/tasks.py": TASKS, "pkg/git.py": USER,
                       "test_reload.py": TEST}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    (root / "godsplit.toml").write_text(
        f'[[split]]\nsource = "pkg/tasks.py"\n\n[split.modules]\n{modules}')


def _run(root: Path) -> str:
    return run_python(root, "import runpy; runpy.run_path('test_reload.py')")


def test_reloading_the_old_module_runs_the_moved_code_again(tmp_path: Path) -> None:
    _project(tmp_path)
    before = _run(tmp_path)
    assert before == "42 True\n21\n2 -1\n"
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    assert _run(tmp_path) == before  # was: ConnectionError, the app of the first import
    result = migrate(config)
    assert "pkg.tasks.git_files.update_git.delay" in (tmp_path / "pkg/git.py").read_text()
    assert result.written
    assert _run(tmp_path) == before


def test_a_module_listed_before_the_one_it_imports(tmp_path: Path) -> None:
    """`git_files` first in the facade's list, and it imports `conn` from `app`: reloaded
    in that order, it would take the old app; each runs again when first imported."""
    _project(tmp_path, "\n".join(reversed(MODULES.strip().split("\n"))) + "\n")
    before = _run(tmp_path)
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    facade = (tmp_path / "pkg/tasks/__init__.py").read_text()
    assert facade.index('.git_files"') < facade.index('.app"')
    assert _run(tmp_path) == before


def test_reload_keeps_the_module_objects(tmp_path: Path) -> None:
    """As `importlib.reload` does: the same module objects, run again; a second reload
    too."""
    _project(tmp_path)
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    assert run_python(tmp_path, '''
        import importlib, json, os
        os.environ["CONFIG"] = "config.json"
        json.dump({"eager": False}, open("config.json", "w"))
        import pkg.tasks, pkg.tasks.app as app, pkg.tasks.git_files as git_files
        first = (app.conn, git_files.update_git)
        json.dump({"eager": True}, open("config.json", "w"))
        importlib.reload(pkg.tasks)
        importlib.reload(pkg.tasks)
        import sys
        print(sys.modules["pkg.tasks.app"] is app, pkg.tasks.app is app,
              git_files.update_git is pkg.tasks.update_git, app.conn is not first[0],
              pkg.tasks.conn is app.conn, git_files.conn is app.conn, app.conn.eager)
    ''') == "True True True True True True True\n"


CELERY_TASKS = '''
    import os

    from celery import Celery

    conn = Celery("tasks", broker=os.environ["BROKER"])
    conn.conf.update(task_always_eager=os.environ.get("EAGER") == "1")


    @conn.task
    def update_git(x):
        return x * 2
'''


def test_a_celery_app_made_anew_on_reload(tmp_path: Path) -> None:
    """pagure's case with Celery itself: eager after the reload, as before the split. (The
    reload is in a file of the project: only there does the facade run the new modules
    again, round 17.)"""
    pytest.importorskip("celery")
    test = '''
        import importlib, os
        os.environ["BROKER"] = "memory://"
        import pkg.tasks
        os.environ["EAGER"] = "1"
        importlib.reload(pkg.tasks)
        result = pkg.tasks.update_git.delay(21)
        print(type(result).__name__, pkg.tasks.update_git.app is pkg.tasks.conn)
    '''
    code = "import runpy; runpy.run_path('test_reload.py')"
    files = {"pkg/__init__.py": "", "pkg/tasks.py": CELERY_TASKS, "test_reload.py": test}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(dedent(text))
    before = run_python(tmp_path, code)
    assert before == "EagerResult True\n"
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/tasks.py"\n\n[split.modules]\n'
        'app = ["conn"]\ngit_files = ["update_git"]\n')
    assert apply_splits(load_config(tmp_path / "godsplit.toml")).written
    assert run_python(tmp_path, code) == before


def test_the_old_module_reached_through_an_import_of_a_sibling(tmp_path: Path) -> None:
    """pagure's tests/__init__.py imports `pagure.lib.tasks_mirror` (which binds `pagure`)
    and reloads `pagure.lib.tasks`: `migrate --check` saw no use left, so `retire` would
    have gone ahead, and a reload of the retired package runs only its `__init__.py`. Uses
    through such an import are found now: `pkg.tasks.update_git` is rewritten (its module
    imported beside), the module object itself is left for a person, and `retire`
    refuses."""
    _project(tmp_path)
    (tmp_path / "pkg/other.py").write_text("X = 1\n")
    (tmp_path / "test_sibling.py").write_text(dedent('''
        import importlib
        import pkg.other


        def reload_and_call():
            importlib.reload(pkg.tasks)
            return pkg.tasks.update_git.delay(2), pkg.other.X
    '''))
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    (tmp_path / "config.json").write_text('{"eager": true}')
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONFIG", str(tmp_path / "config.json"))  # the import check runs it
        result = migrate(config)
    assert result.written
    text = (tmp_path / "test_sibling.py").read_text()
    assert "import pkg.other\nimport pkg.tasks.git_files\n" in text
    assert "return pkg.tasks.git_files.update_git.delay(2), pkg.other.X\n" in text
    assert "importlib.reload(pkg.tasks)\n" in text
    left = [u for u in result.uses if not u.fixable and Path(u.path).name != "test_reload.py"]
    assert [(Path(u.path).name, u.line, u.detail) for u in left] == [(
        "test_sibling.py", 6, "the module object itself is used here: edit by hand")]
    assert not retire(config).written


def test_the_longest_dotted_name_imported_reaches_it(tmp_path: Path) -> None:
    """`import pkg` and `import pkg.lib.git`: LibCST gives `pkg.lib.tasks` to `pkg.lib`
    (the longest name imported), not to `pkg`: pagure's `pagure/api/project.py` calls
    `pagure.lib.tasks.delete_project.delay(...)` that way, missed before (after `retire`, an
    AttributeError)."""
    files = {"pkg/__init__.py": "", "pkg/lib/__init__.py": "", "pkg/lib/git.py": "X = 1\n",
             "pkg/lib/tasks.py": "def helper():\n    return 1\n\n\ndef other():\n    return 2\n",
             "pkg/api.py": "import pkg\nimport pkg.lib.git\n\n\ndef call():\n"
                           "    return pkg.lib.tasks.helper(), pkg.lib.git.X\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/lib/tasks.py"\n\n[split.modules]\n'
        'one = ["helper"]\ntwo = ["other"]\n')
    config = load_config(tmp_path / "godsplit.toml")
    assert apply_splits(config).written
    assert migrate(config).written
    assert (tmp_path / "pkg/api.py").read_text() == (
        "import pkg\nimport pkg.lib.git\nimport pkg.lib.tasks.one\n\n\ndef call():\n"
        "    return pkg.lib.tasks.one.helper(), pkg.lib.git.X\n")
