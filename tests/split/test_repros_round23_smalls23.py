"""Round 23 (smalls23): README item 19's small leftovers in the split engine.

19(c): a generated import (a new module's import of its sibling, the facade's re-exports)
still followed an import-only `if` whose test calls something (`if platform.system() ==
"Windows":`): E402 under pycodestyle < 2.6, which ends the import block at any `if`. The
generated imports now go before it when the test only calls interpreter or platform
queries, whose answer no project code loaded earlier can change."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from godsplit.split.head_order import generated_at

from splitkit import make_project, plan_texts, same_behaviour

PLATFORM = '''\
    """Values."""

    import platform
    import sys

    from . import helper

    if platform.system() == "Windows" and sys.platform.startswith("win"):
        import winreg

        _KEYS = True
    else:
        winreg = None

        _KEYS = False


    class Base(object):
        def dump(self):
            return winreg, _KEYS, helper.X


    class Child(Base):
        def more(self):
            return _KEYS
'''
HELPER = {"pkg/helper.py": "X = 1\n"}
MODULES = {"base": ["Base"], "child": ["Child"]}


def pycodestyle_25_e402(text: str) -> list[int]:
    """pycodestyle 2.5's E402: top-level imports after a top-level statement other than an
    import, `try`, a docstring or a dunder assignment (2.6 added `if`, `elif`, `with`)."""
    seen_code, lines = False, []
    for stmt in ast.parse(text).body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            if seen_code:
                lines.append(stmt.lineno)
        elif isinstance(stmt, ast.Try) or (
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        elif isinstance(stmt, ast.Assign) and all(
                isinstance(t, ast.Name) and t.id.startswith("__") for t in stmt.targets):
            continue
        else:
            seen_code = True
    return lines


def test_generated_imports_come_before_an_if_that_asks_the_platform(tmp_path: Path) -> None:
    config = make_project(tmp_path, PLATFORM, MODULES, files=HELPER)
    _, texts = plan_texts(config)
    for path in ("pkg/big/__init__.py", "pkg/big/child.py"):
        assert pycodestyle_25_e402(texts[path]) == [], (path, texts[path])
    child = texts["pkg/big/child.py"]
    assert child.index("from .base import Base") < child.index("if platform.system()")


@pytest.mark.slow
def test_moved_before_the_platform_if_behaves(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, PLATFORM, MODULES, """\
        from pkg.big import Base, Child, winreg, _KEYS
        print(Base().dump(), Child().more(), winreg, _KEYS)
        """, files=HELPER)
    assert "False" in out


IMPORTS = "from .base import Base\n"
HEAD = ["import os\n", "import platform\n", "import sys\n", "import importlib.util\n"]


@pytest.mark.parametrize("test", [
    "platform.system() == 'Windows'",
    "sys.platform.startswith(('win', 'cygwin'))",
    "platform.python_implementation().lower() == 'pypy'",
    "hasattr(sys, 'pypy_version_info')",
    "os.name == 'nt' and sys.getwindowsversion() >= (6,)",
])
def test_an_interpreter_query_in_the_test_lets_the_imports_go_first(test: str) -> None:
    block = f"if {test}:\n    import winreg\n"
    assert generated_at([*HEAD, block], IMPORTS, "pkg") == len(HEAD)


@pytest.mark.parametrize("test", [
    "os.environ.get('WINDOWS')",  # an earlier module may have set it
    "importlib.util.find_spec('winreg')",  # reads sys.path, sys.modules
    "platform.system(helper.X)",  # an argument from the project
    "sys.path.count('x')",  # a str method, but not on a str
    "check_platform()",  # unknown
    "getattr(sys, 'frozen', False)",  # not on the list
])
def test_any_other_call_keeps_the_imports_after(test: str) -> None:
    block = f"if {test}:\n    import winreg\n"
    assert generated_at([*HEAD, "from . import helper\n", block], IMPORTS, "pkg") is None


def test_a_query_only_counts_when_its_module_is_the_standard_librarys() -> None:
    block = "if platform.system() == 'Windows':\n    import winreg\n"
    assert generated_at(["from .compat import platform\n", block], IMPORTS, "pkg") is None
    assert generated_at(["import sys\n", "import platform\n", "platform = sys\n", block],
                        IMPORTS, "pkg") is None
    assert generated_at(["import platform as plat\n",
                         "if plat.system() == 'Windows':\n    import winreg\n"], IMPORTS,
                        "pkg") == 1


# 19(m): GS143 warned at documentation and output text that opens with the old qualified
# name: `__doc__ = "..."`, an option's `help=`, a module constant only ever raised or
# printed. The split does not change such text and nothing compares it with a repr. A
# constant a test imports (twisted compares its deprecation messages whole), one nothing
# reads, and an expected value in an assertion still warn.
SPAWN = """
    def spawn(command):
        return command


    def timeout(d):
        return d
"""
PROSE = '''
    import argparse

    from pkg.big import spawn

    __doc__ = "pkg.big.spawn, from the command line"

    _EMPTY = "pkg.big.spawn got an empty command"
    DEPRECATED = "pkg.big.timeout was deprecated in Pkg 17.1.0"
    UNREAD = "pkg.big.spawn is the runner"


    def main(argv):
        parser = argparse.ArgumentParser(description="pkg.big.spawn runs a command",
                                         epilog="pkg.big.timeout waits")
        parser.add_argument("command", help="pkg.big.spawn's command line")
        args = parser.parse_args(argv)
        if not args.command:
            raise SystemExit(_EMPTY)
        if args.command == "old":
            raise SystemExit(DEPRECATED)
        return spawn(args.command)


    class Runner:
        __doc__ = "pkg.big.spawn, as an object"


    def test_message(caught):
        assert str(caught) == "pkg.big.spawn was deprecated"
'''
TEST = '''
    from pkg.cli import DEPRECATED


    def test_deprecated(caught):
        assert str(caught) == DEPRECATED
'''


def test_gs143_skips_documentation_and_output_but_not_expected_values(tmp_path: Path) -> None:
    from godsplit.split.apply import plan_splits

    config = make_project(tmp_path, SPAWN, {"running": ["spawn", "timeout"]},
                          files={"pkg/cli.py": PROSE, "tests/test_cli.py": TEST})
    result = plan_splits(config, import_check=False)
    found = sorted((f.path.rsplit("/", 1)[1], f.line, f.message.split(" spells ")[1].split()[0])
                   for s in result.splits for f in s.findings if f.code == "GS143")
    assert found == [("cli.py", 8, "pkg.big.timeout"), ("cli.py", 9, "pkg.big.spawn"),
                     ("cli.py", 29, "pkg.big.spawn")], found


# 19(k): verify counted the names before the split from the old source, apply by importing
# it. A module that binds names at run time (a star import, a `globals()` loop) had apply
# say "the same 45 names, and 1 new: `__all__`" and verify "46 names: the same 5 as before
# the split, and 41 new: `GREEN`, `RED`, `abspath`...", which were not new. verify now
# imports the old text too (from a scratch copy) where the text cannot tell.
RUNTIME = '''\
    """Names bound at run time."""
    from os.path import *

    for _n in ("RED", "GREEN"):
        globals()[_n] = _n.lower()


    def alpha():
        return join("a", "b")


    def beta():
        return alpha()
'''


def _git(root: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root,
                   check=True, capture_output=True)


def test_the_places_a_module_binds_names_at_run_time() -> None:
    from textwrap import dedent

    from godsplit.files import decode_source
    from godsplit.split.analyze import analyze
    from godsplit.split.runtime_bound import runtime_binders

    analysis = analyze(decode_source(dedent(RUNTIME).encode(), Path("big.py")))
    assert runtime_binders(analysis) == ["a star import at line 2",
                                         "a write through `globals()` at line 4"]


@pytest.mark.slow
def test_apply_and_verify_count_run_time_names_alike(tmp_path: Path) -> None:
    import re

    from godsplit.split.history import verify_split

    from splitkit import apply

    config = make_project(tmp_path, RUNTIME, {"one": ["alpha"], "two": ["beta"]})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "before the split")
    result = apply(config)
    assert result.written and not result.errors, result.errors
    [applied] = [f.message for f in result.splits[0].findings if f.code == "GS400"]
    match = re.search(r"the same (\d+) names, and 1 new: `__all__`,", applied)
    assert match is not None, applied
    before = int(match[1])
    assert before > 40  # os.path's names, RED and GREEN
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "the split")
    [verified] = [f.message for f in verify_split(config, config.splits[0], None)
                  if f.code == "GS400"]
    assert f": {before + 1} names: the same {before} as before the split (" in verified, verified
    assert verified.endswith("and 1 new: `__all__`"), verified
