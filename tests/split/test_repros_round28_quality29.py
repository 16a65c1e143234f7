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


def _check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ruff_binary(), "check", "--no-cache", *args, "pkg"], cwd=project,
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

