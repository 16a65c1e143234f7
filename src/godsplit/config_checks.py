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
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

BOM = b"\xef\xbb\xbf"


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
