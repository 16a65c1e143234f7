"""The oldest Python a project says its code runs on, as its formatter reads it.

A formatter writes some forms only for a Python that parses them: ruff's formatter wraps a
`with` statement of several context managers in parentheses for Python 3.9 and later, and
keeps each call's own parentheses for older ones. A file formatted for another version than
the project's is reformatted by the project's formatter check (paperless-ngx: ruff,
`target-version = "py311"`). The version is ruff's `target-version`, else the lower bound of
`[project] requires-python` of the nearest `pyproject.toml` (what ruff infers), else the
oldest of black's `target-version` list; None when the project says nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..types import GodsplitError
from .style_files import Section, find_ruff, nearest_pyproject

_VERSION = re.compile(r"py3(\d+)")
_LOWER_BOUND = re.compile(r"(?:>=|~=|==)\s*3\.(\d+)")


def declared_target(directories: list[Path]) -> str | None:
    """`py3X` for the oldest Python the project declares, or None."""
    try:
        ruff = find_ruff(directories)
        if ruff is not None:
            found = _ruff_target(ruff)
            if found is not None:
                return found
        pyproject = nearest_pyproject(directories)
        if pyproject is None:
            return None
        project = pyproject.sub("project")
        requires = project.string("requires-python", "") if project is not None else ""
        bounds = [int(minor) for minor in _LOWER_BOUND.findall(requires)]
        if bounds:
            return f"py3{min(bounds)}"
        black = pyproject.sub("tool", "black")
        targets = black.strings("target-version") if black is not None else []
    except GodsplitError:
        return None  # not ours to judge: the tools report their own config errors
    minors = [int(m.group(1)) for t in targets if (m := _VERSION.fullmatch(t.strip()))]
    return f"py3{min(minors)}" if minors else None


def _ruff_target(section: Section) -> str | None:
    for config in reversed(section.chain()):  # the nearest config first, then what it extends
        value = config.string("target-version", "") if config.has("target-version") else ""
        if _VERSION.fullmatch(value):
            return value
    return None
