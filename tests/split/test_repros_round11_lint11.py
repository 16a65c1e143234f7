"""Round 11 (lint11): generated code under the project's mypy --strict and pylint.

coverage 7.18.0's `control.py`, split by suggest, under its own `mypy --strict` (5 new
errors) and pylint 4.1.3 with its `[tool.pylint]` (10 new messages). The minimal form
below has each cause: `os = isolate(os)` and a debugging import under an `if` (the new
modules and the facade must take both from the module that binds them, which binds them
by an import: mypy's "does not explicitly export"), and a default value read at
definition time from the other module of a call-time cycle (mypy: "Cannot determine
type"); the facade's `X as X` re-exports, its `import sys as _godsplit_sys` beside `import
sys`, and the live facade's helpers under a `no-docstring-rgx` that does not exempt them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.checker_config import find_pylint, has_mypy

from splitkit import apply, dedent, make_project, plan_texts, run_python

SOURCE = '''
    """A module whose `os` is wrapped, with a debugging import under a condition."""

    from __future__ import annotations

    import os
    import sys

    from pkg.helpers import isolate

    os = isolate(os)


    class Value:
        """A default."""


    DEFAULT = Value()


    class Thing:
        """Uses the default at definition time."""

        def __init__(self, data: Value = DEFAULT) -> None:
            self.data = data

        def where(self) -> str:
            """The directory."""
            return os.getcwd() + sys.platform


    def start() -> Thing:
        """A thing."""
        return Thing()


    if int(os.environ.get("DEBUG_CALLS", "0")):
        from pkg.helpers import decorate

        Thing = decorate(Thing)  # type: ignore[misc]
'''
HELPERS = '''
    """Helpers."""

    from typing import TypeVar

    T = TypeVar("T")


    def isolate(module: T) -> T:
        """The module itself."""
        return module


    def decorate(cls: T) -> T:
        """The class itself."""
        return cls
'''
MYPY = "[tool.mypy]\nwarn_unused_ignores = true\n"
PYLINT = '''
    [tool.pylint.basic]
    no-docstring-rgx = "__.*__"

    [tool.pylint."messages control"]
    enable = ["useless-suppression"]
    disable = ["cyclic-import", "import-outside-toplevel", "invalid-name",
               "too-few-public-methods", "wrong-import-position"]
'''
MAPPING = {"things": ["Thing"], "config": ["Value", "DEFAULT", "start"]}


def _project(root: Path, pyproject: str) -> dict[str, str]:
    config = make_project(root, SOURCE, MAPPING,
                          files={"pyproject.toml": pyproject, "pkg/helpers.py": HELPERS})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.errors, result.errors
    return texts


def _mypy(root: Path) -> set[tuple[str, str]]:
    """(code, message) of each error `mypy --strict` reports on the package."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         "/dev/null", "--no-error-summary", "--show-error-codes", "pkg"],
        cwd=root, capture_output=True, text=True, timeout=300)
    found = set()
    for line in proc.stdout.splitlines():
        match = re.match(r"^[^:]+:\d+: error: (.*?)  \[([\w-]+)\]$", line)
        if match:
            found.add((match[2], match[1]))
    return found


def test_mypy_strict_reports_nothing_new_on_names_bound_by_import_and_a_cycle(
        tmp_path: Path) -> None:
    before = tmp_path / "before"
    make_project(before, SOURCE, MAPPING,
                 files={"pyproject.toml": MYPY, "pkg/helpers.py": HELPERS})
    expected = _mypy(before)
    texts = _project(tmp_path / "after", MYPY)
    assert _mypy(tmp_path / "after") == expected == set()
    facade, config = texts["pkg/big/__init__.py"], texts["pkg/big/config.py"]
    assert re.search(r"^from pkg\.big\.things import [\w, ]*\bos  # type: ignore\[attr-defined, "
                     r"unused-ignore\]$", facade, re.MULTILINE), facade
    assert "if TYPE_CHECKING:  # mypy: no import-time cycle here\n" in config
    assert "from typing import TYPE_CHECKING\n" in config
    # the same code runs: the rebound `os` and the class reach every module
    code = """
        import os
        import sys
        import pkg.big
        print(pkg.big.os is os, pkg.big.start().data is pkg.big.DEFAULT)
        print(pkg.big.Thing().where() == os.getcwd() + sys.platform, hasattr(pkg.big, "decorate"))
    """
    assert run_python(tmp_path / "after", code) == run_python(before, code)


def test_without_a_mypy_config_the_imports_stay_as_they_were(tmp_path: Path) -> None:
    texts = _project(tmp_path, "[tool.ruff]\nline-length = 88\n")
    joined = "".join(texts.values())
    assert "type: ignore[attr-defined" not in joined and "TYPE_CHECKING" not in joined
    found = _mypy(tmp_path)  # what the marks above are for: this test can fail
    assert ("attr-defined", 'Module "pkg.big.things" does not explicitly export attribute "os"'
            ) in found
    assert ("has-type", 'Cannot determine type of "DEFAULT"') in found


def test_a_pylint_config_gets_pragmas_and_docstrings_where_it_reports(tmp_path: Path) -> None:
    texts = _project(tmp_path, MYPY + dedent(PYLINT))
    facade = texts["pkg/big/__init__.py"]
    assert "# pylint: disable=useless-import-alias\n" in facade
    assert "import sys as _godsplit_sys  # pylint: disable=reimported\n" in facade
    assert '    """Which new modules bind each name here to the same object."""\n' in facade
    assert '"""This module\'s type: its names are set in the new modules too."""\n\n' in facade
    pylint = subprocess.run([sys.executable, "-m", "pylint", "--version"], capture_output=True)
    if pylint.returncode:
        pytest.skip("pylint is not installed")
    proc = subprocess.run(
        [sys.executable, "-m", "pylint", "--score=n", "--msg-template={path}:{line}: {symbol}",
         "pkg/big"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip() == "", proc.stdout


def test_no_pylint_pragma_where_the_config_does_not_report_the_message(tmp_path: Path) -> None:
    quiet = MYPY + dedent(PYLINT).replace(
        '"invalid-name",', '"invalid-name", "useless-import-alias", "W0404",').replace(
        'no-docstring-rgx = "__.*__"', 'no-docstring-rgx = "^_"')
    facade = _project(tmp_path, quiet)["pkg/big/__init__.py"]
    # useless-suppression would report each pragma that suppresses nothing
    assert "pylint:" not in facade and '"""Which new modules' not in facade
    assert "pylint:" not in _project(tmp_path / "plain", MYPY)["pkg/big/__init__.py"]


def test_pylint_and_mypy_configs_are_found_as_the_tools_find_them(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[pylint.messages_control]\ndisable = C0116,\n  W\n"
                                        "[pylint.basic]\nno-docstring-rgx = ^test\n[mypy]\n")
    found = find_pylint([tmp_path])
    assert found is not None and found.path.name == "setup.cfg"
    assert not found.reports("missing-function-docstring") and not found.reports("reimported")
    assert found.reports("useless-import-alias") and not found.reports("useless-suppression")
    assert found.wants_docstring("_helper", "class") and not found.wants_docstring(
        "test_x", "class")
    assert has_mypy([tmp_path])
    (tmp_path / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\nenable=C0414\n")
    rc = find_pylint([tmp_path])
    assert rc is not None and rc.path.name == ".pylintrc"
    assert rc.reports("useless-import-alias") and not rc.reports("reimported")
    empty = tmp_path / "sub"
    empty.mkdir()
    (empty / "pyproject.toml").write_text("[tool.ruff]\n")
    assert find_pylint([empty]) is None and not has_mypy([empty])


def test_a_cycle_whose_top_reads_no_inferred_variable_keeps_its_plain_last_imports(
        tmp_path: Path) -> None:
    """Only a variable whose type mypy infers needs the other module checked first: a
    class, a function or an annotated variable does not, and the imports stay as they are."""
    source = SOURCE.replace("    DEFAULT = Value()", "    DEFAULT: Value = Value()")
    config = make_project(tmp_path, source, MAPPING,
                          files={"pyproject.toml": MYPY, "pkg/helpers.py": HELPERS})
    plan, texts = plan_texts(config)
    assert not plan.errors and "TYPE_CHECKING" not in texts["pkg/big/config.py"]
    assert apply(config).written
    assert _mypy(tmp_path) == set()


def test_a_marked_import_fits_the_sorter_and_flake8s_line_limit(tmp_path: Path) -> None:
    """A type comment that makes a line too long: parentheses (the comment after `(`, where
    sorters leave it), and flake8's E501 (it counts comments) gets a targeted noqa."""
    from godsplit.split.checker_marks import TYPE_IGNORE, for_checkers
    from godsplit.split.style import detect_style

    (tmp_path / ".flake8").write_text("[flake8]\nmax-line-length = 79\n")
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    style = detect_style(tmp_path / "pkg" / "x.py", stop=tmp_path)
    package = tmp_path / "pkg" / "big"
    texts = {
        package / "things.py": "import os\n\nos = os\n",
        package / "config.py": "from pkg.big.things import os\n\n"
                               "from pkg.big.things import (\n    os as os,\n)\n",
        package / "__init__.py": "try:\n    from pkg.big.things import os as os  # noqa: F401\n"
                                 "except ImportError:\n    pass\n",
    }
    out = for_checkers(texts, style)
    assert out[package / "things.py"] == texts[package / "things.py"]
    assert out[package / "config.py"] == (
        f"from pkg.big.things import os  {TYPE_IGNORE}\n\n"
        f"from pkg.big.things import (  {TYPE_IGNORE}\n    os as os,\n)\n")
    assert out[package / "__init__.py"] == (
        f"try:\n    from pkg.big.things import (  {TYPE_IGNORE}  # noqa: F401, E501\n"
        "        os as os,\n    )\nexcept ImportError:\n    pass\n")
