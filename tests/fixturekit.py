"""The bundled fixture project (fixtures/intelliwiz): run it, its suite, its Celery snapshot."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "intelliwiz"


def run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True,
                          timeout=600, env=env)
    if check:
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def suite(root: Path) -> int:
    out = run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider").stdout
    match = re.search(r"(\d+) passed", out)
    assert match and "failed" not in out and "error" not in out.lower().split("passed")[-1], out
    return int(match.group(1))


def snapshot(root: Path) -> dict[str, object]:
    return json.loads(run(root, "scripts/celery_probe.py", "snapshot").stdout)  # type: ignore[no-any-return]
