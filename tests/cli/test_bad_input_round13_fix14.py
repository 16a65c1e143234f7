"""Bad input, round 13 (fix14): what round 12's sweep left (README "Bad input": "Not
covered"), each failing before its fix.

- A package made from a 0600 god file got its new modules and facade at the default mode
  (0644 under the usual umask): a private file's code became readable by everyone. New
  files get the source's permission bits now (without the execute bits: modules).
- plan's scan for patch targets (mock.patch strings in tests) skipped a directory it could
  not read and said nothing; it warns now (GS212), naming the directory, as migrate does
  (GS516).
- `godsplit suggest` on a source that is a symlink resolved it and suggested an entry for
  the file behind it (which the split then replaces by a package, leaving the link
  dangling); it refuses up front now with plan's and apply's error.
- A symlink in the project to the configured source (`big.py -> real/impl.py`, which the
  source-symlink error advises) was left dangling by the split, and `import big` failed
  after "verified"; plan, apply and suggest refuse such a source now.
- A SIGTERM after apply had written and verified the split (while it printed its report,
  or during interpreter shutdown) said "interrupted: nothing was written" and exited 130,
  or died of the signal (-15): the split stood all the same. Once the work is done, the
  signals are ignored: the report is printed and the exit status is the work's.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_input import BIG
from test_bad_input_round12 import CONFIG, assert_refused, invoke, tree_state

from conftest import make_project

TEST_USING = ("from unittest import mock\n\n\ndef test_it():\n"
              "    with mock.patch('big.alpha'):\n        pass\n")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("source_mode", "new_mode"), [(0o600, 0o600), (0o640, 0o640),
                                                       (0o700, 0o600)])
def test_a_package_made_from_a_private_source_is_private(
    source_mode: int, new_mode: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    (root / "big.py").chmod(source_mode)
    status, output = invoke(root, "apply", monkeypatch=monkeypatch)
    assert status == 0, output
    made = sorted((root / "big").glob("*.py"))
    assert [p.name for p in made] == ["__init__.py", "one.py", "rest.py", "two.py"]
    assert {p.name: _mode(p) for p in made} == {p.name: new_mode for p in made}


def test_plan_names_a_directory_it_could_not_search_for_patch_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "tests/test_big.py": TEST_USING}, CONFIG)
    status, output = invoke(root, "plan", monkeypatch=monkeypatch)
    assert status == 0 and "patch target 'big.alpha' -> " in output, output
    scandir = os.scandir

    def deny(path: str = ".") -> object:  # as chmod 000 (which does not stop root)
        if os.path.basename(os.fspath(path)) == "tests":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    status, output = invoke(root, "plan", monkeypatch=monkeypatch)
    assert status == 0, output
    assert "patch target 'big.alpha'" not in output
    assert "tests:1: GS212" in output, output
    assert "not searched for patch targets: cannot read this directory" in output, output


def test_suggest_refuses_a_source_symlink_as_plan_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"real/impl.py": BIG}, "verify-import = false\n")
    (root / "big.py").symlink_to("real/impl.py")
    for args in (("suggest", "big.py"), ("suggest", "big.py", "--write")):
        assert_refused(root, args, "big.py: source is a symlink (to real/impl.py)",
                       ("configure the file it points to",), monkeypatch)


@pytest.mark.parametrize("command", [("plan",), ("apply",), ("suggest", "real/impl.py")])
def test_a_symlink_to_the_source_is_refused(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`big.py -> real/impl.py`, and `real/impl.py` configured, as the error for a source
    symlink advises: the split made `real/impl` a package and left `big.py` dangling, so
    `import big` failed after a split that said verified (it imports `real.impl`)."""
    config = CONFIG.replace('source = "big.py"', 'source = "real/impl.py"')
    root = make_project(tmp_path, {"real/__init__.py": "", "real/impl.py": BIG}, config)
    (root / "big.py").symlink_to("real/impl.py")
    assert_refused(root, command, "real/impl.py: big.py is a symlink to this source",
                   ("the module imported through the link would be gone",), monkeypatch)


# the signal arrives once apply has printed its report ("verified"), or while the
# interpreter shuts down (an atexit hook, which runs before Python gives the default
# action back to the signals it handled)
AFTER_VERIFIED = """
import atexit, os, signal, subprocess, sys, time
signal.signal(signal.{signal}, signal.SIG_DFL)  # as a shell starts it (not so under nohup)
import godsplit.cli.output as output
printed = output.print_apply
def print_apply(*args, **kwargs):
    printed(*args, **kwargs)
    if "{at}" == "report":
        os.kill(os.getpid(), signal.{signal})
        time.sleep(0.2)
    if "{at}" == "storm":  # from another process, until this one is gone
        subprocess.Popen(["sh", "-c", f"while kill -{short} {{os.getpid()}}; do :; done"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.2)
output.print_apply = print_apply
def at_exit():
    os.kill(os.getpid(), signal.{signal})
    time.sleep(0.2)
if "{at}" == "shutdown":
    atexit.register(at_exit)
sys.argv = ["godsplit", "apply"]
from godsplit.cli import run
run()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signal", ["SIGTERM", "SIGHUP", "SIGINT"])
@pytest.mark.parametrize("at", ["report", "shutdown", "storm"])
def test_a_signal_after_the_split_is_verified_does_not_say_it_was_interrupted(
    signal: str, at: str, tmp_path: Path,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG.replace("verify-import = false\n", ""))
    code = AFTER_VERIFIED.format(at=at, signal=signal, short=signal[3:])
    proc = subprocess.run([sys.executable, "-c", code],
                          cwd=root, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, (proc.returncode, proc.stdout + proc.stderr)
    assert "verified" in proc.stdout, proc.stdout
    assert "interrupted" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert "Exception ignored" not in proc.stderr, proc.stderr
    state = tree_state(root)
    assert "big.py" not in state and "big/one.py" in state
    assert not [p for p in state if "godsplit-" in p]  # no journal, lock or backup left
