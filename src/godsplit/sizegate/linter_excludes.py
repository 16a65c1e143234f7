"""The files the project's linters exclude: not the project's own code to keep small
either (generated Django migrations, vendored copies), so `godsplit check` skips them as
it skips the config's own excludes.

Ruff: each file is governed by the nearest `.ruff.toml`, `ruff.toml` or `pyproject.toml`
with `[tool.ruff]` in its directory or above (inside the repository), with the
configurations it `extend`s; a nested one replaces those above it (ruff does not merge
them), so its excludes apply to its subtree. As in ruff, `exclude` replaces the extended
configuration's and `extend-exclude` adds to it, each pattern relative to the directory of
the file that wrote it, matched with git's rules as the gate's `exclude` is (ruff's globs
agree on the forms projects write: `**/migrations/*`, `venv`, `docs/conf.py`).

flake8: `exclude` and `extend-exclude` of its one configuration (`flake8_excludes`).

A project configured for both linters has a file skipped only when both exclude it: a
file one of its linters checks is code it lints. The linters' own default excludes (build
directories, virtualenvs) are not added: the gate skips its own set.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from .flake8_excludes import Flake8Excludes

RUFF_FILES = (".ruff.toml", "ruff.toml", "pyproject.toml")


class RuffExcludes:
    """One ruff configuration's patterns: per directory that wrote some, how a
    root-relative path reads from there (a prefix to add, or one to strip), and the spec."""

    def __init__(self, layers: list[tuple[str, str, GitIgnoreSpec]], config: Path) -> None:
        self.layers = layers  # (prefix to add, prefix to strip, spec)
        self.config = config
        self.empty = not layers

    def match(self, rel: str) -> bool:
        return any(spec.match_file(add + rel[len(strip):])
                   for add, strip, spec in self.layers if rel.startswith(strip))


class LinterExcludes:
    """What every configured linter excludes (a file is skipped when all of them do)."""

    def __init__(self, linters: list[RuffExcludes | Flake8Excludes]) -> None:
        self.linters = linters

    @property
    def config(self) -> Path:
        return self.linters[0].config

    def match(self, rel: str) -> bool:
        """Whether the root-relative path `rel` ('/'-separated; a directory ends in '/')
        is excluded; a path outside the root (absolute) never is."""
        return not rel.startswith("/") and all(linter.match(rel) for linter in self.linters)


class Linters:
    """The linter configurations that apply under the project root `root`: those at or
    above a directory the walk starts from, and those it meets below."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.top = up_to_top(root)
        self._flake8: tuple[Flake8Excludes | None] | None = None
        self._at: dict[Path, LinterExcludes | None] = {}  # (files named one by one)

    def flake8(self) -> Flake8Excludes | None:
        if self._flake8 is None:
            from .flake8_excludes import flake8_excludes

            self._flake8 = (flake8_excludes(self.root, self.top),)
        return self._flake8[0]

    def at(self, start: Path) -> LinterExcludes | None:
        """The excludes for the walk from `start` (the root or a directory below it), or
        None when nothing is excluded there."""
        if start not in self._at:
            self._at[start] = self._find(start)
        return self._at[start]

    def _find(self, start: Path) -> LinterExcludes | None:
        from .flake8_excludes import FLAKE8_FILES

        directories = up_to_top(start)
        if not any(_may_exclude(d / name) for d in directories for name in RUFF_FILES) and not any(
                _may_exclude(d / name) for d in self.top for name in FLAKE8_FILES):
            return None  # (the config readers cost more than most walks: `check`'s fast path)
        from ..split.style_files import find_ruff

        section = find_ruff(directories)
        return self._combined(self._ruff(section) if section is not None else None)

    def below(self, directory: Path, names: set[str],
              current: LinterExcludes | None) -> LinterExcludes | None:
        """The excludes for the subtree of `directory` (met by the walk; `names` are its
        entries): a ruff configuration there replaces those above it."""
        if not any(_is_ruff(directory / name) for name in RUFF_FILES if name in names):
            return current
        from ..configtypes import GodsplitError
        from ..split.style_files import find_ruff

        try:
            section = find_ruff([directory])
        except GodsplitError:  # a broken nested config (a test fixture): ruff's problem
            return current
        return current if section is None else self._combined(self._ruff(section))

    def _combined(self, ruff: RuffExcludes | None) -> LinterExcludes | None:
        linters = [linter for linter in (ruff, self.flake8()) if linter is not None]
        if not linters or any(linter.empty for linter in linters):
            return None  # a configured linter that excludes nothing lints everything
        return LinterExcludes(linters)

    def _ruff(self, section: Section) -> RuffExcludes:
        from ..split.style_files import Section
        from .patterns import gitignore_spec

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
            if not patterns:
                continue
            spec = gitignore_spec([p.removeprefix("./") for p in patterns])
            if directory == self.root or directory in self.root.parents:
                prefix = Path(os.path.relpath(self.root, directory)).as_posix()
                layers.append(("" if prefix == "." else prefix + "/", "", spec))
            elif self.root in directory.parents:  # a nested configuration's directory
                layers.append(("", directory.relative_to(self.root).as_posix() + "/", spec))
        return RuffExcludes(layers, section.path)


if TYPE_CHECKING:
    from ..split.style_files import Section


def up_to_top(directory: Path) -> list[Path]:
    """`directory` and those above it, up to the repository's top (as style.py looks)."""
    directories = []
    for each in (directory, *directory.parents):
        directories.append(each)
        if (each / ".git").exists() or (each / ".hg").exists():
            break
    return directories


def _is_ruff(path: Path) -> bool:
    """Whether `path` may be a ruff configuration (a pyproject.toml only with `tool.ruff`:
    a cheap look before `find_ruff` parses it)."""
    if path.name != "pyproject.toml":
        return path.is_file()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "tool.ruff" in text or "[tool]" in text


def _may_exclude(path: Path) -> bool:
    """Whether `path` is a file that may hold (or extend a config that holds) an exclude."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "exclude" in text or "extend" in text
