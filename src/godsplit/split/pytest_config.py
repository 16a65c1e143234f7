"""pytest's configuration of a directory, as pytest and pytest-env read it.

pytest takes the first of `pytest.ini`, `.pytest.ini`, `pyproject.toml` (its
`[tool.pytest.ini_options]` table, or pytest 9's native `[tool.pytest]`), `tox.ini` and
`setup.cfg` that has its section. pytest-env then sets environment variables before the
tests' settings are read: the `[tool.pytest_env]` table of the nearest `pyproject.toml`
when there is one, else the `env` lines of that section (`NAME=value`, with `D:` to keep
a value already set and `R:` to skip `{NAME}` expansion). A Django project may name its
settings module only there, and its settings may read the other variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..types import GodsplitError
from .style_files import Section, find_ini, nearest_pyproject

PYTEST_FILES = (("pytest.ini", "pytest"), (".pytest.ini", "pytest"), ("pyproject.toml", ""),
                ("tox.ini", "pytest"), ("setup.cfg", "tool:pytest"))
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class EnvVar:
    """One variable pytest-env sets for the tests."""

    name: str
    value: str
    keep_set: bool  # `D:` / `skip_if_set`: a value already in the environment wins
    expand: bool  # `{NAME}` in the value is replaced from the environment

    def statement(self) -> str:
        value = f"{self.value!r}.format(**os.environ)" if self.expand else repr(self.value)
        if self.keep_set:
            return f"os.environ.setdefault({self.name!r}, {value})"
        return f"os.environ[{self.name!r}] = {value}"


def pytest_sections(root: Path) -> Iterator[tuple[str, Section]]:
    """Each pytest section in `root`, in the order pytest looks for them."""
    for name, header in PYTEST_FILES:
        try:
            if name == "pyproject.toml":
                pyproject = nearest_pyproject([root])
                found = None if pyproject is None else (
                    pyproject.sub("tool", "pytest", "ini_options") or pyproject.sub("tool", "pytest"))
            else:
                found = find_ini([root], [name], [header])
        except GodsplitError:
            continue  # not ours to judge: the test runner reports its own config errors
        if found is not None:
            yield name, found


def pytest_env(root: Path) -> tuple[tuple[EnvVar, ...], str | None]:
    """The variables pytest-env sets for tests run from `root`, and the file naming them."""
    try:
        pyproject = nearest_pyproject([root])
        table = pyproject.sub("tool", "pytest_env") if pyproject is not None else None
    except GodsplitError:
        table = None
    if table is not None:
        return tuple(_table_entries(table.data)), "pyproject.toml"
    for name, section in pytest_sections(root):
        value = section.data.get("env", [])
        lines = value.splitlines() if isinstance(value, str) else value
        if not isinstance(lines, list):
            return (), None
        found = [var for line in lines
                 if isinstance(line, str) and (var := _line_entry(line)) is not None]
        return tuple(found), name if found else None
    return (), None


def _table_entries(table: Mapping[str, object]) -> Iterator[EnvVar]:
    for name, entry in table.items():
        if not _ENV_NAME.fullmatch(name):
            continue
        if isinstance(entry, Mapping):
            if "value" in entry:
                yield EnvVar(name, str(entry["value"]), bool(entry.get("skip_if_set", False)),
                             bool(entry.get("transform", False)))
        elif isinstance(entry, (str, int, float, bool)):
            yield EnvVar(name, str(entry), False, False)


def _line_entry(line: str) -> EnvVar | None:
    match = re.fullmatch(r"((?:[DR]:)*)([^=]*)=(.*)", line.strip())
    if match is None or not _ENV_NAME.fullmatch(match.group(2).strip()):
        return None
    flags = match.group(1).split(":")
    return EnvVar(match.group(2).strip(), match.group(3).strip(), "D" in flags, "R" not in flags)
