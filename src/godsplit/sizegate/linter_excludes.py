"""The files the project's ruff configuration excludes (`exclude`, `extend-exclude`): not
the project's own code to keep small either (generated Django migrations, vendored
copies), so `godsplit check` skips them as it skips the config's own excludes.

The configuration is the one ruff uses for the project root: the nearest `.ruff.toml`,
`ruff.toml` or `pyproject.toml` with `[tool.ruff]` in the root or a directory above it
(inside the repository), with the configurations it `extend`s. As in ruff, `exclude`
replaces the extended configuration's and `extend-exclude` adds to it, each pattern
relative to the directory of the file that wrote it; ruff's own default excludes (build
directories, virtualenvs) are not added (the gate skips its own set). The patterns are
matched with git's rules, as the gate's `exclude` is (ruff's globs agree on the forms
projects write: `**/migrations/*`, `venv`, `docs/conf.py`).
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class LinterExcludes:
    """Per directory that wrote patterns: the root's path below it, and the patterns."""

    def __init__(self, layers: list[tuple[str, GitIgnoreSpec]], config: Path | None) -> None:
        self.layers = layers  # (the project root relative to the pattern's directory, spec)
        self.config = config  # the ruff configuration they come from

    def match(self, rel: str) -> bool:
        """Whether the root-relative path `rel` ('/'-separated; a directory ends in '/')
        is excluded; a path outside the root (absolute) never is."""
        return not rel.startswith("/") and any(
            spec.match_file(prefix + rel) for prefix, spec in self.layers)


def ruff_excludes(root: Path) -> LinterExcludes | None:
    """The ruff exclusions that apply to files under `root`, or None when there are none."""
    directories = []
    for directory in (root, *root.parents):  # up to the repository's top, as style.py
        directories.append(directory)
        if (directory / ".git").exists() or (directory / ".hg").exists():
            break
    if not any(_may_exclude(d / name) for d in directories
               for name in (".ruff.toml", "ruff.toml", "pyproject.toml")):
        return None  # (the config reader costs more than most walks: `check`'s fast path)
    from ..split.style_files import Section, find_ruff
    from .patterns import gitignore_spec

    section = find_ruff(directories)
    if section is None:
        return None
    by_directory: dict[Path, list[str]] = {}
    levels = [Section(level.path, level.header, level.data) for level in section.chain()]
    own = next((level for level in reversed(levels) if "exclude" in level.data), None)
    if own is not None:  # the nearest `exclude` replaces those it extends
        by_directory[own.path.parent] = own.strings("exclude")
    for level in levels:
        if "extend-exclude" in level.data:
            by_directory.setdefault(level.path.parent, []).extend(
                level.strings("extend-exclude"))
    layers = []
    for directory, patterns in by_directory.items():
        directory = directory.resolve()
        if patterns and (directory == root or directory in root.parents):
            prefix = Path(os.path.relpath(root, directory)).as_posix()
            layers.append(("" if prefix == "." else prefix + "/",
                           gitignore_spec([p.removeprefix("./") for p in patterns])))
    return LinterExcludes(layers, section.path) if layers else None


def _may_exclude(path: Path) -> bool:
    """Whether `path` is a file that may hold (or extend a config that holds) an exclude."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "exclude" in text or "extend" in text
