"""GS141: the project's files name the god file in a traceback's frame line.

glom's tests compare formatted tracebacks with text such as `File "core.py", line ___, in
glom`: once `glom` moves to `glom/core/glomming.py`, the frame names that file, and those
tests fail though the split imports and behaves the same (suggest's split of glom 25.12.0:
9 tests). A traceback's file names are no behaviour the import check can compare, so this
is a warning, at each file's first such line, found as `find_reloads` finds reloads: the
project's Python files but the god file, as bytes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from ..types import Finding
from .project_walk import project_files


def frame_findings(root: Path, source: Path, exclude: Collection[Path] = ()) -> list[Finding]:
    """A GS141 warning for each of the project's files (but `exclude`, resolved) with a
    frame line naming `source`'s file (`File "core.py"`, `File ".../glom/core.py"`)."""
    frame = re.compile(rb'File \\?"(?:[^"\n]*[/\\])?' + re.escape(source.name.encode())
                       + rb'\\?"')
    out = []
    for path in project_files(root):
        if path.resolve() in exclude:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found = frame.search(data)
        if found is not None:
            line = data.count(b"\n", 0, found.start()) + 1
            out.append(Finding("GS141", "warning", (
                f"this file names {source.name} in a traceback's frame line "
                f"({found.group().decode(errors='replace')}): frames of code that moves name "
                "its new module's file, so text compared with such a traceback differs; only "
                "code kept in a facade left at this file (`package` set) still shows it"),
                str(path), line))
    return out
