"""Round 27 (refs27, item 23(c)): pylint sorts with ruff (line-length 115, `I` selected)
and also runs isort with `[tool.isort] profile = "black"` and no `line_length`: isort's
black profile wraps at 88 columns. godsplit sorted the imports it wrote with ruff at 115
and joined them, so 2 of pylint's split files failed `isort --check`. Where ruff sorts and
the project's isort wraps as ruff's isort does (one name a line, a trailing comma), ruff's
isort now wraps at isort's line length (its profile's when none is given): the output
passes `isort --check`, `ruff check` (I001 keeps the wrapped import: its magic trailing
comma) and `ruff format --check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits

from splitkit import make_project

SOURCE = """\
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
)


def first_function_with_a_long_name(a: Callable, b: Awaitable, c: AsyncIterator):
    return a, b, c


def second_function_with_a_long_name(d: AsyncGenerator, e: AsyncIterable):
    return first_function_with_a_long_name(d, e, None)


def third_function_with_a_long_name_too():
    return second_function_with_a_long_name(None, None)


def fourth_function_with_a_long_name_too():
    return second_function_with_a_long_name(None, None)
"""
MAPPING = {"first_module_name": ["first_function_with_a_long_name",
                                 "second_function_with_a_long_name"],
           "other": ["third_function_with_a_long_name_too", "fourth_function_with_a_long_name_too"]}
RUFF = '[tool.ruff]\nline-length = 115\nlint.extend-select = ["E", "F", "I", "W"]\n\n'
ISORT = {
    "black profile, no line_length": '[tool.isort]\nprofile = "black"\n',
    "vertical hanging indent at 90": (
        "[tool.isort]\nmulti_line_output = 3\ninclude_trailing_comma = true\n"
        "use_parentheses = true\nline_length = 90\n"),
}


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=root, capture_output=True,
                          text=True)


@pytest.mark.parametrize("isort", sorted(ISORT))
def test_ruff_sorts_at_the_line_length_of_the_projects_isort(tmp_path: Path, isort: str) -> None:
    (tmp_path / ".git").mkdir()
    config = make_project(tmp_path, SOURCE, MAPPING,
                          files={"pyproject.toml": RUFF + ISORT[isort]})
    for check in (("isort", "--check-only", "pkg/big.py"), ("ruff", "check", "pkg")):
        assert _run(tmp_path, *check).returncode == 0  # the god file passes both
    result = apply_splits(config)
    assert result.written, [f.render() for f in result.errors]
    facade = (tmp_path / "pkg/big/__init__.py").read_text()
    assert ("from .first_module_name import (\n    first_function_with_a_long_name,\n"
            "    second_function_with_a_long_name,\n)\n") in facade, facade
    for check in (("isort", "--check-only", "--diff", "pkg/big"), ("ruff", "check", "pkg"),
                  ("ruff", "format", "--check", "pkg/big")):
        proc = _run(tmp_path, *check)
        assert proc.returncode == 0, (check, proc.stdout + proc.stderr)
