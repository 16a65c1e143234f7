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

from splitkit import dedent, ruff_check, run_python

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


# (a) max-doc-length: pycodestyle's own setup.cfg sets `max_doc_length = 72`; godsplit's
# comments (the marker, the live facade's) were written to 79 columns: W505
DOCS = '''
    """Jobs."""

    # a comment of the source's own, longer than seventy-two columns, left as it is here


    def first():
        return 1


    def second():
        return first() + 1
'''


@pytest.mark.parametrize("config", [
    ("setup.cfg", "[flake8]\nmax-doc-length = 72\n", "flake8"),
    ("setup.cfg", "[pycodestyle]\nmax_doc_length = 72\n", "pycodestyle"),
    ("tox.ini", "[testenv:lint]\ncommands = flake8 --max-doc-length=72 pkg\n", "flake8"),
    ("ruff.toml", "[lint]\nextend-select = [\"W505\"]\npycodestyle.max-doc-length = 72\n",
     "ruff"),
])
def test_godsplits_comments_fit_max_doc_length(
    tmp_path: Path, config: tuple[str, str, str],
) -> None:
    import subprocess
    import sys

    from godsplit.split.style import detect_style

    name, text, tool = config
    (tmp_path / name).write_text(text)
    package = "pkg/a_rather_long_package_name_for_the_jobs_of_this_project"
    for folder in ("pkg", package):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / f"{package}/jobs.py").write_text(dedent(DOCS))
    (tmp_path / "godsplit.toml").write_text(
        f'[[split]]\nsource = "{package}/jobs.py"\nfacade = "live"\n'
        '[split.modules]\nfirsts = ["first"]\nseconds = ["second"]\n')
    assert detect_style(tmp_path / package / "jobs.py", stop=tmp_path).doc_length == 72
    result = apply_splits(load_config(tmp_path / "godsplit.toml"))
    assert result.written and not result.errors, [f.render() for f in result.errors]
    written = sorted(str(p) for p in (tmp_path / package / "jobs").glob("*.py"))
    own = "# a comment of the source's own, longer than seventy-two columns, left as it is here"
    command = [sys.executable, "-m", "pycodestyle", "--select=W505", "--max-doc-length=72"]
    if tool == "ruff":
        command = [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "W505",
                   "--output-format", "concise", "--config",
                   "lint.pycodestyle.max-doc-length = 72"]
    proc = subprocess.run([*command, *written], capture_output=True, text=True, cwd=tmp_path)
    found = [line for line in proc.stdout.splitlines() if "W505" in line]
    assert found, proc.stdout + proc.stderr  # the source's comment, moved: the check works
    lines = [(tmp_path / f.split(":")[0]).read_text().splitlines()[int(f.split(":")[1]) - 1]
             for f in found]
    assert lines == [own], proc.stdout  # nothing of godsplit's
    facade = (tmp_path / package / "jobs" / "__init__.py").read_text()
    assert "# godsplit: live facade." in facade


# (g) ruff's `explicit-preview-rules`: in preview mode, a preview rule is reported only
# where its full code is selected, not through a prefix (`RUF`). godsplit took RUF067 (a
# preview rule) for reported and wrote its file exemption, which ruff then reported as
# unused (RUF100: "non-enabled: RUF067").
@pytest.mark.parametrize("named", [False, True])
def test_explicit_preview_rules_count_only_when_named(tmp_path: Path, named: bool) -> None:

    from splitkit import make_project

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
                 'preview = true\nexplicit-preview-rules = true\n'
                 + ('extend-select = ["RUF067"]\n' if named else ""))
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]},
                          files={"ruff.toml": ruff_toml})
    assert apply_splits(config).written
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "_godsplit" in init  # the live facade's machinery, RUF067's subject
    assert ("# ruff: noqa: RUF067" in init) == named, init
    proc = ruff_check(tmp_path, "pkg/big")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# One reader of what runs flake8 (a pre-commit hook's args, or a command line in a
# Makefile, tox, nox or a workflow), which also reads the configuration file the command
# names: `flake8 --config=ci/flake8.cfg` read only the line's options (none), so flake8's
# defaults (79 columns, E203 on) were taken for the project's.
@pytest.mark.parametrize("where", ["Makefile", "hook", "workflow"])
def test_flake8_options_from_the_config_file_its_command_names(
    tmp_path: Path, where: str,
) -> None:
    from godsplit.split.style import detect_style

    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "flake8.cfg").write_text(
        "[flake8]\nmax-line-length = 100\nextend-ignore = E203\nmax-doc-length = 90\n")
    line = "flake8 --max-doc-length=80 --config=ci/flake8.cfg pkg"
    if where == "Makefile":
        (tmp_path / "Makefile").write_text(f"lint:\n\t{line}\n")
    elif where == "hook":
        (tmp_path / ".pre-commit-config.yaml").write_text(
            "repos:\n  - repo: https://github.com/pycqa/flake8\n    rev: 7.1.0\n    hooks:\n"
            "      - id: flake8\n        args: [--max-doc-length=80, --config, ci/flake8.cfg]\n")
    else:
        (tmp_path / ".github" / "workflows").mkdir(parents=True)
        (tmp_path / ".github" / "workflows" / "ci.yml").write_text(
            f"jobs:\n  lint:\n    steps:\n      - run: pip install flake8\n      - run: {line}\n")
    (tmp_path / "pkg").mkdir()
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.flake8 is not None and "flake8" in style.linters
    assert style.lint_line_length == 100  # the file's
    assert not style.flake8.enables("E203") and style.flake8.enables("E501")
    assert style.doc_length == 80  # the command line's, over the file's
