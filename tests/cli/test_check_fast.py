"""`godsplit check` without click (the pre-commit path) behaves exactly like the click command.

`checkrun.parse_fast` reads the common invocations itself and gives up on anything else,
which click then parses. Two guards against drift: whatever `parse_fast` accepts, click
parses to the same parameters (hypothesis, over arguments built from every option, good
and bad values, paths that exist, do not, or are directories); and the executable prints
the same bytes and exits with the same status as the click command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from godsplit.cli.checkrun import OPTIONS, parse_fast
from godsplit.cli.sizegate import check

from conftest import fuzz_examples

HERE = Path(__file__).resolve().parent
VALUES = ["1", "10", "0", "-3", "x", "physical", "code", "words", "json", "github", "concise",
          "sarif", "text", "xml", "*.py", "", "godsplit.toml", "missing.toml", ".", "sub"]
TOKENS = [*(option.name for option in OPTIONS), "-j", "-h", "--help", "--", "-", "--nope",
          *VALUES, "a.py", "sub/b.py", "missing.py"]


def click_params(args: list[str]) -> dict[str, object] | None:
    try:
        with check.make_context("check", list(args)) as context:
            return dict(context.params)
    except click.exceptions.Exit:
        return None  # --help
    except click.UsageError:
        return None


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fast")
    (root / "godsplit.toml").write_text("max-lines = 5\n")
    (root / "a.py").write_text("x = 1\n" * 8)
    (root / "sub").mkdir()
    (root / "sub" / "b.py").write_text("y = 2\n")
    return root


@settings(max_examples=fuzz_examples(200))
@given(st.lists(st.sampled_from(TOKENS), max_size=6)
       | st.lists(st.sampled_from([f"{o.name}={v}" for o in OPTIONS for v in VALUES] + TOKENS),
                  max_size=4))
def test_what_the_fast_parser_accepts_click_parses_the_same(args: list[str]) -> None:
    cwd = os.getcwd()
    os.chdir(Path(__file__).parent)  # paths below are looked up from a fixed place
    try:
        fast = parse_fast(args)
        if fast is None:
            return  # click handles it, help and errors included
        assert click_params(args) == fast, args
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("args", [
    [], ["a.py"], ["a.py", "sub/b.py"], ["--format", "json"], ["--format=github"],
    ["--format", "concise", "."], ["--max-lines", "7"], ["--max-lines=100", "--count", "code"],
    ["--exclude", "sub/**", "--exclude=a.py"], ["--config", "godsplit.toml", "a.py"],
])
def test_the_fast_parser_takes_the_common_invocations(tree: Path, args: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    fast = parse_fast(args)
    assert fast is not None and fast == click_params(args)


@pytest.mark.parametrize("args", [
    ["--help"], ["-j", "2"], ["--max-lines", "0"], ["--format", "xml"], ["--nope"], ["--", "a.py"],
    ["--config", "sub"], ["--update-baseline=yes"], ["--max-lines"],
])
def test_anything_else_is_left_to_click(tree: Path, args: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert parse_fast(args) is None


def _run(command: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    return done.returncode, done.stdout, done.stderr


CLICK = [sys.executable, "-c", "import sys; from godsplit.cli.app import main; "
         "sys.argv[0] = 'godsplit'; main()", "check"]
FAST = [sys.executable, "-m", "godsplit", "check"]


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    [], ["a.py"], ["sub/b.py"], ["--format", "json"], ["--format", "github"],
    ["--format", "sarif"], ["--format", "concise"], ["--count", "code"], ["missing.py"],
    ["--config", "missing.toml"], ["--baseline", "nope.json"], ["--max-lines", "100"],
    ["--update-baseline", "--baseline", "base.json"],
])
def test_the_executable_prints_what_the_click_command_prints(tree: Path, args: list[str]) -> None:
    fast = _run([*FAST, *args], tree)
    (tree / "base.json").unlink(missing_ok=True)
    slow = _run([*CLICK, *args], tree)
    (tree / "base.json").unlink(missing_ok=True)
    assert fast == slow


def test_the_fast_path_imports_neither_click_nor_rich(tree: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "godsplit", "check", "a.py"],
                          cwd=tree, capture_output=True, text=True, env=env, check=False)
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:")}
    assert done.returncode == 1 and "godsplit.cli.checkrun" in modules
    assert not {"click", "rich", "libcst", "networkx", "godsplit.types"} & modules
