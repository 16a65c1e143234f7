"""Why importing a module in a fresh interpreter failed, read from its traceback: the
error, where it was raised, and whether the interpreter lacked something another one (the
project's virtualenv) may have."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportFailure:
    """Importing the module failed: the exception line, and where it was raised."""

    error: str
    path: str | None = None
    line: int | None = None
    missing: str | None = None  # a module that could not be found (ModuleNotFoundError)
    lacks: tuple[tuple[str, str], ...] = ()  # (what it lacked, interpreter) of each one tried
    metadata: bool = False  # `missing` is a distribution whose metadata was not found
    in_setup: bool = False  # raised by the setup code run before the import (`verify-setup`)
    imported: bool = False  # it imported; reading its names raised `error`

    def lacked(self) -> str:
        return (f"the installed metadata of {self.missing!r}" if self.metadata
                else repr(self.missing))


SETUP_FAILED = "godsplit-probe: the setup failed"  # the probe's line on stderr, before the traceback
UNREAD = "godsplit-probe: imported; reading its names raised "  # the probe's last line then
_FRAME = re.compile(r'^  File "(?P<path>[^"]+)", line (?P<line>\d+)', re.MULTILINE)


def failure_of(stderr: str, code: int) -> ImportFailure:
    """The last line of a traceback, and the innermost frame outside the import system."""
    lines = stderr.strip().splitlines()
    in_setup = SETUP_FAILED in lines
    lines = [line for line in lines if line != SETUP_FAILED]  # (`SystemExit` has no traceback)
    error = lines[-1] if lines else f"exit status {code}"
    if error.startswith(UNREAD):
        return ImportFailure(error.removeprefix(UNREAD), imported=True)
    frames = [m for m in _FRAME.finditer(stderr)
              if "<frozen " not in m["path"] and m["path"] != "<string>"]
    # anywhere in the traceback: pandas re-raises numpy's absence as an ImportError of its own
    found = re.findall(r"^ModuleNotFoundError: No module named '([^']+)'", stderr, re.MULTILINE)
    # a package reading its own version (`importlib.metadata.version("rdflib")`) in an
    # interpreter where it is not installed: the project's virtualenv may have it
    dists = re.findall(r"^(?:importlib\.metadata\.)?PackageNotFoundError: No package metadata "
                       r"was found for (\S+)$", stderr, re.MULTILINE)
    where = frames[-1] if frames else None  # for a SyntaxError: the file and line at fault
    return ImportFailure(
        error, where["path"] if where else None, int(where["line"]) if where else None,
        found[-1] if found else dists[-1] if dists else None, metadata=bool(dists and not found),
        in_setup=in_setup,
    )


def missing_words(failure: ImportFailure, python: str) -> str:
    """GS412's words when every interpreter tried lacks a module: which, in which (twisted's
    conch in a project's virtualenv without `bcrypt`: godsplit's own lacked `incremental`,
    and GS412 named that one alone, as if no interpreter had it)."""
    if len({module for module, _ in failure.lacks}) > 1:
        each = "; ".join(f"{where} lacks {module}" for module, where in failure.lacks)
        return f"each interpreter found lacks a module it needs ({each})"
    return f"it needs {failure.lacked()}, which no interpreter found has ({python})"
