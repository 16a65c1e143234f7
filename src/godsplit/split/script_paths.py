"""Whether a module is run as a script by its file's path, which the package layout ends.

autopep8's suite runs `python <root>/autopep8.py` (`os.path.join(ROOT_DIR,
'autopep8.py')`); split into the package `autopep8/`, the file was gone and 43 of its
command-line tests failed, after a clean plan and "verified" (the import check imports the
module; it does not run the file). A module with a top-level `__main__` block whose file
name another Python file of the project spells as a string is refused the package layout
(the sibling layout keeps the file, as the facade, and it still runs).
"""

from __future__ import annotations

import re
from pathlib import Path

from .project_walk import project_files

_MAIN = re.compile(rb"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.M)


def run_by_path(source: Path, root: Path) -> tuple[Path, int] | None:
    """The first other Python file of the project (and its line) that names the source's
    file in a string, when the source has a `__main__` block; else None."""
    try:  # (a pipe or a device is not read: it may never end; plan refuses it later)
        if not source.is_file() or not _MAIN.search(source.read_bytes()):
            return None
    except OSError:
        return None
    quoted = re.compile(rb"""['"]""" + re.escape(source.name.encode()) + rb"""['"]""")
    for path in project_files(root):
        if path.resolve() == source.resolve() or not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if source.name.encode() in data and (found := quoted.search(data)):
            return path, data.count(b"\n", 0, found.start()) + 1
    return None
