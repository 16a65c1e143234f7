"""Progress: the engine reports through a callback and prints nothing; the CLI shows it on a
terminal's stderr after a second, and never in pipes, captured output or JSON."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import godsplit
from godsplit.cli import main
from godsplit.cli import progress as progress_module

from splitkit import make_project

SOURCE = """
    def a():
        return 1


    def b():
        return a()
"""


def project(root: Path, setup: str = "") -> Path:
    make_project(root, SOURCE, {})
    (root / "godsplit.toml").write_text(
        f'verify-import = true\nverify-setup = "{setup}"\n[[split]]\nsource = "pkg/big.py"\n'
        '[split.modules]\nfirst = ["a"]\nsecond = ["b"]\n')
    return root


def test_the_api_reports_progress_through_the_callback_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    said: list[str] = []
    godsplit.plan(config=root / "godsplit.toml", progress=said.append)
    assert said == ["planning pkg/big.py", "import check: importing pkg.big before the split",
                    "import check: importing pkg.big after the split, in a scratch copy",
                    "scanning the project for patch targets"]
    said.clear()
    godsplit.plan(config=root / "godsplit.toml", progress=said.append, static=True)
    assert said == ["planning pkg/big.py", "scanning the project for patch targets"]
    said.clear()
    assert godsplit.apply(config=root / "godsplit.toml", progress=said.append).written
    assert said == ["planning pkg/big.py", "scanning the project for patch targets",
                    "importing the old modules before the split", "writing 4 files",
                    "verifying: importing the old modules after the split"]
    said.clear()
    godsplit.verify(config=root / "godsplit.toml", progress=said.append)
    assert said == ["verifying pkg/big.py"]
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(("args", "shown"), [
    (["plan"], True), (["plan", "--format", "json"], False), (["plan", "--diff"], False),
    (["apply"], True), (["verify"], True),
])
def test_machine_readable_output_never_gets_a_spinner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], shown: bool
) -> None:
    root = project(tmp_path)
    made: list[bool] = []
    real = progress_module.Spinner

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, enabled: bool = True) -> None:
            made.append(enabled)
            super().__init__(enabled)

    monkeypatch.setattr("godsplit.cli.split.Spinner", Recording)
    result = CliRunner().invoke(main, [args[0], "--config", str(root / "godsplit.toml"),
                                       *args[1:]])
    assert result.exit_code == 0, result.output
    assert made == [shown]


def _apply_with_stderr(root: Path, terminal: bool) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "godsplit", "apply"]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    if not terminal:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=follower) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.stdout is not None
        out = process.stdout.read().decode()
        process.wait()
    os.close(leader)
    return process.returncode, out, b"".join(chunks).decode(errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_a_slow_apply_shows_what_it_does_on_a_terminal_only(tmp_path: Path,
                                                            terminal: bool) -> None:
    """The import check after the split takes two seconds here."""
    setup = "import os, time\\nif os.path.isdir('pkg/big'):\\n    time.sleep(2)"
    root = project(tmp_path, setup)
    code, out, err = _apply_with_stderr(root, terminal)
    assert code == 0, (out, err)
    assert "verified" in out and "verifying" not in out  # stdout: the result only
    if terminal:
        assert "verifying: importing the old modules after the split" in err
        assert "planning" not in err  # that took less than the delay
    else:
        assert err == ""


def test_no_spinner_in_a_quick_run_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_module.Spinner() as say:
        say("quick")
    assert say.status is None  # the delay had not passed: nothing was shown


def test_check_reports_progress_too(tmp_path: Path) -> None:
    root = project(tmp_path)
    said: list[str] = []
    godsplit.check(config=root / "godsplit.toml", progress=said.append, count="code",
                   max_lines=1)
    assert said == ["finding Python modules", "counting lines in 2 files",
                    "counting code lines in 1 file"]
