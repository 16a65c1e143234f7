"""GS141: the project's files name the god file in a traceback's frame line.

glom's tests compare formatted tracebacks with text such as `File "core.py", line ___, in
glom`: once `glom` moves to `glom/core/glomming.py`, the frame names that file, and those
tests fail though the split imports and behaves the same (suggest's split of glom 25.12.0:
9 tests). A traceback's file names are no behaviour the import check can compare, so this
is a warning, at each file's first such line, found as `find_reloads` finds reloads: the
project's Python files but the god file, as bytes.

Round 29 (celery30): Onyx's tests hold a made-up traceback, `File "tasks.py", line 123, in
connector_permission_sync_generator_task`, of another `tasks.py`; plan warned about it for
the split of `user_file_processing/tasks.py`, which has no such function. A frame line that
names its function (`, line N, in name`) counts only when the god file defines that name
(or it is `<module>`, `<lambda>`, ...); one that names none, or a god file that does not
parse, counts as before.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection
from pathlib import Path

from ..types import Finding
from .project_walk import project_files

_IN = re.compile(rb",\s*line [^,\n]*,\s*in ([\w<>.]+)")


def _defined(source: Path) -> set[bytes] | None:
    """The names of the functions and classes `source` defines (frames name them)."""
    try:
        tree = ast.parse(source.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    return {node.name.encode() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _of_source(data: bytes, end: int, defined: set[bytes] | None) -> bool:
    """Whether the frame line whose file name ends at `end` may be one of the god file's."""
    named = _IN.match(data, end)
    return (defined is None or named is None or named.group(1).startswith(b"<")
            or named.group(1) in defined)


def frame_findings(root: Path, source: Path, exclude: Collection[Path] = ()) -> list[Finding]:
    """A GS141 warning for each of the project's files (but `exclude`, resolved) with a
    frame line naming `source`'s file (`File "core.py"`, `File ".../glom/core.py"`)."""
    frame = re.compile(rb'File \\?"(?:[^"\n]*[/\\])?' + re.escape(source.name.encode())
                       + rb'\\?"')
    defined = _defined(source)
    out = []
    for path in project_files(root):
        if path.resolve() in exclude:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found = next((m for m in frame.finditer(data) if _of_source(data, m.end(), defined)),
                     None)
        if found is not None:
            line = data.count(b"\n", 0, found.start()) + 1
            out.append(Finding("GS141", "warning", (
                f"this file names {source.name} in a traceback's frame line "
                f"({found.group().decode(errors='replace')}): frames of code that moves name "
                "its new module's file, so text compared with such a traceback differs; only "
                "code kept in a facade left at this file (`package` set) still shows it"),
                str(path), line))
    return out
