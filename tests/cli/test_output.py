"""Readable, honest text output: no markup or emoji parsing, plurals, placement wording,
and long rows wrapped on a terminal, whole when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from splitkit import dedent

FILLER = "".join(f"X{i} = {i}\n" for i in range(97))
SOURCE = f'''\
import os

{FILLER}print("runs at import")  # line 100: GS204


def alpha():
    return os.sep


def also():
    return alpha()
'''


def project(root: Path, modules: str, source: str = SOURCE) -> Path:
    (root / "big.py").write_text(source)
    (root / "godsplit.toml").write_text(
        f'verify-import = false\n[[split]]\nsource = "big.py"\ndefault = "rest"\n'
        f"[split.modules]\n{modules}\n")
    return root


def plan(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["plan", "--config", str(root / "godsplit.toml"), *args])
    return result.exit_code, result.output


def test_line_100_is_not_an_emoji_and_brackets_are_not_markup(tmp_path: Path) -> None:
    code, out = plan(project(tmp_path, 'one = ["alpha"]\ntwo = ["[bold]x[/bold]"]'))
    assert code == 0, out
    assert "big.py:100: GS204 warning" in out  # rich would print `big.py💯 GS204`
    assert "\N{HUNDRED POINTS SYMBOL}" not in out
    assert "pattern '[bold]x[/bold]' of two matches no name" in out  # not swallowed as markup


def test_plurals_and_placement_wording(tmp_path: Path) -> None:
    code, out = plan(project(tmp_path, 'one = ["al*"]\ntwo = ["nothing"]'))
    assert code == 2
    assert "big.py: 2 modules, 1 error\n" in out
    assert "alpha (mapped by pattern 'al*')" in out
    assert "mapped: mapped" not in out
    code, out = plan(project(tmp_path, 'one = ["alpha", "also"]'))
    assert "big.py: 2 modules, 0 errors" in out  # one, and rest (the default)
    assert "alpha (mapped)\n" in out and "also (mapped)\n" in out


LONG = [f"function_number_{i:02d}_with_a_long_name" for i in range(12)]
CLUSTER = dedent(f"""
    STATE = 0


    {"".join(f'''def {name}():
        global STATE
        STATE += 1


    ''' for name in LONG)}""")


def _run_plan(root: Path, terminal: bool) -> str:
    """`godsplit plan` in a subprocess, its stdout a pseudo-terminal 60 columns wide or a pipe."""
    env = {**os.environ, "COLUMNS": "60", "LINES": "50", "TERM": "dumb", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "godsplit", "plan"]
    if not terminal:
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True,
                              check=True).stdout
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=root, env=env, stdout=follower,
                          stderr=subprocess.DEVNULL) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.slow
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_long_rows_wrap_on_a_terminal_and_stay_whole_when_piped(
    tmp_path: Path, terminal: bool
) -> None:
    """A cluster of twelve functions (they rebind one global) is one long placement row."""
    project(tmp_path, f'one = ["{LONG[0]}"]', source=CLUSTER)
    out = _run_plan(tmp_path, terminal)
    lines = out.splitlines()
    if terminal:
        assert max(len(line) for line in lines) <= 60, out
        words = " ".join(line.strip(" │├└─") for line in lines).replace(", ", " ").split()
        for name in LONG:  # every name is there, none cut off
            assert name in words or f"{name}," in words, (name, out)
    else:
        [row] = [line for line in lines if LONG[0] in line and LONG[-1] in line]
        assert row.rstrip().endswith(f"{LONG[-1]} (mapped by '{LONG[0]}')"), row


def test_errors_name_the_file_as_typed_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, "one = []")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plan"])
    assert result.exit_code == 2
    assert result.output.startswith("error: godsplit.toml:2: split[0] maps no names"), result.output
