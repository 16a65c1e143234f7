"""Round 28 (quality29): output quality and false findings left in README item 25.

(b) babel 2.16.0's hand split had one I001 under its ruff 0.5.1: a deferred import with its
`# noqa: E402` came to 94 columns. ruff before 0.17.0 counts a pragma comment in the width
its isort wraps at (0.5.1, 0.8.6, 0.11.13, 0.12.0, 0.13.0, 0.14.4, 0.16.10 wrap the line;
0.17.0 and 0.17.6 keep it), and so do isort 5.13.2 and 6.0.0. babel's sdist names no ruff
version (its pin is in the repository's pre-commit config), so godsplit sorted with its own
ruff 0.17.6, which kept the line whole. The wrapped form, the comment on its first line and
a magic trailing comma, is left alone by every one of those versions: godsplit writes it
wherever the project's ruff may be older than 0.17 (a pin before it, or no pin at all).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits
from godsplit.split.ruff_tool import ruff_binary

from splitkit import make_project

# formatting's functions call patterns' and patterns' methods call formatting's: a cycle
# read only inside functions, so formatting imports patterns last, marked for E402
CYCLE = """
    def get_decimal_precision(value):
        return len(str(value))


    def format_decimal(value):
        return NumberPatternBuilderClass().apply(parse_number_pattern_from_text(value))


    class NumberPatternBuilderClass:
        def apply(self, value):
            return get_decimal_precision(value)


    def parse_number_pattern_from_text(text):
        return text
"""
MODULES = {"formatting": ["get_decimal_precision", "format_decimal"],
           "patterns": ["NumberPatternBuilderClass", "parse_number_pattern_from_text"]}
LINE = "from .patterns import NumberPatternBuilderClass, parse_number_pattern_from_text"
RUFF = '[tool.ruff.lint]\nselect = ["E", "F", "I"]\n'


def _check(project: Path, where: str = "pkg") -> subprocess.CompletedProcess[str]:
    return subprocess.run([ruff_binary(), "check", "--no-cache", where], cwd=project,
                          capture_output=True, text=True)


@pytest.mark.parametrize("pin", ["", "0.14.4"])
def test_a_late_import_long_only_by_its_noqa_is_wrapped_where_the_ruff_may_count_it(
        tmp_path: Path, pin: str) -> None:
    """No ruff pin (babel's sdist) or one older than 0.17: the late import is written
    wrapped, which godsplit's own ruff (0.17.6) accepts, sorts and formats as it is."""
    files = {"pyproject.toml": RUFF}
    if pin:
        files[".pre-commit-config.yaml"] = (
            "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
            f"    rev: v{pin}\n    hooks:\n      - id: ruff\n")
    config = make_project(tmp_path, CYCLE, MODULES, files=files)
    assert len(LINE) <= 88 < len(LINE + "  # noqa: E402")
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    text = (tmp_path / "pkg/big/formatting.py").read_text()
    assert ("from .patterns import (  # noqa: E402\n    NumberPatternBuilderClass,\n"
            "    parse_number_pattern_from_text,\n)\n") in text, text
    proc = _check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([ruff_binary(), "format", "--no-cache", "--diff",
                           "pkg/big/formatting.py"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_pin_and_no_magic_trailing_comma_keeps_the_line_its_ruff_writes(
        tmp_path: Path) -> None:
    """`split-on-trailing-comma = false`: godsplit's ruff would join the wrapped form again
    (I001), and no pin says the project's ruff is older: the one line is kept."""
    files = {"pyproject.toml": RUFF + "[tool.ruff.lint.isort]\nsplit-on-trailing-comma = false\n"}
    config = make_project(tmp_path, CYCLE, MODULES, files=files)
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    text = (tmp_path / "pkg/big/formatting.py").read_text()
    assert LINE + "  # noqa: E402\n" in text, text
    proc = _check(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# (a) suggest did not find `module-name` itself: for a file the project imports by a
# shorter name than its packages give it (EvalAI's `apps/challenges/aws_utils.py`, imported
# as `challenges.aws_utils`), `suggest --write` wrote an entry that `plan` then stopped with
# GS423 ("add `module-name = ...`"); suggest now writes that line itself
def _evalai() -> dict[str, str]:
    """import28's project (`apps/` a package, a sibling importing `challenges.aws_utils`),
    without its tests and conftest."""
    from test_repros_round28_import28 import FILES

    return {k: v for k, v in FILES.items() if k.startswith(("proj/", "apps/"))}


def _cli(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from godsplit.cli import main

    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_suggest_write_sets_the_module_name_the_project_imports_it_by(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import make_project as write_files

    pytest.importorskip("celery")
    root = tmp_path / "evalai"
    write_files(root, _evalai())
    code, out = _cli(root, monkeypatch, "suggest", "apps/challenges/aws_utils.py", "--static",
                     "--write")
    assert code == 0, out
    written = (root / "godsplit.toml").read_text()
    assert ("# the name it runs by: apps/jobs/views.py:1 imports it so, with apps/ on sys.path\n"
            'module-name = "challenges.aws_utils"\n') in written, written
    code, out = _cli(root, monkeypatch, "plan", "--static")
    assert code == 0, out
    assert "GS423" not in out and "aws_utils.py: 1 module, 0 errors" in out, out
    assert "pinned to 'challenges.aws_utils.start_workers'" in out, out
    assert "apps.challenges.aws_utils" not in out, out


def test_suggest_sets_no_module_name_where_the_project_uses_the_packages_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import make_project as write_files

    pytest.importorskip("celery")
    root = tmp_path / "evalai"
    write_files(root, {**_evalai(), "apps/jobs/views.py": (
        "import apps.challenges.aws_utils as aws\n\n\ndef run():\n    return aws.start_workers(1)\n")})
    code, out = _cli(root, monkeypatch, "suggest", "apps/challenges/aws_utils.py", "--static",
                     "--write")
    assert code == 0, out
    assert "module-name" not in (root / "godsplit.toml").read_text()
    code, out = _cli(root, monkeypatch, "plan", "--static")
    assert code == 0 and "pinned to 'apps.challenges.aws_utils.start_workers'" in out, out


# (d) a package's `__init__.py` with no `__all__`, whose submodules are bound on it by
# imports after it (netaddr's `netaddr/__init__.py` imports `netaddr.ip.sets` after
# `netaddr.ip`): its `import *` gave them, and the facade's `__all__`, fixed when the facade
# ran, could not (GS405 refused every mapping). The facade now answers `import *` with the
# public names bound when it runs (PEP 562 `__getattr__` for `__all__`)
CORE = """
    \"\"\"Core.\"\"\"

    LIMIT = 3


    def helper(n):
        return n + LIMIT


    class Big:
        def grow(self, n):
            return helper(n)


    class Small(Big):
        pass
"""
LATE = {
    "lib/__init__.py": "from lib.core import Big, helper\nfrom lib.core.extra import Extra\n",
    "lib/core/extra.py": "from lib.core import Big\n\n\nclass Extra(Big):\n    pass\n",
    "pyproject.toml": '[tool.ruff.lint]\nselect = ["E", "F", "I", "UP", "W"]\n',
}
STAR = """
    import types
    import lib.core
    names = {}
    exec("from lib.core import *", names)
    print(sorted(n for n in names if n != "__builtins__"))
    print(sorted(n for n, v in names.items() if isinstance(v, types.ModuleType)))
"""


def test_a_package_init_keeps_the_submodules_bound_on_it_later_in_import_star(
        tmp_path: Path) -> None:
    from splitkit import run_python

    config = make_project(tmp_path, CORE, {"funcs": ["LIMIT", "helper"], "classes": ["Big", "Small"]},
                          path="lib/core/__init__.py", package="lib/core", files=LATE)
    before = run_python(tmp_path, STAR)
    assert "['extra']" in before, before
    result = apply_splits(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    assert run_python(tmp_path, STAR) == before
    # what a late import binds is exported; the split's own new modules are not
    assert run_python(tmp_path, "import lib.core, lib.core.funcs\nimport lib.core.classes\n"
                      "print(sorted(lib.core.__all__))\n") == (
        "['Big', 'LIMIT', 'Small', 'extra', 'helper']\n")
    proc = _check(tmp_path, "lib/core")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([ruff_binary(), "format", "--no-cache", "--check", "lib/core/__init__.py"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert run_python(tmp_path, "import lib.core\ntry:\n    lib.core.nope\nexcept AttributeError as e:"
                      "\n    print(e)\n") == "module 'lib.core' has no attribute 'nope'\n"
