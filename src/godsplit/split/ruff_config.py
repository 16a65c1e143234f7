"""A ruff configuration the ruff godsplit runs cannot read.

Projects pin their own ruff; a configuration written for an older or newer release (a
removed option such as `show-source`, a `required-version`) stops the ruff that godsplit
installs. godsplit then sorts and formats the lines it generates with the settings it read
from that configuration itself (`split/style.py`: line length, the isort options), passed
to ruff in isolated mode, and says so in a warning that names the file and line.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..types import Finding, GodsplitError
from .lint_paths import moved_ignores
from .ruff_tool import ruff_binary, ruff_error
from .style import Style


def usable(style: Style, path: Path, written: Iterable[Path] = ()) -> tuple[Style, list[Finding]]:
    """The style to normalize with: `style`, or the same settings with ruff's own reading
    of the configuration switched off when ruff cannot read it (GS114); and GS120 when
    the per-file ignores of `written` (the files the split writes) are not `path`'s."""
    moved = moved_ignores(style, path, written)
    if style.file("ruff") is None:
        return style, moved
    problem = _problem(style.root, path)
    if problem is None:
        return style, moved
    kept = (f"line length {style.line_length}; isort: known-first-party "
            f"{list(style.first_party)}, force-sort-within-sections "
            f"{str(style.force_sort_within_sections).lower()}, combine-as-imports "
            f"{str(style.combine_as).lower()}, force-single-line "
            f"{str(style.force_single_line).lower()}")
    return replace(style, ruff_isolated=True), [Finding(
        "GS114", "warning", f"the ruff godsplit runs ({_version()}) cannot use this "
        f"configuration ({problem.message.removeprefix('ruff cannot use this configuration: ')}); "
        f"the generated lines are sorted and formatted with the settings godsplit read from it "
        f"({kept}) and ruff's defaults for the rest", problem.path or str(path),
        problem.line or 1,
    ), *moved]


@cache
def _problem(root: Path, path: Path) -> GodsplitError | None:
    """What ruff says when it loads the configuration that applies to `path`."""
    proc = subprocess.run(
        [ruff_binary(), "format", "--stdin-filename", str(path), "-"], input="",
        capture_output=True, text=True, cwd=root, env={**os.environ, "RUFF_NO_CACHE": "true"},
        timeout=120,
    )
    if proc.returncode == 0:
        return None
    error = ruff_error(proc.stderr, root)
    return error if isinstance(error, GodsplitError) else None


@cache
def _version() -> str:
    proc = subprocess.run([ruff_binary(), "--version"], capture_output=True, text=True,
                          timeout=60)
    return proc.stdout.strip() or "ruff"
