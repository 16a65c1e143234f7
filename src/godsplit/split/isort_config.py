"""The project's isort settings, and whether its isort sorts a given file at all."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..types import GodsplitError
from .file_stamps import stamps
from .style import Style

PRE_COMMIT = ".pre-commit-config.yaml"

if TYPE_CHECKING:
    import isort


# the files isort reads its settings from (and pre-commit's, for a hook's `args`)
CONFIG_FILES = (".isort.cfg", "pyproject.toml", "setup.cfg", "tox.ini", ".editorconfig", PRE_COMMIT)


@lru_cache(maxsize=64)
def _isort_config(directory: Path, hook: bool, _key: object) -> isort.Config:
    import isort

    if hook:  # no configuration file: the `args` of the project's pre-commit hook
        from .pre_commit import pre_commit_isort

        found = pre_commit_isort([directory])
        return isort.Config(settings_path=str(directory), **dict(found.data if found else {}))
    try:
        return isort.Config(settings_path=str(directory))
    except isort.exceptions.UnsupportedSettings:
        return _supported_only(directory)


def _supported_only(directory: Path) -> isort.Config:
    """The project's isort settings that today's isort knows. A setting only isort 4 had
    (NumPyro's `setup.cfg`: `not_skip = __init__.py`, which isort 5 dropped: it no longer
    skips `__init__.py`) makes isort refuse the whole file, where the project's own isort
    read it; the other settings (line length, sections, known first party) still say how
    the project sorts, so they are read from the same file and the removed ones left out
    (round 30: plan and suggest exited 2 on such a project)."""
    import dataclasses

    import isort
    from isort import settings

    root, found = settings._find_config(str(directory))
    known = {field.name for field in dataclasses.fields(settings._Config)}
    kept = {name: value for name, value in found.items()
            if name in known or name.startswith("known_")}  # `known_jax`: a section's own
    kept.setdefault("src_paths", (Path(root) / "src", Path(root)))
    return isort.Config(directory=root, **kept)


def settings_source(style: Style) -> tuple[Path, dict[str, Any]]:
    """Where isort reads the project's settings from (`settings_path`), and the settings
    its pre-commit hook's `args` give (when no configuration file has any)."""
    found = style.file("isort")
    directory = found.parent if found is not None else style.root
    if found is None or found.name != PRE_COMMIT:
        return directory, {}
    from .pre_commit import pre_commit_isort

    hook = pre_commit_isort([directory])
    return directory, dict(hook.data if hook else {})


def isort_settings(style: Style) -> isort.Config:
    found = style.file("isort")
    directory = found.parent if found is not None else style.root
    try:
        return _isort_config(directory, found is not None and found.name == PRE_COMMIT,
                             stamps(directory / name for name in CONFIG_FILES))  # changed: read again
    except Exception as exc:  # unknown profile, bad values: isort's own exception types
        raise GodsplitError(f"isort cannot use this configuration: {exc}", directory) from exc


def isort_sorts(style: Style, path: Path) -> bool:
    """Whether the project sorts the file at `path` with isort: not when its `skip`,
    `skip_glob` (SQLAlchemy's `skip_glob = ['*']`: it sorts with zimports) or
    `extend_skip` settings name it. Then godsplit leaves the order of the imports it writes
    as it is, and the formatter wraps them as it wraps other generated lines."""
    return style.sorter == "isort" and not isort_settings(style).is_skipped(path)


def isort_wrap(style: Style) -> int | None:
    """Where ruff sorts and the project runs isort too (pylint: `[tool.isort] profile =
    "black"`, ruff's line-length 115, black only in its pre-commit config): the line
    length isort wraps imports at, when it wraps them as ruff's isort does (in parentheses,
    one name a line, a trailing comma: black's profile, multi_line_output 3 with
    include_trailing_comma) and that is shorter than ruff's. isort's `line_length`, else
    its profile's (black's 88), else its default 79: isort resolves it. ruff's isort
    wrapping there writes imports both keep (ruff's for their magic trailing comma).
    None otherwise."""
    if style.sorter != "ruff" or style.file("isort") is None or not style.magic_trailing_comma:
        return None
    settings = isort_settings(style)
    if settings.multi_line_output.value != 3 or not settings.include_trailing_comma:
        return None
    return settings.line_length if settings.line_length < style.ruff_line_length else None
