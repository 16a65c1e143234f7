"""The ruff version a project pins, and the ruff godsplit runs for it.

godsplit sorts, formats and asks ruff with a ruff of its own (a dependency); a project that
pins another version gets lines that version may sort or format otherwise (Weblate pins
0.14.4, which wraps a 91-column import that 0.17 keeps on one line: I001) and may not know
a code a noqa names (RUF067 is 0.14.11's: RUF100). The pin is read where projects write
it, the split file's directory first, up to the repository root:

- a `.pre-commit-config.yaml` hook repo `ruff-pre-commit` at `rev: vX.Y.Z`;
- `required-version = "==X.Y.Z"` (or a bare version) in ruff's configuration;
- `ruff==X.Y.Z` in `pyproject.toml` (optional dependencies, dependency groups), setup files,
  requirements files, tox, nox, a Makefile or a GitHub workflow; poetry's `ruff = "X.Y.Z"`;
- the ruff version a `uv.lock`, `poetry.lock` or `pdm.lock` resolved.

A ruff of that version is then looked for, with no network: the project's virtualenv
(`.venv`, `venv` in those directories), the active one (`$VIRTUAL_ENV`), pre-commit's
cache for that hook and rev, and `ruff` on PATH. Found, it is the ruff godsplit runs for
the project (its rules, defaults and formatter); not found, godsplit runs its own and
writes no noqa code the pinned version does not know (from what godsplit's ruff says of
each rule: the version it was added in).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .file_stamps import Stamp, stamp, stamps
from .ruff_tool import RENAMED_IN_0_8

# the oldest ruff whose command line godsplit drives (`--config "key = value"`, `lint.*`
# settings, `ruff format`); checked on 0.4.5, the oldest pin of the benchmarks
OLDEST = (0, 4, 0)
_VERSION = r"v?(\d+\.\d+\.\d+)"
_REQUIRED = re.compile(r"^\s*required-version\s*=\s*[\"'](?:==)?\s*" + _VERSION + r"[\"']")
_REPO = re.compile(r"^(\s*)-?\s*repo:\s*['\"]?\S*/ruff-pre-commit(?:\.git)?['\"]?\s*$")
_REV = re.compile(r"^\s*-?\s*rev:\s*['\"]?" + _VERSION + r"['\"]?\s*(?:#.*)?$")
_DEPENDENCY_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "tox.ini", "noxfile.py",
                     "Makefile", "requirements*.txt", "requirements*.in", "*requirements.txt",
                     "requirements/*.txt", "requirements/*.in")
LOCKS = ("uv.lock", "poetry.lock", "pdm.lock")


@dataclass(frozen=True)
class RuffPin:
    """A ruff version the project pins, where (1-based line) and how."""

    version: str
    path: Path
    line: int
    how: str  # "pre-commit's ruff hook", "ruff's required-version", "a requirement", ...


@dataclass(frozen=True)
class ProjectRuff:
    """The ruff godsplit runs for a project, and the project's pin."""

    executable: str
    version: str  # the executable's ("" without a pin: not asked)
    pin: RuffPin | None
    own: bool  # godsplit's own ruff (no pin, the pin is its version, or none was found)
    searched: tuple[str, ...] = ()  # where a ruff of the pinned version was looked for
    rejected: str = ""  # a ruff of that version that was found but is too old to drive

    @property
    def differs(self) -> bool:
        """The project pins another version than the ruff godsplit runs for it."""
        return self.pin is not None and self.pin.version != self.version


def parse_version(text: str) -> tuple[int, ...]:
    """(0, 14, 4) of "ruff 0.14.4", "v0.14.4" or "0.14.4"; () when there is none."""
    found = re.search(r"(\d+(?:\.\d+)+)", text)
    return tuple(int(p) for p in found.group(1).split(".")) if found else ()


def version_of(executable: str) -> str | None:
    """The version `executable --version` reports (None: it does not run); asked again
    when the executable is replaced (a long-running process: `file_stamps`)."""
    return _version_of(executable, stamp(Path(executable)))


@lru_cache(maxsize=64)
def _version_of(executable: str, _key: Stamp) -> str | None:
    try:
        proc = subprocess.run([executable, "--version"], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.match(r"ruff (\d+\.\d+\.\d+)", proc.stdout.strip())
    return found.group(1) if proc.returncode == 0 and found else None


def rule_versions(executable: str) -> dict[str, str]:
    """Each rule `executable` knows (`ruff rule --all`), with the version its status
    (stable or preview) dates from ("" when it does not say); asked again when the
    executable is replaced."""
    return _rule_versions(executable, stamp(Path(executable)))


@lru_cache(maxsize=16)
def _rule_versions(executable: str, _key: Stamp) -> dict[str, str]:
    try:
        proc = subprocess.run([executable, "rule", "--all", "--output-format", "json"],
                              capture_output=True, text=True, timeout=60, check=False)
        rules = json.loads(proc.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    out: dict[str, str] = {}
    for rule in rules if isinstance(rules, list) else ():
        if isinstance(rule, dict) and isinstance(rule.get("code"), str):
            status = rule.get("status")
            since: object = next(iter(status.values()), {}) if isinstance(status, dict) else {}
            out[rule["code"]] = str(since.get("since", "")) if isinstance(since, dict) else ""
    return out


def unknown_rules(tool: ProjectRuff, own: str) -> frozenset[str]:
    """The rules godsplit's ruff (`own`) knows that the project's does not: none when they
    are the same ruff; those the project's ruff does not list when it runs; else those
    godsplit's ruff dates after the pinned version. A rule ruff 0.8 renamed (TC001, dated
    0.8.0) is known to an older ruff under its old code (TCH001: `ruff_tool.code_for`)."""
    if not tool.own:
        theirs = rule_versions(tool.executable).keys()
        known = theirs | {new for new, old in RENAMED_IN_0_8.items() if old in theirs}
        return frozenset(rule_versions(own).keys() - known) if theirs else frozenset()
    if tool.pin is None or not tool.differs:
        return frozenset()  # (asked only here: `ruff rule --all` costs a tenth of a second)
    ours = rule_versions(own)
    pinned = parse_version(tool.pin.version)
    return frozenset(code for code, since in ours.items()
                     if since and parse_version(since) > pinned and code not in RENAMED_IN_0_8)


def project_version(tool: ProjectRuff | None) -> tuple[int, ...]:
    """The version of the ruff the project runs: the one it pins, whichever ruff godsplit
    runs for it; () without a pin (godsplit's own)."""
    return parse_version(tool.pin.version) if tool is not None and tool.pin is not None else ()


def find_pin(directories: Sequence[Path]) -> RuffPin | None:
    """The ruff version the project pins (see the module's docstring), the pre-commit hook
    first (what its checks run), then ruff's required-version, requirements, lock files."""
    for reader in (_pre_commit, _required_version, _requirements, _lock):
        for directory in directories:
            found = reader(directory)
            if found is not None:
                return found
    return None


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if (
            path.is_file()) else []
    except OSError:
        return []


def _pre_commit(directory: Path) -> RuffPin | None:
    path = directory / ".pre-commit-config.yaml"
    found = hook_rev(path, _REPO)
    return RuffPin(found[0], path, found[1], "pre-commit's ruff hook") if found else None


def hook_rev(path: Path, repo_line: re.Pattern[str]) -> tuple[str, int] | None:
    """The `rev: X.Y.Z` (and its 1-based line) of the first hook repo of the pre-commit
    config at `path` whose `repo:` line matches `repo_line` (its group 1: the indent)."""
    lines = _lines(path)
    for at, line in enumerate(lines):
        repo = repo_line.match(line)
        if repo is None:
            continue
        indent = len(repo.group(1))
        for number in range(at + 1, len(lines)):  # the rest of this `- repo:` item
            text = lines[number]
            if text.strip() and (len(text) - len(text.lstrip()) < indent or (
                    len(text) - len(text.lstrip()) == indent and text.lstrip().startswith("-"))):
                break
            rev = _REV.match(text)
            if rev is not None:
                return rev.group(1), number + 1
        rev = _REV.match(lines[at - 1]) if at else None  # `- rev:` written before `repo:`
        if rev is not None:
            return rev.group(1), at
    return None


def _required_version(directory: Path) -> RuffPin | None:
    for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):
        path = directory / name
        table = "" if name != "pyproject.toml" else None
        for number, line in enumerate(_lines(path), 1):
            header = re.match(r"^\s*\[([^\]]+)\]", line)
            if header is not None:
                table = header.group(1).strip() if name == "pyproject.toml" else header.group(1)
                continue
            found = _REQUIRED.match(line)
            if found is not None and table in ("", "tool.ruff"):
                return RuffPin(found.group(1), path, number, "ruff's required-version")
    return None


def _requirements(directory: Path) -> RuffPin | None:
    found = requirement_pin(directory, "ruff")
    return RuffPin(*found, "a requirement") if found is not None else None


def _lock(directory: Path) -> RuffPin | None:
    found = lock_pin(directory, "ruff")
    return RuffPin(*found[:3], f"{found[3]}'s resolution") if found is not None else None


def dependency_files(directory: Path) -> list[Path]:
    """The files a tool's pinned version is read from in `directory` (requirements, setup
    files, tox, nox, a Makefile, GitHub workflows), those that exist."""
    paths = [p for pattern in _DEPENDENCY_FILES for p in sorted(directory.glob(pattern))]
    workflows = directory / ".github" / "workflows"
    if workflows.is_dir():
        paths += sorted([*workflows.glob("*.yml"), *workflows.glob("*.yaml")])
    return list(dict.fromkeys(paths))


def requirement_pin(directory: Path, tool: str) -> tuple[str, Path, int] | None:
    """(version, file, line) of `tool==X.Y.Z` (poetry's `tool = "X.Y.Z"`) in the
    dependency files of `directory`."""
    name = re.escape(tool)
    requirement = re.compile(r"(?<![\w.-])" + name + r"(?:\[[^\]]*\])?\s*===?\s*" + _VERSION + r"\b")
    poetry = re.compile(r"^\s*" + name + r"\s*=\s*(?:\{[^}]*version\s*=\s*)?[\"']=?=?\s*" + _VERSION
                        + r"[\"']")
    for path in dependency_files(directory):
        table = ""
        for number, line in enumerate(_lines(path), 1):
            header = re.match(r"^\s*\[([^\]]+)\]", line)
            table = header.group(1) if header is not None else table
            found = requirement.search(line.split("#")[0] if path.suffix != ".py" else line)
            if found is None and "poetry" in table and "dependencies" in table:
                found = poetry.match(line)
            if found is not None:
                return found.group(1), path, number
    return None


def lock_pin(directory: Path, tool: str) -> tuple[str, Path, int, str] | None:
    """(version, file, line, lock file name) of `tool` as a lock file resolved it."""
    for name in LOCKS:
        path = directory / name
        lines = _lines(path)
        for number, line in enumerate(lines, 1):
            if re.match(r'^name\s*=\s*"' + re.escape(tool) + r'"\s*$', line):
                for ahead in range(number, min(number + 3, len(lines))):
                    found = re.match(r'^version\s*=\s*"' + _VERSION + '"', lines[ahead])
                    if found is not None:
                        return found.group(1), path, ahead + 1, name
    return None


def _candidates(directories: Sequence[Path], pin: RuffPin) -> Iterator[tuple[str, Path]]:
    """(where, executable) of each ruff that may be the project's."""
    scripts, name = ("Scripts", "ruff.exe") if sys.platform == "win32" else ("bin", "ruff")
    for where, env in project_envs(directories):
        yield where, env / scripts / name
    if pin.how == "pre-commit's ruff hook":
        for found in pre_commit_envs(pin.version, "%/ruff-pre-commit%"):
            yield "pre-commit's cache", found / scripts / name
    on_path = shutil.which(name)
    if on_path is not None:
        yield "PATH", Path(on_path)


def project_envs(directories: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """(where, environment) of the project's virtualenvs: `.venv` and `venv` of each
    directory (nearest first), then the active one."""
    for directory in directories:
        for env in (".venv", "venv"):
            yield "the project's virtualenv", directory / env
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        yield "$VIRTUAL_ENV", Path(active)


def pre_commit_home() -> Path:
    """Where pre-commit keeps its hook environments and their database (`db.db`)."""
    return Path(os.environ.get("PRE_COMMIT_HOME") or str(Path(os.environ.get(
        "XDG_CACHE_HOME") or Path.home() / ".cache") / "pre-commit"))


def pre_commit_envs(version: str, repo_like: str) -> list[Path]:
    """The environments pre-commit installed the hook repo `repo_like` (an SQL LIKE
    pattern of its URL) at `version` into."""
    database = pre_commit_home() / "db.db"
    if not database.is_file():
        return []
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
            rows = db.execute("SELECT path FROM repos WHERE repo LIKE ? AND ref IN (?, ?)",
                              (repo_like, f"v{version}", version)).fetchall()
    except sqlite3.Error:
        return []
    return [env for (path,) in rows for env in sorted(Path(path).glob("py_env-*"))]


def project_ruff(directories: tuple[Path, ...], own: str) -> ProjectRuff:
    """The ruff to run for the project in `directories` (nearest first): a ruff of the
    version it pins where one is found, else godsplit's own (`own`). Asked again when a
    file a pin is read from changes (a long-running process: `file_stamps`)."""
    return _project_ruff(directories, own, stamps(pin_files(directories)))


def pin_files(directories: Sequence[Path]) -> Iterator[Path]:
    """The files `find_pin` reads, those that exist now (and their directories: a new
    requirements file)."""
    for directory in directories:
        yield directory
        yield from (directory / n for n in (".pre-commit-config.yaml", ".ruff.toml", "ruff.toml", *LOCKS))
        yield from (p for pattern in _DEPENDENCY_FILES for p in sorted(directory.glob(pattern)))
        workflows = directory / ".github" / "workflows"
        yield workflows
        if workflows.is_dir():
            yield from sorted(workflows.iterdir())


@lru_cache(maxsize=64)
def _project_ruff(directories: tuple[Path, ...], own: str, _key: object) -> ProjectRuff:
    pin = find_pin(directories)
    if pin is None:  # the version is asked only where a pin needs it
        return ProjectRuff(own, "", pin, True)
    own_version = version_of(own) or ""
    if pin.version == own_version:
        return ProjectRuff(own, own_version, pin, True)
    searched: list[str] = []
    rejected = ""
    for where, path in _candidates(directories, pin):
        searched += [where] if where not in searched else []
        if not path.is_file() or version_of(str(path)) != pin.version:
            continue
        if parse_version(pin.version) < OLDEST:
            rejected = str(path)
            break
        return ProjectRuff(str(path), pin.version, pin, False, tuple(searched))
    if pin.how == "pre-commit's ruff hook" and "pre-commit's cache" not in searched:
        searched.insert(-1 if searched[-1:] == ["PATH"] else len(searched), "pre-commit's cache")
    return ProjectRuff(own, own_version, pin, True, tuple(searched), rejected)


def alias_reported_in_init(executable: str, root: Path,
                           statement: str = "import os as os\n") -> bool:
    """Whether `executable`, with the project's configuration, reports `statement` (an
    `X as X` import) in an `__init__.py` (PLC0414): ruff exempts that file since mid-2025
    (0.14.4 does), 0.4.5 does not, and 0.12.8 exempts `from os import path as path` there
    but reports `import os as os`. Asked again when the executable is replaced."""
    return _alias_reported_in_init(executable, root, statement, stamp(Path(executable)))


def alias_reported_by_version(version: tuple[int, ...], statement: str) -> bool:
    """Whether ruff `version` (a pin godsplit's own ruff stands in for: it cannot be asked)
    reports `statement`, an `X as X` import, in an `__init__.py` (PLC0414). Measured with
    `--isolated` on 0.8.6-0.14.4: `from m import a as a` is exempt there since 0.12.1,
    `import a as a` since 0.13.0 (in preview mode since 0.12.1: not told apart here)."""
    return version < ((0, 12, 1) if statement.lstrip().startswith("from ") else (0, 13, 0))


@lru_cache(maxsize=64)
def _alias_reported_in_init(executable: str, root: Path, statement: str, _key: Stamp) -> bool:
    probe = root / "godsplit_probe" / "__init__.py"  # need not exist: it selects settings
    try:
        proc = subprocess.run(
            [executable, "check", "--no-fix", "--exit-zero", "--output-format", "json",
             "--select", "PLC0414", "--stdin-filename", str(probe), "-"],
            input=statement, capture_output=True, text=True, cwd=root, timeout=60,
            env={**os.environ, "RUFF_NO_CACHE": "true"}, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return '"PLC0414"' in proc.stdout
