"""Where things are in a TOML config: the line of every key, table and string value.

tomllib gives values without positions, so errors in the mapping (GS100, GS101) could only
point at the config file. This scanner walks the same text once more and records the line
on which each key, table header and string value starts, by its path of keys and array
indexes (`("split", 0, "modules", "tasks", 2)`). It runs only on text tomllib has already
accepted, and `config.py` trusts it only where the strings it found, decoded by tomllib
itself, are exactly the values tomllib parsed; otherwise no line is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .config import toml_module
from .configtypes import GodsplitError

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import Any

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
# Multi-line strings may end with one or two extra quotes: `"""a""""` is 'a"'.
_ML_BASIC = re.compile(r'"""(?:\\.|[^\\])*?"{3,5}(?!")', re.DOTALL)
_ML_LITERAL = re.compile(r"'''.*?'{3,5}(?!')", re.DOTALL)
_BLANK = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")  # whitespace, newlines and comments
_SPACE = re.compile(r"[ \t]*")
_SCALAR = re.compile(r"[^,\]}\n#\s][^,\]}\n#]*")


class Positions:
    """Lines (1-based) of what a TOML document holds, by path."""

    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}  # keys, table headers, values
        self.strings: list[tuple[Path, int, str]] = []  # every string value: path, line, token


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.found = Positions()
        self.arrays: dict[Path, int] = {}  # arrays of tables seen, with their length

    @property
    def line(self) -> int:
        return self.text.count("\n", 0, self.pos) + 1

    def skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()

    def peek(self, literal: str) -> bool:
        return self.text.startswith(literal, self.pos)

    def key(self) -> tuple[str, ...]:
        """A possibly dotted, possibly quoted key."""
        parts: list[str] = []
        while True:
            self.skip(_SPACE)
            for pattern in (_BASIC, _LITERAL, _BARE_KEY):
                match = pattern.match(self.text, self.pos)
                if match is not None:
                    token = match.group()
                    parts.append(_decode(token) if pattern is not _BARE_KEY else token)
                    self.pos = match.end()
                    break
            else:
                raise ValueError(f"no key at {self.pos}")
            self.skip(_SPACE)
            if not self.peek("."):
                return tuple(parts)
            self.pos += 1

    def concrete(self, keys: tuple[str, ...], new_element: bool) -> Path:
        """The path of a table header, with the index of each array of tables in it."""
        path: Path = ()
        for index, key in enumerate(keys):
            path += (key,)
            last = index == len(keys) - 1
            if last and new_element:
                self.arrays[path] = self.arrays.get(path, 0) + 1
            if path in self.arrays:
                path += (self.arrays[path] - 1,)
        return path

    def document(self) -> Positions:
        table: Path = ()
        while True:
            self.skip(_BLANK)
            if self.pos >= len(self.text):
                return self.found
            line = self.line
            if self.peek("[["):
                self.pos += 2
                table = self.concrete(self.key(), new_element=True)
                self.pos = self.text.index("]]", self.pos) + 2
                self.found.lines[table] = line
            elif self.peek("["):
                self.pos += 1
                table = self.concrete(self.key(), new_element=False)
                self.pos = self.text.index("]", self.pos) + 1
                self.found.lines.setdefault(table, line)
            else:
                self.pair(table)

    def pair(self, table: Path) -> None:
        line = self.line
        path = table + self.key()
        self.found.lines[path] = line
        self.skip(_SPACE)
        if not self.peek("="):
            raise ValueError(f"no '=' at {self.pos}")
        self.pos += 1
        self.skip(_SPACE)
        self.value(path)

    def value(self, path: Path) -> None:
        self.found.lines.setdefault(path, self.line)
        for pattern in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL):
            match = pattern.match(self.text, self.pos)
            if match is not None:
                self.found.strings.append((path, self.line, match.group()))
                self.pos = match.end()
                return
        if self.peek("["):
            self.pos += 1
            index = 0
            while True:
                self.skip(_BLANK)
                if self.peek("]"):
                    self.pos += 1
                    return
                self.value((*path, index))
                index += 1
                self.skip(_BLANK)
                if self.peek(","):
                    self.pos += 1
        elif self.peek("{"):
            self.pos += 1
            while True:
                self.skip(_SPACE)
                if self.peek("}"):
                    self.pos += 1
                    return
                self.pair(path)
                self.skip(_SPACE)
                if self.peek(","):
                    self.pos += 1
        else:  # number, boolean, date: up to the next delimiter
            match = _SCALAR.match(self.text, self.pos)
            if match is None:
                raise ValueError(f"no value at {self.pos}")
            self.pos = match.end()


def _decode(token: str) -> str:
    """A string token's value, decoded by tomllib itself."""
    value = toml_module().loads(f"x = {token}")["x"]
    assert isinstance(value, str)
    return value


def scan(text: str) -> Positions | None:
    """Positions in a TOML text tomllib accepted; None if the scanner cannot follow it."""
    try:
        return _Scanner(text).document()
    except (ValueError, IndexError):
        return None


def string_values(positions: Positions, prefix: Path) -> list[tuple[Path, int, str]]:
    """The strings under `prefix`: the rest of their path, their line and decoded value."""
    size = len(prefix)
    return [(path[size:], line, _decode(token)) for path, line, token in positions.strings
            if path[:size] == prefix]


_SPLIT_KEY = re.compile(r"split\[(\d+)\]((?:\.[\w-]+)*)")
_TOP_KEY = re.compile(r"(?:unknown key )?'([\w-]+)'")


def located(error: GodsplitError, text: str, prefix: tuple[str, ...]) -> GodsplitError:
    """`error`, a config error without a line, with the line of the key it names at its
    start (`split[0].keep must be ...`, `'max-lines' must be ...`, `unknown key 'x'`), where
    the scan finds it; else `error` itself."""
    if error.line is not None or error.path is None:
        return error
    split = _SPLIT_KEY.match(error.message)
    top = _TOP_KEY.match(error.message)
    keys: Path = ()
    if split is not None:
        keys = ("split", int(split[1]), *(k for k in split[2].split(".") if k))
    elif top is not None:
        keys = (top[1],)
    positions = scan(text) if keys else None
    while positions is not None and keys:
        full = (*prefix, *keys)  # a table (`[tool.x]`) has lines only for its own keys
        line = positions.lines.get(full, min((n for k, n in positions.lines.items()
                                              if k[:len(full)] == full), default=None))
        if line is not None:
            return GodsplitError(error.message, error.path, line)
        keys = keys[:-1]
    return error



def split_names(found: list[tuple[Path, int, str]], item: Mapping[str, Any],
                ) -> list[tuple[str, str, int]] | None:
    """(module, name, line) of each name a [[split]] table maps, and (FACADE, name, line)
    of each it keeps, from its `string_values`; None where the scan is not trustworthy:
    the strings it found under `source`, `modules` and `keep`, decoded by tomllib, must
    be exactly the values tomllib parsed."""
    from .types import FACADE

    source = [value for rest, _, value in found if rest == ("source",)]
    names = [(str(rest[1]), value, line) for rest, line, value in found
             if len(rest) in (2, 3) and rest[0] == "modules"]
    modules = item.get("modules", {})
    expected = [(module, name) for module, value in modules.items()
                for name in ([value] if isinstance(value, str) else value)
                ] if isinstance(modules, dict) and all(
                    isinstance(v, str) or isinstance(v, list) for v in modules.values()
                ) else [(m, n) for m, n, _ in names]  # invalid: _split says why
    kept = [(FACADE, value, line) for rest, line, value in found
            if len(rest) == 2 and rest[0] == "keep"]
    keep = item.get("keep")
    if source != [item.get("source")] or [(m, n) for m, n, _ in names] != expected or (
            isinstance(keep, list) and [n for _, n, _ in kept] != keep):
        return None
    return names + kept
