"""The README's Python API example runs as written, from the repository's root."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _api_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Python API"):]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


@pytest.mark.slow
def test_python_api_example_runs() -> None:
    proc = subprocess.run([sys.executable, "-c", _api_example()], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "background_tasks.journal_wellness_tasks" in proc.stdout
    assert "size gate passed: True" in proc.stdout
    assert "error: " in proc.stdout and "no/such/module.py" in proc.stdout
