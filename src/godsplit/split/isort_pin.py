"""The isort a project pins, and the isort godsplit sorts its imports with.

godsplit sorts the import blocks it generates with isort's Python API, its own isort (a
dependency). isort's wrapping changes between releases: urllib3's pre-commit pins isort
5.12.0, which wraps a 96-column re-export with a trailing `# noqa` comment that isort 6 and
later keep on one line, so no text satisfies both and the project's `isort --check` failed
on one generated file. The pin is read where projects write it, the split file's
directory first, up to the repository root: a hook repo `.../isort` at `rev: X.Y.Z` in
`.pre-commit-config.yaml` (what its checks run), then `isort==X.Y.Z` in the files a ruff pin
is read from (requirements, pyproject, tox, nox, workflows), then a lock file's resolution.
An isort of that version is then looked for, with no network: the project's virtualenv
(`.venv`, `venv`), the active one (`$VIRTUAL_ENV`), pre-commit's cache for that hook and
rev. Found, godsplit sorts in that environment's Python (a short driver with the same
settings: GS150); not found (or older than 5.0, whose API differs), with its own isort,
and says which version it used and that the pinned one may sort otherwise (GS147).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..types import Finding, GodsplitError
from .file_stamps import Stamp, stamp, stamps
from .isort_config import CONFIG_FILES, isort_settings, isort_sorts, settings_source
from .isort_server import sort_with
from .ruff_pin import (
    hook_rev,
    lock_pin,
    parse_version,
    pin_files,
    pre_commit_envs,
    pre_commit_home,
    project_envs,
    requirement_pin,
)
from .style import Style

_REPO = re.compile(r"^(\s*)-?\s*repo:\s*['\"]?\S*/isort(?:\.git)?/?['\"]?\s*$")
_HOW = "pre-commit's isort hook"
OLDEST = (5, 0, 0)  # `isort.code` and `Config(config=...)`: the API the driver below uses


@dataclass(frozen=True)
class IsortPin:
    """The isort version a project pins, where (1-based line) and how."""

    version: str
    path: Path
    line: int
    how: str = _HOW  # "pre-commit's isort hook", "a requirement", "uv.lock's resolution"


@dataclass(frozen=True)
class ProjectIsort:
    """The isort godsplit sorts with for a project that pins one."""

    pin: IsortPin
    python: str  # the interpreter of an environment with the pinned isort ("": godsplit's own)
    own_version: str  # godsplit's isort
    searched: tuple[str, ...] = ()  # where an isort of the pinned version was looked for
    too_old: bool = False  # the pinned isort predates the API godsplit drives (5.0)


def find_pin(directories: Sequence[Path]) -> IsortPin | None:
    """The isort version the project pins: its pre-commit hook first (what its checks
    run), then a requirement (`isort==X.Y.Z`), then a lock file's resolution, each
    nearest `directories[0]` first."""
    for directory in directories:
        path = directory / ".pre-commit-config.yaml"
        found = hook_rev(path, _REPO)
        if found is not None:
            return IsortPin(found[0], path, found[1])
    for directory in directories:
        required = requirement_pin(directory, "isort")
        if required is not None:
            return IsortPin(*required, "a requirement")
    for directory in directories:
        locked = lock_pin(directory, "isort")
        if locked is not None:
            return IsortPin(*locked[:3], f"{locked[3]}'s resolution")
    return None


def _scripts() -> str:
    return "Scripts" if sys.platform == "win32" else "bin"


def _python(env: Path) -> Path:
    return env / _scripts() / ("python.exe" if sys.platform == "win32" else "python")


def _candidates(directories: Sequence[Path], pin: IsortPin) -> Iterator[tuple[str, Path]]:
    """(where, environment) of each place an isort of `version` may be installed."""
    yield from project_envs(directories)
    if pin.how == _HOW:
        for cached in pre_commit_envs(pin.version, "%/isort%"):
            yield "pre-commit's cache", cached


def _pin_files(directories: Sequence[Path]) -> Iterator[Path]:
    """What the answer depends on: the files a pin is read from, pre-commit's database, the
    isort scripts of the project's environments (rewritten when isort is installed)."""
    yield from pin_files(directories)
    yield from (env / _scripts() / "isort" for _, env in project_envs(directories))
    yield pre_commit_home() / "db.db"


def project_isort(directories: tuple[Path, ...]) -> ProjectIsort | None:
    """The isort to sort with for the project in `directories` (nearest first), None when
    it pins none. Asked again when a file it is read from changes (`file_stamps`)."""
    return _project_isort(directories, stamps(_pin_files(directories)))


@lru_cache(maxsize=64)
def _project_isort(directories: tuple[Path, ...], _key: object) -> ProjectIsort | None:
    pin = find_pin(directories)
    if pin is None:
        return None
    import isort

    own = str(isort.__version__)
    # Any other version, a patch release apart too, may sort some imports otherwise (GS147):
    # 5.13.2 changed bracket wrapping with `as` and comments, 8.0.1 indented imports, 9.0.2
    # a star import over the line length (9.0.1 wraps it with a backslash under black's
    # profile, 9.0.2 leaves it) and force-sort-within-sections' key of wrapped imports.
    if pin.version == own:
        return ProjectIsort(pin, "", own)
    if parse_version(pin.version) < OLDEST:
        return ProjectIsort(pin, "", own, too_old=True)
    searched: list[str] = []
    for where, env in _candidates(directories, pin):
        searched += [where] if where not in searched else []
        python = _python(env)
        if python.is_file() and isort_version(python) == pin.version:
            return ProjectIsort(pin, str(python), own, tuple(searched))
    if pin.how == _HOW and "pre-commit's cache" not in searched:
        searched.append("pre-commit's cache")
    return ProjectIsort(pin, "", own, tuple(searched))


def isort_version(python: Path) -> str | None:
    """The version of the isort `python` imports (None: none), asked again when its
    environment's isort script is rewritten (an install)."""
    return _isort_version(python, stamp(python.parent / "isort"), stamp(python))


@lru_cache(maxsize=64)
def _isort_version(python: Path, _script: Stamp, _python: Stamp) -> str | None:
    try:
        proc = subprocess.run([str(python), "-c", "import isort; print(isort.__version__)"],
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return (proc.stdout.strip() or None) if proc.returncode == 0 else None


def directories_of(style: Style, path: Path) -> tuple[Path, ...]:
    """`path`'s directory and those above it up to the project's root."""
    start = path.resolve().parent
    return (start, *[p for p in start.parents if style.root in (p, *p.parents)])


def sort_imports(document: str, style: Style, path: Path, group: bool = False) -> str:
    """`document` sorted by isort with the project's settings, by the isort the project pins
    when one is found (with `group`, and combine-as-imports on)."""
    tool = project_isort(directories_of(style, path))
    if tool is not None and tool.python:
        return _pinned(document, style, path, group, tool)
    import isort

    # not `atomic`: the document is blocks cut apart (a `from __future__` after code),
    # which isort would not compile; nor `add_imports` (urllib3's): not above the blocks;
    # nor `verbose` (EvalAI's): its debug lines would be godsplit's output
    settings = isort.Config(config=isort_settings(style), atomic=False, add_imports=frozenset(),
                            verbose=False, quiet=True)
    settings = isort.Config(config=settings, combine_as_imports=True) if group else settings
    try:
        # isort is not idempotent: it merges a commented `from m import (a as _)` into
        # `from m import b` only on a second pass; `isort --check` wants the last form
        for _ in range(3):
            document, before = isort.code(document, config=settings, file_path=path), document
            if document == before:
                break
        return document
    except isort.exceptions.FileSkipped:  # the project's isort leaves the file as it
        return document  # is (`skip_glob`, `# isort: skip_file`): so does godsplit
    except Exception as exc:  # isort raises many types for bad settings
        raise GodsplitError(f"isort failed: {exc}", style.file("isort")) from exc


def _pinned(document: str, style: Style, path: Path, group: bool, tool: ProjectIsort) -> str:
    """Sorted by the pinned isort's interpreter, one for the whole run (`isort_server`)."""
    settings_path, overrides = settings_source(style)
    request: dict[str, Any] = {"settings_path": str(settings_path), "overrides": overrides,
                               "group": group, "document": document, "path": str(path)}
    directory = settings_path if settings_path.is_dir() else settings_path.parent
    key = stamps(directory / name for name in CONFIG_FILES)  # changed: a fresh interpreter
    done, cause = sort_with(tool.python, style.root, key, request)
    if done is not None:
        return done
    raise GodsplitError(f"isort {tool.pin.version} ({tool.python}) failed: {cause}",
                        style.file("isort"))


def isort_pin_findings(style: Style, path: Path) -> list[Finding]:
    """GS150 where godsplit sorts with the isort the project's pre-commit pins, GS147 where
    it pins another isort than godsplit's and none of that version was found."""
    if style.sorter != "isort" or not isort_sorts(style, path):
        return []
    tool = project_isort(directories_of(style, path))
    if tool is None or (not tool.python and tool.pin.version == tool.own_version):
        return []
    pin = tool.pin
    if tool.python:
        return [Finding("GS150", "info", f"{pin.how} pins isort {pin.version}: godsplit sorts the "
                        f"imports it generates with that isort ({tool.python})",
                        str(pin.path), pin.line)]
    cache = " or in pre-commit's cache (`pre-commit install-hooks` puts it there)" if (
        pin.how == _HOW) else ""
    where = "godsplit drives isort 5.0 or later" if tool.too_old else (
        f"no isort {pin.version} was found (looked in {', '.join(tool.searched)})")
    return [Finding("GS147", "warning", f"{pin.how} pins isort {pin.version} and {where}: godsplit "
                    f"sorts the imports it generates with its own isort {tool.own_version}, and "
                    f"isort {pin.version} may wrap or order some of them otherwise (`isort "
                    "--check` would report the file)" + ("" if tool.too_old else (
                        f". With isort {pin.version} in the project's virtualenv (.venv){cache}, "
                        "godsplit runs that one")),
                    str(pin.path), pin.line)]


def sorted_statement(line: str, style: Style, source: Path) -> str | None:
    """One import statement on one line (indented in a block, or not) as the project's
    isort writes it where it stands (an indented import is sorted inside a block, as isort
    sorts it in the file: its width counts the indent); None where the project's imports
    are not sorted by isort (or not in `source`, the old module, which exists)."""
    if style.sorter != "isort" or not isort_sorts(style, source):
        return None
    indented = line[:1].isspace()
    document = f"if True:\n{line.rstrip()}\n" if indented else f"{line.rstrip()}\n"
    done = sort_imports(document, style, source)
    return done.split("\n", 1)[1] if indented and done.startswith("if True:\n") else done
