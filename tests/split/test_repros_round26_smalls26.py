"""Round 26 (smalls26): small defects left from round 24 (README item 22).

(d) A SIGKILL before apply wrote anything left an untracked `.godsplit-lock` in the tree: the
lock was an flock on a file in the project root, removed only when the run ended. The lock
is now an flock on the root directory itself (nothing written); a file lock stays as the
fallback where a directory cannot be flocked (Windows), and a stale one is taken over.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split import apply_lock, write
from godsplit.split.apply import apply_splits
from godsplit.types import GodsplitError

from conftest import make_project

BIG = "def alpha():\n    return 1\n\n\ndef beta():\n    return alpha() + 1\n"
CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n\n'
          '[split.modules]\none = ["alpha"]\n')

# apply stopped in its plan (before anything is written) until the test kills it
STOPPED_IN_PLAN = """
import pathlib, sys, time
import godsplit.split.apply as apply
def plan_split(config, split):
    pathlib.Path({marker!r}).touch()
    time.sleep(120)
apply.plan_split = plan_split
sys.argv = ["godsplit", "apply"]
from godsplit.cli import run
run()
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_sigkill_at_plan_time_leaves_the_tree_untouched(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG}, CONFIG)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    marker = tmp_path / "planning"
    process = subprocess.Popen(
        [sys.executable, "-c", STOPPED_IN_PLAN.format(marker=str(marker))], cwd=root,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _git(root, "status", "--porcelain", "--untracked-files=all", "--ignored") == ""
    (root / apply_lock.LOCK).write_text("999999")  # as a godsplit before round 26 left it
    result = apply_splits(load_config(root / "godsplit.toml"))  # the next run takes it over
    assert not (root / apply_lock.LOCK).exists()
    assert result.written and not result.errors and (root / "big" / "one.py").is_file()


def test_the_lock_is_held_without_writing_and_refuses_a_second_holder(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    before = sorted(p.name for p in root.iterdir())
    with write.locked(root):
        assert sorted(p.name for p in root.iterdir()) == before
        assert write.lock_holder(root)
        with pytest.raises(GodsplitError, match=f"running in this project.*{os.getpid()}"):
            with write.locked(root):
                pass
    assert not write.lock_holder(root)
    with write.locked(root):  # released
        pass


def test_without_a_directory_lock_a_stale_lock_file_is_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fallback (Windows): the file lock of a killed run is taken over and removed."""
    monkeypatch.setattr(apply_lock, "_directory", lambda root: None)
    root = make_project(tmp_path, {"big.py": BIG, apply_lock.LOCK: "999999"}, CONFIG)
    assert not write.lock_holder(root)
    with write.locked(root):
        assert (root / apply_lock.LOCK).read_text() == str(os.getpid())
        assert write.lock_holder(root)
        with pytest.raises(GodsplitError, match="running in this project"):
            with write.locked(root):
                pass
    assert not (root / apply_lock.LOCK).exists()
