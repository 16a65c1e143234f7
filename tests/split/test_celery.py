"""Celery after a split: same task names and options, routes still match, and a message
queued under the old name before the split is executed by a worker after it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.split.apply import apply_splits

pytest.importorskip("celery")
DATA = Path(__file__).resolve().parents[1] / "data" / "celery_project"
pytestmark = pytest.mark.slow


def _probe(root: Path, mode: str) -> str:
    env = dict(os.environ, BROKER_DIR=str(root / "broker"), RESULT_FILE=str(root / "result.txt"),
               PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "probe.py", mode], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("pin", [True, False], ids=["pinned", "not-pinned"])
def test_task_names_options_and_queued_messages_survive(tmp_path: Path, pin: bool) -> None:
    root = tmp_path / "proj"
    shutil.copytree(DATA, root)
    (root / "broker").mkdir()
    before = json.loads(_probe(root, "snapshot"))
    assert set(before) == {"pkg.tasks.add", "pkg.tasks.mul", "custom.name"}
    _probe(root, "send")  # queued by name, as a beat entry or a caller would, before the deploy
    config = parse_config({"split": [{
        "source": "pkg/tasks.py", "modules": {"math_tasks": ["add", "mul"], "misc": ["named"]},
        "pin-task-names": pin, "default": "misc",
    }]}, root / "godsplit.toml")
    result = apply_splits(config)
    assert result.written, result.errors
    after = json.loads(_probe(root, "snapshot"))
    if not pin:  # the hazard this guards against: moved tasks get new names
        assert "pkg.tasks.add" not in after and "pkg.tasks.math_tasks.add" in after
        return
    assert after == before
    assert 'name="custom.name"' in (root / "pkg/tasks/misc.py").read_text()  # left alone
    assert (root / "pkg/tasks/misc.py").read_text().count("name=") == 1
    _probe(root, "work")
    assert (root / "result.txt").read_text().split() == ["5", "pkg.tasks.mul"]
