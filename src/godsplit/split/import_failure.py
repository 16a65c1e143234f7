"""Why importing a module in a fresh interpreter failed, read from its traceback: the
error, where it was raised, and whether the interpreter lacked something another one (the
project's virtualenv) may have."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


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
    # where it was raised, `path:line`, when that is outside the project (`path`, `line`:
    # the innermost frame in the project's own files then)
    raised: str | None = None
    frames: tuple[tuple[str, int], ...] = ()  # outside the import system, innermost last
    timeout: int | None = None  # the import was stopped after this many seconds

    def lacked(self) -> str:
        return (f"the installed metadata of {self.missing!r}" if self.metadata
                else repr(self.missing))


SETUP_FAILED = "godsplit-probe: the setup failed"  # the probe's line on stderr, before the traceback
UNREAD = "godsplit-probe: imported; reading its names raised "  # the probe's last line then
_FRAME = re.compile(r'^  File "(?P<path>[^"]+)", line (?P<line>\d+)', re.MULTILINE)


def failure_of(stderr: str, code: int, root: Path | None = None) -> ImportFailure:
    """The last line of a traceback, and the innermost frame outside the import system; of
    those, the innermost in the project's own files under `root` when there is one (moto's
    `load_resource(__name__, ...)` line, not `pkgutil.py` where the error was raised,
    which `raised` names then)."""
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
    own = [m for m in frames if root is not None and _own(m["path"], root)]
    raised = None
    if own and own[-1] is not where and where is not None:
        raised = f"{where['path']}:{where['line']}"
        where = own[-1]
    return ImportFailure(
        error, where["path"] if where else None, int(where["line"]) if where else None,
        found[-1] if found else dists[-1] if dists else None, metadata=bool(dists and not found),
        in_setup=in_setup, raised=raised,
        frames=tuple((m["path"], int(m["line"])) for m in frames),
    )


def _own(path: str, root: Path) -> bool:
    """Whether `path` is one of the project's files under `root`: not in an installed
    package (`site-packages`) nor a hidden folder (a `.venv`, `.tox` inside the project)."""
    try:
        parts = Path(path).resolve().relative_to(root.resolve()).parts
    except (ValueError, OSError):
        return False
    return not any(p in ("site-packages", "dist-packages") or p.startswith(".") for p in parts)


def missing_words(failure: ImportFailure, python: str) -> str:
    """GS412's words when every interpreter tried lacks a module: which, in which (twisted's
    conch in a project's virtualenv without `bcrypt`: godsplit's own lacked `incremental`,
    and GS412 named that one alone, as if no interpreter had it)."""
    if len({module for module, _ in failure.lacks}) > 1:
        each = "; ".join(f"{where} lacks {module}" for module, where in failure.lacks)
        return f"each interpreter found lacks a module it needs ({each})"
    return f"it needs {failure.lacked()}, which no interpreter found has ({python})"
