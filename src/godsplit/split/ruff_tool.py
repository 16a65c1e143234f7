"""Finding and running the ruff godsplit installs, and what its failures mean.

A configuration ruff cannot load is the project's input (a `GodsplitError` naming its file
and line); any other failure is godsplit's own (a `ToolError`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import GodsplitError
from .file_stamps import Stamp, stamp
from .style_files import table_line
from .tool_error import ToolError

if TYPE_CHECKING:
    from .ruff_pin import ProjectRuff


def ruff_error(stderr: str, cwd: Path) -> Exception:
    """A configuration ruff cannot load (it does not parse, or pins another ruff version)
    is the project's input: GodsplitError with the file and line; anything else is a
    ToolError."""
    config = re.search(r"Failed to (?:load configuration `([^`]+)`|parse (\S+\.toml))\s*$",
                       stderr, re.MULTILINE)
    if config is None:
        where = re.search(r":(\d+):\d+: (.+)$", stderr, re.MULTILINE)  # line 1 is a marker
        cause = where[2] if where else (stderr.strip().splitlines() or ["ruff failed"])[-1]
        return ToolError(f"ruff failed on generated code:\n{stderr.strip()}", cause,
                         line=max(int(where[1]) - 1, 1) if where else 1)
    line = re.search(r"at line (\d+)", stderr)
    lines = [t.strip().removeprefix("Cause: ") for t in stderr.strip().splitlines() if t.strip()]
    cause = lines[-1].split(", expected one of")[0] if lines else "cannot be read"
    path = cwd / (config.group(1) or config.group(2))
    number = int(line.group(1)) if line else None
    key = re.fullmatch(r"unknown field `([\w-]+)`", cause)
    if key is not None and number is not None:  # ruff points at the table: find the key
        number = _key_line(path, key.group(1), number)
    return GodsplitError(f"ruff cannot use this configuration: {cause}", path, number)


def _key_line(path: Path, key: str, start: int) -> int:
    """The line of `key = ...` in the table that starts at line `start` of `path` (ruff
    points at the table, not the key), else `start`."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return start
    lines = text.splitlines()
    header = re.fullmatch(r"\s*\[([^\[\]]+)\]\s*(?:#.*)?", lines[start - 1]) if (
        0 < start <= len(lines)) else None
    return table_line(text, header[1].strip() if header else None, key, fallback=start) or start


def ruff_binary(tool: ProjectRuff | None = None) -> str:
    """The ruff to run: the project's (`tool`, `split/ruff_pin.py`) when one was found,
    else the ruff installed with godsplit."""
    return tool.executable if tool is not None else _own()


@cache
def _own() -> str:
    """The ruff installed with godsplit (its `ruff` dependency), else the one on PATH."""
    name = "ruff.exe" if sys.platform == "win32" else "ruff"
    for scheme in (None, f"{os.name}_user"):
        try:
            scripts = sysconfig.get_path("scripts", scheme) if scheme else (
                sysconfig.get_path("scripts"))
        except KeyError:
            continue
        candidate = Path(scripts) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise GodsplitError("ruff is not installed (it is a dependency of godsplit)")
    return found


def preview_rules(executable: str = "") -> frozenset[str]:
    """The rules `executable` (default: godsplit's ruff) reports only in preview mode
    (`ruff rule --all`): selected by a prefix (`RUF`) or by their code, they stay off
    unless the project sets `preview = true` (RUF067 in ruff 0.17). Empty when that ruff
    cannot say. Asked again when the executable is replaced (`file_stamps`)."""
    try:
        executable = executable or ruff_binary()
    except GodsplitError:
        return frozenset()
    return _preview_rules(executable, stamp(Path(executable)))


@lru_cache(maxsize=16)
def _preview_rules(executable: str, _key: Stamp) -> frozenset[str]:
    try:
        proc = subprocess.run([executable, "rule", "--all", "--output-format", "json"],
                              capture_output=True, text=True, timeout=60)
        rules = json.loads(proc.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return frozenset()
    return frozenset(r["code"] for r in rules if isinstance(r, dict) and r.get("preview"))


# Prefixes ruff renamed and still reads under the old name (its rule redirects):
# flake8-type-checking's TCH became TC in ruff 0.8 (`select = ["TCH"]` selects TC001).
_REDIRECTS = (("TCH", "TC"),)
# The codes ruff 0.8 gave them (ruff 0.6.9 lists TCH001-TCH005 and TCH010, and refuses
# `--select TC001`); a ruff before 0.8 knows, selects and reads in a noqa only the old code.
RENAMED_IN_0_8 = {f"TC{n}": f"TCH{n}" for n in ("001", "002", "003", "004", "005", "010")}


def code_for(code: str, version: tuple[int, ...]) -> str:
    """`code` as a ruff of `version` names it (() for godsplit's own: the current name)."""
    return RENAMED_IN_0_8.get(code, code) if version and version < (0, 8) else code


def redirected(codes: list[str]) -> tuple[str, ...]:
    """Rule selectors as ruff reads them: a renamed prefix under its current name."""
    return tuple(next((new + code[len(old):] for old, new in _REDIRECTS
                       if code.startswith(old)), code) for code in codes)
