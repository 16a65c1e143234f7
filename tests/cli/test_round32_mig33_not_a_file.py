"""Round 32 (mig33): one wording for a path that is no regular file (`files.not_a_file`).

`config.not_a_file` (trial32), `api.suggest`, the suggest command and `read_source` each
worded "not a regular file (a pipe, a device)" / "not found" themselves, and
`godsplit.suggest()` called a directory given as the source "not a regular file (a pipe, a
device)", untrue (plan and apply, through `read_source`, said "source is a directory, not a
.py file"; the command's click argument refuses a directory first). Every caller now says
the same for the same path, as the earlier tests (round 15's pipes, trial32's devices)
assert it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import godsplit
from godsplit.cli import main
from godsplit.types import GodsplitError

WORDS = {
    "directory": "source is a directory, not a .py file",
    "pipe": "source is not a regular file (a pipe, a device)",
    "missing": "source file not found",
}


def _project(root: Path, kind: str) -> None:
    (root / "godsplit.toml").write_text("max-lines = 300\n")
    if kind == "directory":
        (root / "big.py").mkdir()
    elif kind == "pipe":
        os.mkfifo(root / "big.py")


@pytest.mark.parametrize("kind", sorted(WORDS))
@pytest.mark.parametrize("command", ["plan", "suggest"])
def test_the_cli_says_the_same_of_the_same_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, command: str,
) -> None:
    _project(tmp_path, kind)
    if command == "plan":
        (tmp_path / "godsplit.toml").write_text(
            '[[split]]\nsource = "big.py"\n\n[split.modules]\na = ["f"]\n')
    monkeypatch.chdir(tmp_path)
    args = ["suggest", "big.py"] if command == "suggest" else ["plan"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    said = "is a directory" if kind == "directory" and command == "suggest" else WORDS[kind]
    assert said in result.output and "big.py" in result.output, result.output  # (click's)


@pytest.mark.parametrize("kind", sorted(WORDS))
def test_the_api_says_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               kind: str) -> None:
    _project(tmp_path, kind)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GodsplitError) as raised:
        godsplit.suggest("big.py")
    assert str(raised.value.message) == WORDS[kind]


@pytest.mark.parametrize(("kind", "words"), [
    ("directory", "the config is a directory, not a file"),
    ("pipe", "the config is not a regular file (a pipe, a device)"),
    ("missing", "config file not found"),
])
def test_the_config_keeps_its_words(tmp_path: Path, kind: str, words: str) -> None:
    path = tmp_path / "conf.toml"
    if kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    with pytest.raises(GodsplitError) as raised:
        godsplit.plan(config=str(path))
    assert str(raised.value.message) == words
