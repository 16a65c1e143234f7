"""Reading lint, sort and format settings from TOML and INI files, for `style`.

A `Section` is one table of one file (`[tool.ruff.lint]`, `[flake8]`, ...) with typed
getters. A value of the wrong type raises GodsplitError with the file and the line of the
key; a file that does not parse raises it with the parser's line. A missing key falls
back to the sections it inherits from (ruff's legacy top-level keys, `extend`ed files).
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from ..config import _read_toml
from ..types import GodsplitError
from .file_stamps import Stamp, stamp

_TRUE = {"1", "true", "yes", "on", "y", "t"}
_FALSE = {"0", "false", "no", "off", "n", "f"}
_RUFF_LINT_KEYS = {  # keys ruff still accepts at the top level (deprecated) for `lint`
    "select", "extend-select", "ignore", "extend-ignore", "per-file-ignores",
    "extend-per-file-ignores", "isort", "pycodestyle",
}


@dataclass(frozen=True)
class Section:
    path: Path
    header: str | None  # the table's name as written in the file (None: the root table)
    data: Mapping[str, Any]
    ini: bool = False  # INI values are strings; isort's INI keys may use dashes
    fallbacks: tuple[Section, ...] = ()  # same file: ruff's legacy top-level lint keys
    extends: Section | None = None  # the same table of the ruff config this one extends
    # string values read as the tool reads them (isort's pyproject.toml: "True", "79")
    strings_typed: bool = False

    @staticmethod
    def empty() -> Section:
        return Section(Path("."), None, {})

    @property
    def typed(self) -> bool:
        """Whether a string value stands for a number or a flag (INI, or isort's TOML)."""
        return self.ini or self.strings_typed

    def _own(self, key: str) -> tuple[bool, Any]:
        for name in (key, key.replace("_", "-"), key.replace("-", "_")) if self.ini else (key,):
            if name in self.data:
                return True, self.data[name]
        return False, None

    def _find(self, key: str) -> tuple[Section, Any] | None:
        found, value = self._own(key)
        if found:
            return self, value
        for fallback in (*self.fallbacks, *((self.extends,) if self.extends else ())):
            hit: tuple[Section, Any] | None = fallback._find(key)
            if hit is not None:
                return hit
        return None

    def keys(self, inherit: bool = True) -> list[str]:
        out = dict.fromkeys(self.data)
        for fallback in self.fallbacks:
            out.update(dict.fromkeys(fallback.keys(inherit)))
        if inherit and self.extends is not None:
            out.update(dict.fromkeys(self.extends.keys()))
        return list(out)

    def has(self, key: str) -> bool:
        return self._find(key) is not None

    def sub(self, *names: str) -> Section | None:
        """A sub-table (with the matching sub-tables of the fallbacks), or None."""
        value: Any = self.data
        for name in names:
            value = value.get(name) if isinstance(value, Mapping) else None
        fallbacks = tuple(s for f in self.fallbacks if (s := f.sub(*names)) is not None)
        extends = self.extends.sub(*names) if self.extends is not None else None
        if not isinstance(value, Mapping):
            if value is not None:
                self.fail(names[0], f"'{'.'.join(names)}' must be a table")
            if not fallbacks and extends is None:
                return None
            value = {}
        header = ".".join(n for n in (self.header, *names) if n)
        return Section(self.path, header, value, self.ini, fallbacks, extends, self.strings_typed)

    def fail(self, key: str, message: str) -> NoReturn:
        raise GodsplitError(message, self.path, key_line(self.path, self.header, key, self.ini))

    def integer(self, key: str, default: int) -> int:
        hit = self._find(key)
        if hit is None:
            return default
        section, value = hit
        if isinstance(value, str) and section.typed and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            section.fail(key, f"'{key}' must be a positive integer, not {value!r}")
        return int(value)

    def lines(self, key: str, default: int) -> int:
        """A count of blank lines, or -1 (isort's and ruff's `lines-after-imports`)."""
        hit = self._find(key)
        if hit is None:
            return default
        section, value = hit
        if isinstance(value, str) and section.typed and value.strip().lstrip("-").isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < -1:
            section.fail(key, f"'{key}' must be -1 or a count of lines, not {value!r}")
        return int(value)

    def boolean(self, key: str, default: bool) -> bool:
        hit = self._find(key)
        if hit is None:
            return default
        section, value = hit
        if isinstance(value, str) and section.typed and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        if not isinstance(value, bool):
            section.fail(key, f"'{key}' must be true or false, not {value!r}")
        return bool(value)

    def string(self, key: str, default: str) -> str:
        hit = self._find(key)
        if hit is None:
            return default
        section, value = hit
        if not isinstance(value, str):
            section.fail(key, f"'{key}' must be a string, not {value!r}")
        return str(value)

    def strings(self, key: str) -> list[str]:
        """A list of strings (INI, or isort's TOML: also a comma-separated string)."""
        hit = self._find(key)
        if hit is None:
            return []
        section, value = hit
        if isinstance(value, str) and (section.ini or "isort" in (section.header or "")):
            return [v.strip() for v in re.split(r"[,\n]", value) if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            section.fail(key, f"'{key}' must be a list of strings, not {value!r}")
        return list(value)

    def words(self, key: str) -> list[str]:
        """Codes or patterns: a string split at commas and white space (INI, and
        flake8-pyproject's TOML), or a TOML list of such strings."""
        hit = self._find(key)
        if hit is None:
            return []
        section, value = hit
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            section.fail(key, f"'{key}' must be a string or a list of strings, not {value!r}")
        return [w for v in value for w in re.split(r"[,\s]+", v) if w]

    def chain(self) -> list[Section]:
        """This ruff config and those it extends, the extended ones first."""
        return [*(self.extends.chain() if self.extends is not None else []), self]

    def lint(self, inherit: bool = True) -> Section:
        """ruff's lint settings: `[lint]`, then the legacy top-level keys, then (with
        `inherit`) the extended config's."""
        legacy = Section(self.path, self.header, {
            k: v for k, v in self.data.items() if k in _RUFF_LINT_KEYS
        })
        own = self.data.get("lint", {})
        if not isinstance(own, Mapping):
            self.fail("lint", "'lint' must be a table")
        extends = self.extends.lint() if inherit and self.extends is not None else None
        header = ".".join(n for n in (self.header, "lint") if n)
        return Section(self.path, header, own, False, (legacy,), extends)


def _table_start(lines: list[str], parts: list[str]) -> int | None:
    pattern = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, parts)) + r"\s*\]")
    return next((i for i, line in enumerate(lines) if pattern.match(line)), None)


HEADER = -1  # `table_line`'s fallback: the table's header line (1 without one)


def key_line(path: Path, header: str | None, key: str, ini: bool = False) -> int | None:
    """The line of `key` in table `header` of a TOML or INI file (best effort): else the
    header's line, or None at the top level; None when the file cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return table_line(text, header, key, ini=ini, fallback=HEADER if header is not None else None)


def table_line(text: str, header: str | None, key: str, *, ini: bool = False,
               fallback: int | None = HEADER) -> int | None:
    """The 1-based line of `key = ...` (or `key: ...` in INI) in the table `header` of a
    TOML or INI `text` (`None`: before any table), or of the header itself when `key` is
    empty. A key matches with dashes or underscores, quoted, and (TOML) dotted under a
    prefix (`lint.select`); an indented INI line continues a value and is no key. The
    search ends at the next table (a TOML `[[array]]` aside). Not found: `fallback`, where
    HEADER is the header's line (1 when the text has no such table)."""
    lines = text.splitlines()
    parts = [] if header is None else [header] if ini else header.split(".")
    start = -1 if header is None else _table_start(lines, parts)
    if start is not None and header is not None and not key:
        return start + 1
    if start is None and not ini and len(parts) > 1:  # `[tool.ruff]` then `lint.select =`
        start = next((s for k in range(len(parts) - 1, 0, -1) if (
            s := _table_start(lines, parts[:k])) is not None), None)
        fallback = 1 if fallback == HEADER else fallback
    names = "|".join(re.escape(n) for n in {key, key.replace("_", "-"), key.replace("-", "_")})
    key_pattern = re.compile((r"^" if ini else r"^\s*(?:[\w.\"-]+\.)?") + r"[\"']?(" + names
                             + r")[\"']?\s*" + ("[=:]" if ini else "="))
    for number in range(start + 1 if start is not None else len(lines), len(lines)):
        line = lines[number]
        if line.lstrip().startswith("[") and not line.lstrip().startswith("[["):
            break
        if key and key_pattern.match(line):
            return number + 1
    if fallback == HEADER:
        return start + 1 if start is not None and start >= 0 else 1
    return fallback


def repository_root(start: Path) -> Path:
    """The nearest directory at or above `start` holding `.git` or `.hg`; else the
    filesystem root."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists() or (directory / ".hg").exists():
            return directory
    return Path(start.anchor)


def _toml(path: Path) -> Mapping[str, Any]:
    return _toml_at(path, stamp(path))  # read again once changed (`file_stamps`)


@lru_cache(maxsize=256)
def _toml_at(path: Path, _stamp: Stamp) -> Mapping[str, Any]:
    return _read_toml(path)


def _ini(path: Path, sections: tuple[str, ...]) -> Mapping[str, Mapping[str, str]]:
    return _ini_at(path, sections, stamp(path))


@lru_cache(maxsize=256)
def _ini_at(path: Path, sections: tuple[str, ...], _stamp: Stamp) -> Mapping[str, Mapping[str, str]]:
    """The named sections of an INI file; the file is parsed only if it has one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GodsplitError(f"cannot read: {exc.strerror}", path) from exc
    except UnicodeDecodeError as exc:
        raise GodsplitError(f"not UTF-8 ({exc.reason})", path) from exc
    wanted = "|".join(re.escape(s) for s in sections)
    if not re.search(rf"^\s*\[(?:{wanted})\]", text, re.MULTILINE):
        return {}
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text, str(path))
    except configparser.ParsingError as exc:
        line = exc.errors[0][0] if exc.errors else None
        raise GodsplitError(f"invalid INI: {exc.message.splitlines()[0]}", path, line) from exc
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        raise GodsplitError(f"invalid INI: {exc.message.splitlines()[0]}", path, line) from exc
    return {s: dict(parser.items(s)) for s in sections if parser.has_section(s)}


def find_ini(
    directories: Sequence[Path], names: Sequence[str], sections: Sequence[str]
) -> Section | None:
    """The first of `sections` in the first of `names` that has one, nearest first."""
    for directory in directories:
        for name in names:
            path = directory / name
            if path.is_file():
                found = _ini(path, tuple(sections))
                for section in sections:
                    if section in found:
                        return Section(path, section, found[section], ini=True)
    return None


def find_flake8(directories: Sequence[Path]) -> Section | None:
    """flake8's settings: `[flake8]` of the nearest `setup.cfg`, `tox.ini` or `.flake8` (in
    flake8's order), or `[tool.flake8]` of a `pyproject.toml` there (the flake8-pyproject
    plugin's)."""
    for directory in directories:
        found = find_ini([directory], ("setup.cfg", "tox.ini", ".flake8"), ("flake8",))
        if found is not None:
            return found
        path = directory / "pyproject.toml"
        if path.is_file():
            section = Section(path, None, _toml(path)).sub("tool", "flake8")
            if section is not None and section.keys():
                return section
    return None


def nearest_pyproject(directories: Sequence[Path]) -> Section | None:
    for directory in directories:
        path = directory / "pyproject.toml"
        if path.is_file():
            return Section(path, None, _toml(path))
    return None


def find_isort(directories: Sequence[Path]) -> Section | None:
    """isort's settings, found as isort finds them (its CONFIG_SOURCES order)."""
    for directory in directories:
        for name, sections in ((".isort.cfg", ("settings", "isort")),
                               ("pyproject.toml", ()), ("setup.cfg", ("isort", "tool:isort")),
                               ("tox.ini", ("isort", "tool:isort"))):
            path = directory / name
            if not path.is_file():
                continue
            if name == "pyproject.toml":
                # isort reads `force_sort_within_sections = "True"` (iris) as true
                section = Section(path, None, _toml(path), strings_typed=True).sub("tool", "isort")
                if section is not None and section.keys():
                    return section
            else:
                found = find_ini([directory], [name], sections)
                if found is not None:
                    return found
    from .pre_commit import pre_commit_isort

    return pre_commit_isort(directories)


def find_ruff(directories: Sequence[Path], seen: tuple[Path, ...] = ()) -> Section | None:
    """The nearest ruff config, as ruff picks it, with the configs it extends."""
    for directory in directories:
        for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):
            path = directory / name
            if not path.is_file():
                continue
            root = Section(path, None, _toml(path))
            section = root.sub("tool", "ruff") if name == "pyproject.toml" else root
            if section is None:
                continue
            return _with_extends(section, seen)
    return None


def _with_extends(section: Section, seen: tuple[Path, ...]) -> Section:
    extend = section.string("extend", "")
    if not extend:
        return section
    target = (section.path.parent / Path(extend).expanduser()).resolve()
    if target in seen or target == section.path.resolve():
        section.fail("extend", f"'extend' forms a cycle through {target}")
    if not target.is_file():
        section.fail("extend", f"'extend': no such file {target}")
    root = Section(target, None, _toml(target))
    parent = root.sub("tool", "ruff") if target.name == "pyproject.toml" else root
    if parent is None:
        section.fail("extend", f"'extend': {target} has no ruff settings")
    parent = _with_extends(parent, (*seen, section.path.resolve()))
    return Section(section.path, section.header, section.data, extends=parent)
