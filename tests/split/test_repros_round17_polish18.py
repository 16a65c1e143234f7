"""Round 17 (polish18): generated code with no more machinery than it needs.

The live facade ran the new modules again on `importlib.reload(old)` (round 16, for
pagure's tests, which reload `pagure.lib.tasks`): about 70 lines written into every live
facade, whether or not anything reloads it, while a static or deprecated facade did not
run them again at all (what the new modules made at import time stayed that of the first
import). That code now goes into the facade, of any kind, of a module the project reloads
(found statically, through aliases), with a GS136 finding at each reload; into no other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split
from godsplit.split.reloads import find_reloads

from splitkit import dedent, run_python

TASKS = '''
    import json
    import os


    class App:
        def __init__(self, config):
            self.eager = json.load(open(config))["eager"]


    conn = App(os.environ["CONFIG"])


    def helper(x):
        return x * 2


    def update_git(x):
        return helper(x) if conn.eager else -1
'''
MODULES = 'app = ["App", "conn", "helper"]\ngit_files = ["update_git"]\n'
# pagure's tests/__init__.py: a configuration of the test's own, then the reload
RELOADER = '''
    import importlib
    import json
    import os

    os.environ["CONFIG"] = "config.json"
    json.dump({"eager": False}, open("config.json", "w"))
    import pkg.tasks

    first = pkg.tasks.update_git(1)
    json.dump({"eager": True}, open("config.json", "w"))
    importlib.reload(pkg.tasks)
    print(first, pkg.tasks.update_git(21), pkg.tasks.conn.eager,
          getattr(pkg.tasks, "missing", "none"))
'''


def _project(root: Path, facade: str = "live", reloader: str | None = RELOADER) -> Path:
    files = {"pkg/__init__.py": "", "pkg/tasks.py": TASKS}
    if reloader is not None:
        files["tests/test_reload.py"] = reloader
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    (root / "godsplit.toml").write_text(
        f'[[split]]\nsource = "pkg/tasks.py"\nfacade = "{facade}"\n\n[split.modules]\n{MODULES}')
    return root / "godsplit.toml"


def _run(root: Path) -> str:
    return run_python(root, "import runpy; runpy.run_path('tests/test_reload.py')")


def _facade(config: Path) -> str:
    loaded = load_config(config)
    plan, _ = plan_split(loaded, loaded.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    return next(c.data.decode() for c in plan.changes
                if c.data and c.path.name == "__init__.py" and c.path.parent.name == "tasks")


def test_a_live_facade_nothing_reloads_has_no_reload_code(tmp_path: Path) -> None:
    text = _facade(_project(tmp_path, reloader=None))
    assert "_godsplit_run_again" not in text and "_GODSPLIT_AGAIN" not in text
    assert "class _GodsplitFacade" in text  # still the live facade


def test_a_live_facade_the_project_reloads_says_so(tmp_path: Path) -> None:
    config = _project(tmp_path)
    loaded = load_config(config)
    plan, _ = plan_split(loaded, loaded.splits[0])
    text = _facade(config)
    assert "# godsplit: the project reloads this module (`importlib.reload`)" in text
    assert "_godsplit_run_again()" in text
    found = [f for f in plan.findings if f.code == "GS136"]
    assert [(Path(f.path).name, f.line, f.severity) for f in found] == [
        ("test_reload.py", 11, "info")]


@pytest.mark.parametrize("facade", ["live", "static", "deprecated"])
def test_reloading_runs_the_new_modules_again_in_every_facade(
    tmp_path: Path, facade: str,
) -> None:
    """The static and deprecated facades kept the app of the first import (`-1`, `False`);
    the deprecated facade's own `__getattr__`, taken for the module's on the second run,
    called itself until RecursionError for a name it did not have."""
    config = _project(tmp_path, facade)
    before = _run(tmp_path)
    assert before == "-1 42 True none\n"
    result = apply_splits(load_config(config))
    assert result.written and not result.errors, [f.render() for f in result.errors]
    assert _run(tmp_path) == before


@pytest.mark.parametrize("call", [
    "import importlib\nimport pkg.tasks\n\nimportlib.reload(pkg.tasks)\n",
    "from importlib import reload as again\nimport pkg.tasks as t\n\nagain(t)\n",
    "import imp\nfrom pkg import tasks\n\nimp.reload(tasks)\n",
    "import importlib, sys\n\nimportlib.reload(sys.modules['pkg.tasks'])\n",
    "import importlib\n\nimportlib.reload(importlib.import_module('pkg.tasks'))\n",
    "import importlib\nimport pkg.other\n\n\ndef f():\n    importlib.reload(pkg.tasks)\n",
    "import importlib\n\n\ndef f():\n    import pkg.tasks as t\n    importlib.reload(t)\n",
])
def test_reloads_found_through_aliases(tmp_path: Path, call: str) -> None:
    (tmp_path / "t.py").write_text(call)
    last = call.rstrip("\n").count("\n") + 1  # the reload is the last line
    assert [r.line for r in find_reloads(tmp_path, "pkg.tasks")] == [last]


@pytest.mark.parametrize("call", [
    "import importlib\nimport pkg.other\n\nimportlib.reload(pkg.other)\n",
    "import importlib\nimport tasks\n\nimportlib.reload(tasks)\n",  # another `tasks`
    "import pkg.tasks\n\npkg.tasks.reload_config()\n",
])
def test_other_reloads_are_not_taken(tmp_path: Path, call: str) -> None:
    (tmp_path / "t.py").write_text(call)
    assert find_reloads(tmp_path, "pkg.tasks") == ()


LEDGER_RELOAD = '''
    """The sample's module, reloaded (as pagure's tests reload theirs)."""

    import importlib

    import ledger.core


    def test_reload_keeps_the_module() -> None:
        """Reloaded, the module is the same object, with the same names."""
        money = ledger.core.Money
        assert importlib.reload(ledger.core) is ledger.core
        assert ledger.core.Money is not money
        assert ledger.core.Money(1).amount == 1
'''


@pytest.mark.slow
@pytest.mark.parametrize("facade", ["live", "static", "deprecated"])
def test_the_reload_code_adds_no_finding_under_the_projects_tools(
    tmp_path: Path, facade: str,
) -> None:
    """The sample project (ruff, ruff format, mypy --strict), with a test that reloads
    the split module: each facade kind with the reload code is clean, and the reload test
    passes (the reloaded module's classes are those of the new run, as before the split)."""
    from test_lint_quality import LEDGER, _no_new_findings, pytest_passed

    source = tmp_path / "source" / "ledger"
    source.parent.mkdir()
    import shutil

    shutil.copytree(LEDGER, source, ignore=shutil.ignore_patterns("__pycache__"))
    (source / "tests" / "test_reload.py").write_text(dedent(LEDGER_RELOAD))
    toml = source / "godsplit.toml"
    toml.write_text(toml.read_text().replace("[[split]]\n", f'[[split]]\nfacade = "{facade}"\n'))
    _no_new_findings(source, tmp_path / "split", ["ledger", "tests"])
    after = tmp_path / "split" / "after" / "ledger"
    assert "_godsplit_run_again()" in (after / "ledger" / "core" / "__init__.py").read_text()
    # (a static facade does not forward test_core's patches: its own tests are the reload's)
    assert pytest_passed(source) == 8
    assert pytest_passed(after, "tests/test_reload.py") == 1
