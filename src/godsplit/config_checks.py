"""Checks of the config that config.py calls: names Python would read as other names, names
that are one file on a case-insensitive file system, and bytes TOML does not take.

- A module name is an identifier, but Python reads identifiers in NFKC form: `ﬁle` (with
  the ligature U+FB01) is imported as `file`, so a module written as `ﬁle.py` is never
  found. Such a name is refused, with the name Python would look for.
- Module names that differ only in case (`One` and `one`) are two files on Linux and one
  on macOS and Windows (where a clone of the project would lose one of them).
- `verify-setup` is Python code run before each import check: code that does not compile
  would only make every import check be skipped, so it is refused with the config.
- A config that starts with a UTF-8 byte order mark (as some Windows editors save) is not
  TOML; a byte that is not UTF-8 is named by its line.
- A module is named as Python imports it: `seq.__init__` (the file's name) is refused
  with the name to write, `seq`; a module `seq` beside `seq.x` is `seq/__init__.py`.
- A split's `module-name` (the name the project imports the god file by, when a directory
  on sys.path is also a package: EvalAI's `challenges.aws_utils` in `apps/`) must name the
  file: its parts end with the file's path, so a directory above it is what sys.path holds.
"""

from __future__ import annotations

import keyword
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .configtypes import GodsplitError

BOM = b"\xef\xbb\xbf"
NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems


def module_name(name: str, key: str, path: Path, line: int | None = None) -> str:
    """A module name: an identifier, or dotted identifiers for a module in a subpackage."""
    parts = name.split(".")
    if (problem := init_problem(name)) is not None:
        raise GodsplitError(f"{key}: {problem}", path, line)
    if any(not p.isidentifier() or keyword.iskeyword(p) or p.startswith("__") for p in parts):
        raise GodsplitError(
            f"{key}: module name {name!r} is not a valid module name (it must be a Python "
            "identifier, or dotted identifiers for a subpackage, not a keyword, without a path)",
            path, line,
        )
    if nfkc_problem(name) is not None:
        raise GodsplitError(f"{key}: {nfkc_problem(name)}", path, line)
    too_long = next((p for p in parts if len(p.encode()) > NAME_MAX - len(".pyi")), None)
    if too_long is not None:  # the file system would refuse `<part>.py` (ENAMETOOLONG)
        raise GodsplitError(f"{key}: module name {name[:20]!r}... is too long: {len(too_long.encode())} "
                            f"bytes, and a file name has at most {NAME_MAX}", path, line)
    return name


def init_problem(name: str) -> str | None:
    """Why `seq.__init__` (a file's name) is not a module name, and what to write."""
    if name == "__init__":
        return ("module name '__init__' names the new package's `__init__.py`, which is the "
                "facade: list its names in `keep` to leave them in the old module")
    package = name.removesuffix(".__init__")
    if package == name or "__init__" in package.split("."):
        return None
    return (f"module name {name!r} names a file: write {package!r} (a module that has "
            f"submodules, {package + '.x'!r}, is written to "
            f"{package.replace('.', '/')}/__init__.py)")


def imported_name(value: object, source: Path, where: str, path: Path, line: int | None) -> str | None:
    """A split's `module-name`, checked against its `source`'s path (None if not set)."""
    if value is None:
        return None
    key = f"{where}.module-name"
    if not isinstance(value, str):
        raise GodsplitError(f"{key} must be a dotted module name string (the name the project "
                            f"imports the source by), not {type(value).__name__}", path, line)
    module_name(value, key, path, line)
    parts = value.split(".")
    tail = [*source.parent.parts, source.stem] if source.name != "__init__.py" else [
        *source.parent.parts]
    if len(parts) >= len(tail) or tail[len(tail) - len(parts):] != parts:
        shown = Path(os.path.relpath(source, path.parent)).as_posix()
        raise GodsplitError(
            f"{key}: {value!r} does not name {shown}: the parts of the name must be the last "
            f"parts of the file's path ({'.'.join(tail[-len(parts):])} for {len(parts)} parts), "
            "the directory above them being on sys.path; give the dotted name the project "
            f"imports it by (ending in {tail[-1]!r})", path, line)
    return value


def nfkc_problem(name: str) -> str | None:
    """Why a dotted module name would be imported as another name, or None."""
    normal = ".".join(unicodedata.normalize("NFKC", part) for part in name.split("."))
    if normal == name:
        return None
    return (f"module name {name!r} is read by Python as {normal!r} (identifiers are NFKC-"
            f"normalized), so `import` would look for {normal.replace('.', '/')}.py; use {normal!r}")


def case_twins(names: Iterable[str]) -> tuple[str, str] | None:
    """Two names (module files of one package) that differ only in case, or None."""
    seen: dict[str, str] = {}
    for name in names:
        other = seen.setdefault(name.casefold(), name)
        if other != name:
            return other, name
    return None


def toml_bytes_problem(data: bytes) -> tuple[str, int] | None:
    """(cause, line) for bytes a TOML parser refuses before parsing, or None."""
    if data.startswith(BOM):
        return ("invalid TOML: the file starts with a UTF-8 byte order mark (BOM), which "
                "TOML does not allow; save it as UTF-8 without BOM", 1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid TOML: not UTF-8 ({exc.reason})", data.count(b"\n", 0, exc.start) + 1
    return None


def setup_problem(code: str) -> str | None:
    """Why `verify-setup` cannot run (it does not compile), or None."""
    try:
        compile(code, "<verify-setup>", "exec")
    except SyntaxError as exc:
        where = f" (line {exc.lineno} of it)" if exc.lineno else ""
        return f"'verify-setup' is not valid Python: {exc.msg}{where}"
    except ValueError as exc:  # a NUL byte
        return f"'verify-setup' is not valid Python: {exc}"
    return None
