"""Round 25 (smalls25): small defects left from round 23 (README item 21).

(c) godsplit sorted the imports it generates with its own isort (9.x), whatever isort the
project pins: urllib3's pre-commit pins isort 5.12.0, which wraps a 96-column re-export
with a trailing `# noqa` that isort 6 and later keep on one line, so one generated file
failed the project's `isort --check`. godsplit now sorts with the pinned isort from
pre-commit's cache or the project's virtualenv (GS150), and says which isort it used when
none is found (GS147).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from godsplit.split.normalize import Block, normalize
from godsplit.split.plan import plan_split
from godsplit.split.style import detect_style

from splitkit import make_project

PINNED = "5.12.0"
PRE_COMMIT = f"""\
repos:
  - repo: https://github.com/PyCQA/isort
    rev: {PINNED}
    hooks:
      - id: isort
"""
BLACK = '[tool.isort]\nprofile = "black"\n'
SOURCE = """
    import zlib


    def decode(data):
        return zlib.decompress(data)


    class Response:
        def read(self, data):
            return decode(data)
"""
# urllib3's facade line: 96 columns, over black's 88 only by its comments
LONG = ("if zstd is not None:\n    from .decoders import zstd as zstd  "
        "# type: ignore[attr-defined, unused-ignore]  # noqa: F401\n")


def _cache(home: Path, env: Path) -> None:
    """pre-commit's cache with the isort hook at PINNED installed into `env`."""
    repo = home / "repo1"
    repo.mkdir(parents=True)
    (repo / "py_env-python3").symlink_to(env, target_is_directory=True)
    with sqlite3.connect(home / "db.db") as db:
        db.execute("CREATE TABLE repos (repo TEXT NOT NULL, ref TEXT NOT NULL, "
                   "path TEXT NOT NULL, PRIMARY KEY (repo, ref))")
        db.execute("INSERT INTO repos VALUES (?, ?, ?)",
                   ("https://github.com/PyCQA/isort", PINNED, str(repo)))


def _says_it_is_pinned(env: Path, log: Path) -> None:
    """An environment whose isort says it is PINNED and logs each run; everything else is
    godsplit's isort."""
    import isort

    shim = env / "shim" / "isort"
    shim.mkdir(parents=True)
    real = Path(isort.__file__)
    shim.joinpath("__init__.py").write_text(dedent(f"""\
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location(
            "isort", {str(real)!r}, submodule_search_locations=[{str(real.parent)!r}])
        real = importlib.util.module_from_spec(spec)
        sys.modules["isort"] = real
        spec.loader.exec_module(real)
        real.__version__ = {PINNED!r}
        with open({str(log)!r}, "a") as out:
            out.write("ran\\n")
    """))
    python = env / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\nPYTHONPATH={env / 'shim'} exec {sys.executable} \"$@\"\n")
    python.chmod(0o755)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit"))
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


def test_the_plan_sorts_with_the_isort_pre_commit_pins_from_its_cache(
        project: Path, tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    _says_it_is_pinned(tmp_path / "env", log)
    _cache(tmp_path / "pre-commit", tmp_path / "env")
    config = make_project(project, SOURCE, {"decoders": ["decode"], "responses": ["Response"]},
                          files={"pyproject.toml": BLACK, ".pre-commit-config.yaml": PRE_COMMIT})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    found = [f for f in plan.findings if f.code in ("GS147", "GS150")]
    assert [(f.code, f.severity, f.line) for f in found] == [("GS150", "info", 3)]
    assert f"pins isort {PINNED}: godsplit sorts the imports it generates with that isort " \
           f"({tmp_path / 'pre-commit' / 'repo1' / 'py_env-python3' / 'bin' / 'python'})" \
           in found[0].message
    assert log.read_text().count("ran") >= 2  # the version asked, then the sorting


def test_without_the_pinned_isort_the_plan_says_which_isort_sorted(project: Path) -> None:
    import isort

    config = make_project(project, SOURCE, {"decoders": ["decode"], "responses": ["Response"]},
                          files={"pyproject.toml": BLACK, ".pre-commit-config.yaml": PRE_COMMIT})
    plan, _ = plan_split(config, config.splits[0])
    found = [f for f in plan.findings if f.code in ("GS147", "GS150")]
    assert [(f.code, f.severity, f.path, f.line) for f in found] == [
        ("GS147", "warning", str(project / ".pre-commit-config.yaml"), 3)]
    assert (f"pins isort {PINNED} and no isort {PINNED} was found (looked in the project's "
            f"virtualenv, pre-commit's cache): godsplit sorts the imports it generates with "
            f"its own isort {isort.__version__}") in found[0].message


@pytest.fixture(scope="session")
def isort_5_12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("isort-5.12") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q",
                           f"isort=={PINNED}"], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"isort {PINNED} not installable: {proc.stderr[-300:]}")
    return env


@pytest.mark.slow
def test_urllib3s_long_reexport_passes_the_pinned_isorts_check(
        project: Path, tmp_path: Path, isort_5_12: Path) -> None:
    _cache(tmp_path / "pre-commit", isort_5_12)
    (project / "pyproject.toml").write_text(BLACK)
    (project / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    init = project / "pkg" / "__init__.py"
    init.parent.mkdir()
    init.write_text("")
    (text,) = normalize([Block(LONG, sort=True)], detect_style(init), init)
    assert text != LONG  # isort 5.12.0 wraps it (godsplit's own isort keeps it)
    init.write_text(text)
    proc = subprocess.run([str(isort_5_12 / "bin" / "isort"), "--check-only", "--diff",
                           str(init)], cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# urllib3's shape: a class defined in the `else:` of an optional import; the facade takes
# `zstd` from its new module (bound only under a condition: mypy's type ignore and a
# pyflakes code), a line the comments make 96 columns long
OPTIONAL = """
    import zlib

    try:
        from compression import zstd
    except ImportError:
        HAS_ZSTD = False
    else:
        HAS_ZSTD = True

        class ZstdDecoder:
            def decompress(self, data):
                return zstd.decompress(data)


    def decode(data):
        if HAS_ZSTD:
            return ZstdDecoder().decompress(data)
        return zlib.decompress(data)


    class Response:
        def read(self, data):
            return decode(data)
"""


@pytest.mark.slow
@pytest.mark.parametrize("pinned", [True, False])
def test_a_type_ignore_line_is_written_as_the_isort_that_sorts_wraps_it(
        project: Path, tmp_path: Path, isort_5_12: Path, pinned: bool) -> None:
    from godsplit.split.apply import apply_splits

    if pinned:
        _cache(tmp_path / "pre-commit", isort_5_12)
    config = make_project(project, OPTIONAL, {"decoders": ["decode", "ZstdDecoder"],
                                              "responses": ["Response"]}, files={
        "pyproject.toml": BLACK + "\n[tool.mypy]\nstrict = true\n",
        ".flake8": "[flake8]\nignore = E501, E203, W503, W504\n",
        ".pre-commit-config.yaml": PRE_COMMIT})
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    codes = [f.code for s in result.splits for f in s.findings if f.code in ("GS147", "GS150")]
    assert codes == (["GS150"] if pinned else ["GS147"])
    init = (project / "pkg/big/__init__.py").read_text()
    assert "import zstd as zstd  # type: ignore" in init or "(  # type: ignore" in init, init
    isort = isort_5_12 / "bin" / "isort" if pinned else Path(sys.executable).parent / "isort"
    proc = subprocess.run([str(isort), "--check-only", "--diff", "pkg/big"], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# (h) CourtListener pins ruff 0.14.11, which counts the width of a noqa comment where
# godsplit's newer ruff does not: a long import with its noqa was written wrapped at the
# top level only, not inside a `try:` block, an `if` block or a function body
_RUFF = '[tool.ruff]\nline-length = 79\n[tool.ruff.lint]\nselect = ["E", "F", "I", "UP", "W"]\n'
_RUFF_PIN = ("repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
             "    rev: v0.14.11\n    hooks:\n      - id: ruff\n")
_NAME = "associate_related_instances_with_docket"


@pytest.mark.parametrize("head", ["try:", "if TYPE_CHECKING:", "def load():"])
def test_an_indented_import_with_its_noqa_is_wrapped_for_an_older_pinned_ruff(
        project: Path, head: str) -> None:
    from godsplit.split.noqa import pinned_wraps
    from godsplit.split.ruff_tool import ruff_binary

    (project / "pyproject.toml").write_text(_RUFF)
    (project / ".pre-commit-config.yaml").write_text(_RUFF_PIN)
    style = detect_style(project)
    assert style.ruff_tool is not None and style.ruff_tool.own  # 0.14.11 is not found here
    line = f"    from .associate_related import {_NAME}  # noqa: F401"
    assert len(line) > 79
    tail = "\nexcept ImportError:\n    pass\n" if head == "try:" else "\n"
    text = pinned_wraps(f"{head}\n{line}{tail}", style)
    assert text == (f"{head}\n    from .associate_related import (  # noqa: F401\n"
                    f"        {_NAME},\n    ){tail}")
    # godsplit's own ruff keeps that form too (the pinned one wraps the one-line form)
    proc = subprocess.run([ruff_binary(), "check", "--no-cache", "--select", "I001",
                           "--line-length", "79", "--stdin-filename", "pkg/mod.py", "-"],
                          input=text,
                          capture_output=True, text=True, cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("ask", ["version_of", "rule_versions"])
def test_a_replaced_ruff_is_asked_again(tmp_path: Path, ask: str) -> None:
    """A long-running process (the Python API in an editor): the project's ruff upgraded
    in place between two calls is asked again (the answers were cached by its path)."""
    import os

    from godsplit.split import ruff_pin

    fake = tmp_path / "ruff"

    def install(version: str, rule: str) -> None:
        fake.write_text(dedent(f"""\
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "ruff {version}"; exit 0; fi
            echo '[{{"code": "{rule}", "status": {{"Stable": {{"since": "{version}"}}}}}}]'
        """))
        fake.chmod(0o755)

    install("0.12.8", "RUF100")
    first = getattr(ruff_pin, ask)(str(fake))
    before = os.stat(fake).st_mtime_ns
    install("0.14.4", "RUF067")
    os.utime(fake, ns=(before + 10**9, before + 10**9))  # a coarse clock: later anyway
    second = getattr(ruff_pin, ask)(str(fake))
    if ask == "version_of":
        assert (first, second) == ("0.12.8", "0.14.4")
    else:
        assert (first, second) == ({"RUF100": "0.12.8"}, {"RUF067": "0.14.4"})


def test_an_isort_pinned_as_a_requirement_is_run_from_the_projects_virtualenv(
        project: Path, tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    _says_it_is_pinned(project / ".venv", log)
    config = make_project(project, SOURCE, {"decoders": ["decode"], "responses": ["Response"]},
                          files={"pyproject.toml": BLACK,
                                 "requirements-dev.txt": f"pytest\nisort=={PINNED}\n"})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    found = [f for f in plan.findings if f.code in ("GS147", "GS150")]
    assert [(f.code, f.path, f.line) for f in found] == [
        ("GS150", str(project / "requirements-dev.txt"), 2)]
    assert found[0].message.startswith(f"a requirement pins isort {PINNED}: godsplit sorts")
    assert log.read_text().count("ran") >= 2


def test_an_isort_older_than_the_api_godsplit_drives_is_said_not_run(project: Path) -> None:
    import isort

    config = make_project(project, SOURCE, {"decoders": ["decode"], "responses": ["Response"]},
                          files={"pyproject.toml": BLACK,
                                 ".pre-commit-config.yaml": PRE_COMMIT.replace(PINNED, "4.3.21")})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    [found] = [f for f in plan.findings if f.code in ("GS147", "GS150")]
    assert found.message.startswith(
        "pre-commit's isort hook pins isort 4.3.21 and godsplit drives isort 5.0 or later: "
        f"godsplit sorts the imports it generates with its own isort {isort.__version__}")
