"""The project's isort settings, and whether its isort sorts a given file at all."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import GodsplitError
from .style import Style

PRE_COMMIT = ".pre-commit-config.yaml"

if TYPE_CHECKING:
    import isort


@cache
def _isort_config(directory: Path, hook: bool = False) -> isort.Config:
    import isort

    if hook:  # no configuration file: the `args` of the project's pre-commit hook
        from .pre_commit import pre_commit_isort

        found = pre_commit_isort([directory])
        return isort.Config(settings_path=str(directory), **dict(found.data if found else {}))
    return isort.Config(settings_path=str(directory))


def isort_settings(style: Style) -> isort.Config:
    found = style.file("isort")
    directory = found.parent if found is not None else style.root
    try:
        return _isort_config(directory, found is not None and found.name == PRE_COMMIT)
    except Exception as exc:  # unknown profile, bad values: isort's own exception types
        raise GodsplitError(f"isort cannot use this configuration: {exc}", directory) from exc


def isort_sorts(style: Style, path: Path) -> bool:
    """Whether the project sorts the file at `path` with isort: not when its `skip`,
    `skip_glob` (SQLAlchemy's `skip_glob = ['*']`: it sorts with zimports) or
    `extend_skip` settings name it. Then godsplit leaves the order of the imports it writes
    as it is, and the formatter wraps them as it wraps other generated lines."""
    return style.sorter == "isort" and not isort_settings(style).is_skipped(path)
