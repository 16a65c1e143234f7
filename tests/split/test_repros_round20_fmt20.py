"""Round 20 (fmt20): generated code clean under the project's own pinned tools.

(d) godsplit sorted and formatted with its own ruff (0.17.6) whatever the project pinned:
Weblate pins 0.14.4 in `.pre-commit-config.yaml`, which does not know the RUF067 of the
facade's `# ruff: noqa` (RUF100). The pin is read (`split/ruff_pin.py`); a ruff of that
version in the project's virtualenv is run instead (GS222), and where none is found
godsplit says so (GS221) and names no rule the pinned version does not know.
(c) dulwich's kept imports after its `__all__` got `X as X` aliases in place, combined
(`from io import A as A, B as B`), which ruff's isort (combine-as-imports off) reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path
from textwrap import dedent

import pytest

from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split
from godsplit.split.ruff_pin import find_pin, project_ruff
from godsplit.split.ruff_tool import ruff_binary
from godsplit.types import Finding

from splitkit import make_project

PRE_COMMIT = """\
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v6.0.0
    hooks:
      - id: trailing-whitespace
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.14.4
    hooks:
      - id: ruff-check
"""

# Weblate's ruff settings, in short: RUF selected, preview on (RUF067 is a preview rule)
WEBLATE_RUFF = '[lint]\nselect = ["F", "E", "I", "PLC", "RUF"]\npreview = true\n'

SOURCE = """
    import logging

    logger = logging.getLogger(__name__)


    def one():
        logger.info("one")
        return 1


    def two():
        return one() + 1
"""


@pytest.fixture(autouse=True)
def _no_ruff_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ruff of a pinned version outside the test's project: an empty PATH, no active
    virtualenv, an empty pre-commit cache."""
    (tmp_path / "nobin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nobin"))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))


@pytest.mark.parametrize(("name", "text", "line", "how"), [
    (".pre-commit-config.yaml", PRE_COMMIT, 7, "pre-commit's ruff hook"),
    ("ruff.toml", 'line-length = 100\nrequired-version = "==0.14.4"\n', 2,
     "ruff's required-version"),
    ("pyproject.toml", '[tool.uv]\nrequired-version = "==0.9.0"\n\n[tool.ruff]\n'
     'required-version = "0.14.4"\n', 5, "ruff's required-version"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[dependency-groups]\nlint = [\n'
     '    "mypy>=1",\n    "ruff==0.14.4",\n]\n', 7, "a requirement"),
    ("pyproject.toml", '[tool.poetry.group.dev.dependencies]\npytest = "^8"\n'
     'ruff = "0.14.4"\n', 3, "a requirement"),
    ("requirements-dev.txt", "pytest>=8\nruff==0.14.4  # lint\n", 2, "a requirement"),
    ("uv.lock", 'version = 1\n\n[[package]]\nname = "ruff"\nversion = "0.14.4"\n', 5,
     "uv.lock's resolution"),
])
def test_the_pin_is_read_where_projects_write_it(
        tmp_path: Path, name: str, text: str, line: int, how: str) -> None:
    (tmp_path / name).write_text(text)
    pin = find_pin([tmp_path])
    assert pin is not None
    assert (pin.version, pin.path, pin.line, pin.how) == ("0.14.4", tmp_path / name, line, how)


def test_a_range_or_another_tools_version_is_no_pin(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.uv]\nrequired-version = "==0.9.0"\n\n[project.optional-dependencies]\n'
        'dev = ["ruff>=0.14", "ruff-lsp==0.0.60"]\n')
    assert find_pin([tmp_path]) is None


def _weblate_like(root: Path, pre_commit: str = PRE_COMMIT, alias: bool = False
                  ) -> list[Finding]:
    """Split a Weblate-like project (package facade, live machinery; with `alias`, the
    source's own `X as X` re-export, which the facade keeps); the plan's findings."""
    own = "import logging\n    from collections import OrderedDict as OrderedDict\n"
    source = SOURCE.replace("import logging\n", own) if alias else SOURCE
    config = make_project(root, source, {"a": ["one"], "b": ["two"]}, files={
        "ruff.toml": WEBLATE_RUFF, ".pre-commit-config.yaml": pre_commit})
    (root / ".git").mkdir()
    plan, _ = plan_split(config, config.splits[0])
    assert apply_splits(config).written
    return list(plan.findings)


def test_a_pinned_ruff_not_found_is_said_and_no_unknown_noqa_is_written(tmp_path: Path) -> None:
    """Weblate: RUF067 is ruff 0.14.11's; ruff 0.14.4 reports its noqa (RUF100)."""
    findings = _weblate_like(tmp_path)
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "_godsplit" in init  # the live facade's machinery, RUF067's subject
    assert "RUF067" not in init, init
    found = [f for f in findings if f.code == "GS221"]
    assert len(found) == 1, findings
    own = subprocess.run([ruff_binary(), "--version"], capture_output=True, text=True).stdout
    assert found[0].severity == "warning"
    assert (found[0].path, found[0].line) == (str(tmp_path / ".pre-commit-config.yaml"), 7)
    assert "pins ruff 0.14.4" in found[0].message and own.split()[1] in found[0].message
    assert "sort" in found[0].message and "format" in found[0].message


def test_the_pinned_ruff_in_the_projects_virtualenv_is_run(tmp_path: Path) -> None:
    """A `.venv/bin/ruff` of the pinned version sorts and formats the generated lines."""
    log = tmp_path / "calls.log"
    fake = tmp_path / ".venv" / "bin" / "ruff"
    fake.parent.mkdir(parents=True)
    fake.write_text(dedent(f"""\
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "ruff 0.14.4"; exit 0; fi
        echo "$1" >> {log}
        exec {ruff_binary()} "$@"
    """))
    fake.chmod(0o755)
    findings = _weblate_like(tmp_path)
    calls = log.read_text().split()
    assert "check" in calls and "format" in calls, calls
    found = [f for f in findings if f.code in ("GS221", "GS222")]
    assert [(f.code, f.severity, f.line) for f in found] == [("GS222", "info", 7)], found
    assert str(fake) in found[0].message


def test_a_ruff_of_another_version_is_not_run(tmp_path: Path) -> None:
    fake = tmp_path / ".venv" / "bin" / "ruff"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/bin/sh\necho "ruff 0.15.0"\n')
    fake.chmod(0o755)
    (tmp_path / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    tool = project_ruff((tmp_path,), ruff_binary())
    assert tool.own and tool.executable == ruff_binary()
    assert tool.searched == ("the project's virtualenv", "pre-commit's cache")


@pytest.mark.network
@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("GODSPLIT_NETWORK") != "1", reason="GODSPLIT_NETWORK=1")
@pytest.mark.parametrize("version", ["0.14.4", "0.4.5"])
def test_weblate_like_split_is_clean_under_the_real_pinned_ruff(tmp_path: Path, version: str
                                                                ) -> None:
    """The pinned ruff installed in the project's .venv: its check and format find nothing
    (0.4.5 reports `X as X` in an `__init__.py` too, which ruff exempts since 2025)."""
    venv.create(tmp_path / ".venv", with_pip=True)
    pip = [str(tmp_path / ".venv/bin/python"), "-m", "pip", "install", "-q", f"ruff=={version}"]
    subprocess.run(pip, check=True, env={**os.environ, "PATH": os.defpath})
    _weblate_like(tmp_path, PRE_COMMIT.replace("0.14.4", version), alias=True)
    ruff = str(tmp_path / ".venv/bin/ruff")
    for args in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        proc = subprocess.run([ruff, *args, "pkg"], cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


# dulwich's `objects.py`: `__all__` first, then its imports; the facade keeps those nothing
# reads as `X as X` re-exports, in place and combined
KEPT_AFTER_ALL = '''
    """Doc."""

    __all__ = ["one", "two"]

    import os
    from collections import OrderedDict, defaultdict
    from typing import IO, TYPE_CHECKING, NamedTuple, TypeVar


    def one():
        return os.sep


    def two():
        return one() + "x"
'''


@pytest.mark.parametrize(("files", "check"), [
    ({"ruff.toml": '[lint]\nselect = ["F", "E", "I"]\n'}, "ruff"),
    ({"ruff.toml": '[lint]\nselect = ["F", "E", "I"]\n[lint.isort]\ncombine-as-imports = true\n'},
     "ruff"),
    ({"pyproject.toml": '[tool.isort]\nprofile = "black"\n'}, "isort"),
    ({"pyproject.toml": '[tool.isort]\nprofile = "black"\nforce_single_line = true\n'}, "isort"),
])
def test_kept_imports_made_re_exports_are_written_as_the_sorter_writes_them(
        tmp_path: Path, files: dict[str, str], check: str) -> None:
    config = make_project(tmp_path, KEPT_AFTER_ALL, {"a": ["one"], "b": ["two"]}, files=files)
    (tmp_path / ".git").mkdir()
    assert apply_splits(config).written
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "import NamedTuple as NamedTuple" in init or "NamedTuple as NamedTuple," in init
    bin_dir = Path(sys.executable).parent
    command = [str(bin_dir / "ruff"), "check", "--no-cache", "--select", "I,F"] if (
        check == "ruff") else [str(bin_dir / "isort"), "--check-only", "--diff"]
    proc = subprocess.run([*command, "pkg/big"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr + init


# (k) GS134 and pdm-backend: `pip wheel` of a lone `bottle.py` with pdm-backend ships it;
# split beside itself, the wheel held `bottle_parts/` alone (checked with pdm-backend 2.4)
PDM = """
    [build-system]
    requires = ["pdm-backend"]
    build-backend = "pdm.backend"

    [project]
    name = "bottle"
    version = "1.0"
"""
BOTTLE = """
    def route():
        return 1


    def template():
        return route()
"""


def _gs134(root: Path, files: dict[str, str]) -> list[Finding]:
    config = make_project(root, BOTTLE, {"routing": ["route"], "templates": ["template"]},
                          path="bottle.py", files=files, package="bottle_parts")
    plan, _ = plan_split(config, config.splits[0])
    return [f for f in plan.findings if f.code == "GS134"]


def _line(path: Path, start: str) -> int:
    return next(n for n, t in enumerate(path.read_text().splitlines(), 1) if t.startswith(start))


def test_pdm_backend_default_ships_the_new_package_alone(tmp_path: Path) -> None:
    found = _gs134(tmp_path, {"pyproject.toml": PDM})
    line = _line(tmp_path / "pyproject.toml", "build-backend")
    assert [(Path(f.path).name, f.line, f.severity) for f in found] == [
        ("pyproject.toml", line, "warning")], found
    assert "pdm-backend" in found[0].message
    assert 'set `includes = ["bottle.py", "bottle_parts"]` under [tool.pdm.build]' in (
        found[0].message)


@pytest.mark.parametrize(("includes", "reported"), [
    ('["bottle.py"]', True), ('["bottle.py", "bottle_parts"]', False),
    ('["*.py", "bottle_*"]', False),
])
def test_pdm_backend_includes(tmp_path: Path, includes: str, reported: bool) -> None:
    pyproject = PDM + f"\n    [tool.pdm.build]\n    includes = {includes}\n"
    found = _gs134(tmp_path, {"pyproject.toml": pyproject})
    line = _line(tmp_path / "pyproject.toml", "includes")
    assert [f.line for f in found] == ([line] if reported else []), found
    assert all("add 'bottle_parts' to `includes`" in f.message for f in found)


def test_pdm_backend_with_packages_did_not_ship_the_module(tmp_path: Path) -> None:
    """A top-level package (even `tests/`): pdm-backend shipped no module before."""
    assert _gs134(tmp_path, {"pyproject.toml": PDM, "tests/__init__.py": ""}) == []


# (k) one reader for the line of a key in a TOML or INI table (`style_files.table_line`),
# where `dist_metadata` had its own two and `key_line`'s INI search ran past the section
SETUP_CFG = ("[metadata]\nname = x\n\n[options]\ninstall_requires =\n    packages\npy_modules = a\n"
             "\n[flake8]\npackages = 1\n")
TOML = ('[tool.setuptools]\nzip-safe = false\n\n[tool.ruff]\nlint.select = ["E"]\n\n'
        '[tool.ruff.format]\nquote-style = "single"\n')


def test_the_line_of_a_key_in_a_table(tmp_path: Path) -> None:
    from godsplit.split.dist_metadata import toml_line
    from godsplit.split.style_files import HEADER, key_line, table_line

    # INI: an indented line continues a value; the search ends at the next section
    assert table_line(SETUP_CFG, "options", "py_modules", ini=True, fallback=1) == 7
    assert table_line(SETUP_CFG, "options", "packages", ini=True, fallback=1) == 1
    (tmp_path / "setup.cfg").write_text(SETUP_CFG)
    assert key_line(tmp_path / "setup.cfg", "options", "packages", ini=True) == 4  # header
    # TOML: a key, dashed or not; a dotted key under the parent table; the header itself
    assert toml_line(TOML, "tool.setuptools", "zip_safe") == 2
    assert table_line(TOML, "tool.ruff.lint", "select") == 5
    assert toml_line(TOML, "tool.ruff.format", "") == 7
    assert toml_line(TOML, "tool.setuptools", "packages") == 1  # dist_metadata's fallback
    assert table_line(TOML, "tool.setuptools", "packages", fallback=HEADER) == 1
    assert table_line(TOML, "tool.ruff", "packages", fallback=HEADER) == 4
    assert table_line(TOML, "tool.ruff", "packages", fallback=None) is None
    assert table_line("line-length = 100\n[lint]\nx = 1\n", None, "x", fallback=None) is None


# (k) setuptools' package_dir: the names `packages` lists are setuptools', not those of
# the directories (`{"mylib": "src/impl"}`): a split of `src/impl/big.py` into a package
# makes `mylib.big`, which `packages=["mylib"]` does not ship
@pytest.mark.parametrize("files", [
    {"setup.py": 'from setuptools import setup\n\nsetup(\n    name="mylib",\n'
                 '    packages=["mylib"],\n    package_dir={"mylib": "src/impl"},\n)\n'},
    {"setup.cfg": "[metadata]\nname = mylib\n\n[options]\npackages = mylib\n"
                  "package_dir =\n    mylib = src/impl\n"},
    {"pyproject.toml": '[project]\nname = "mylib"\nversion = "1"\n\n[tool.setuptools]\n'
                       'packages = ["mylib"]\npackage-dir = {"mylib" = "src/impl"}\n'},
])
def test_setuptools_package_dir_names_the_packages(tmp_path: Path, files: dict[str, str]) -> None:
    config = make_project(tmp_path, BOTTLE, {"routing": ["route"], "templates": ["template"]},
                          path="src/impl/big.py", files=files)
    plan, _ = plan_split(config, config.splits[0])
    found = [f for f in plan.findings if f.code == "GS134"]
    assert len(found) == 1, plan.findings
    assert "lists packages without 'mylib.big'" in found[0].message, found[0].message
    assert "add 'mylib.big' to `packages`" in found[0].message


def test_the_ruff_pre_commit_installed_for_the_pinned_hook_is_found(tmp_path: Path) -> None:
    """pre-commit keeps each hook repo at its rev in its cache (`db.db`, table `repos`)."""
    import sqlite3

    cache = tmp_path / "pre-commit-cache"
    env = cache / "repoabc" / "py_env-python3.11" / "bin"
    env.mkdir(parents=True)
    (env / "ruff").write_text('#!/bin/sh\necho "ruff 0.14.4"\n')
    (env / "ruff").chmod(0o755)
    with sqlite3.connect(cache / "db.db") as db:
        db.execute("CREATE TABLE repos (repo TEXT, ref TEXT, path TEXT)")
        db.execute("INSERT INTO repos VALUES (?, ?, ?)", (
            "https://github.com/astral-sh/ruff-pre-commit", "v0.14.4", str(cache / "repoabc")))
    (tmp_path / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    tool = project_ruff((tmp_path,), ruff_binary())
    assert (tool.own, tool.executable, tool.version) == (False, str(env / "ruff"), "0.14.4")
