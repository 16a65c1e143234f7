"""Run `probe.py` with a file of its own for the result.

The probe printed its result on standard output, after what the module printed. A module
whose import-time code takes standard output (`sys.stdout = io.StringIO()` or `None`,
`sys.stdout.close()`, `os.dup2(devnull, 1)`: code silencing a noisy import) hid it, and
godsplit said the module's code ended the interpreter and skipped the import check. The
probe writes the result to a file outside the project instead, named by its last argument.

`python -c` runs one text and the project's interpreter need not have godsplit: the
modules `probe.py` imports from the package are written where it imports them
(`probe_source`).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path


def run_probe(command: Sequence[str], cwd: Path, timeout: int,
              env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run `command` with the path of the result's file after its arguments: the finished
    process and what it wrote there ("" if nothing: the module's code ended the
    interpreter before the probe wrote). `subprocess.TimeoutExpired` and `OSError` are the
    caller's."""
    with tempfile.TemporaryDirectory(prefix="godsplit-probe-") as directory:
        path = Path(directory) / "result.json"
        proc = subprocess.run([*command, str(path)], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env=env)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return proc, text


_INLINED = re.compile(r"^from \.(\w+) import [\w, ]+  # godsplit: inlined\b.*\n", re.MULTILINE)
_FUTURE = "from __future__ import annotations\n"


def probe_source() -> str:
    """The text of `probe.py`, with the code of each module of the package it imports
    (`from .probe_main import runs_as_main  # godsplit: inlined`) in place of the import:
    what follows that module's docstring and `from __future__` import."""
    files = resources.files(__package__)

    def code(match: re.Match[str]) -> str:
        text = files.joinpath(match[1] + ".py").read_text(encoding="utf-8")
        return text[text.index(_FUTURE) + len(_FUTURE):]

    return _INLINED.sub(code, files.joinpath("probe.py").read_text(encoding="utf-8"))
