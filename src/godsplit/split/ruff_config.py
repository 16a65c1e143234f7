"""A ruff configuration the ruff godsplit runs cannot read.

Projects pin their own ruff; a configuration written for an older or newer release (a
removed option such as `show-source`, a `required-version`) stops the ruff that godsplit
installs. godsplit then sorts and formats the lines it generates with the settings it read
from that configuration itself (`split/style.py`: line length, the isort options), passed
to ruff in isolated mode, and says so in a warning that names the file and line.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..types import Finding, GodsplitError
from .file_stamps import Stamp, stamp, stamps
from .isort_pin import isort_pin_findings
from .lint_paths import moved_ignores
from .ruff_pin import OLDEST
from .ruff_tool import ruff_binary, ruff_error
from .style import Style


def usable(style: Style, path: Path, written: Iterable[Path] = ()) -> tuple[Style, list[Finding]]:
    """The style to normalize with: `style`, or the same settings with ruff's own reading
    of the configuration switched off when ruff cannot read it (GS114); and GS120 when
    the per-file ignores of `written` (the files the split writes) are not `path`'s."""
    moved = [*pin_findings(style), *isort_pin_findings(style, path),
             *moved_ignores(style, path, written)]
    if style.file("ruff") is None:
        return style, moved
    executable = ruff_binary(style.ruff_tool)
    problem = _problem(style.root, path, executable, style.file("ruff"),
                       stamps(p for _, p in style.files))
    if problem is None:
        return style, moved
    kept = (f"line length {style.line_length}; isort: known-first-party "
            f"{list(style.first_party)}, force-sort-within-sections "
            f"{str(style.force_sort_within_sections).lower()}, combine-as-imports "
            f"{str(style.combine_as).lower()}, force-single-line "
            f"{str(style.force_single_line).lower()}")
    return replace(style, ruff_isolated=True), [Finding(
        "GS114", "warning", f"the ruff godsplit runs ({_version(executable)}) cannot use this "
        f"configuration ({problem.message.removeprefix('ruff cannot use this configuration: ')}); "
        f"the generated lines are sorted and formatted with the settings godsplit read from it "
        f"({kept}) and ruff's defaults for the rest", problem.path or str(path),
        problem.line or 1,
    ), *moved]


def pin_findings(style: Style) -> list[Finding]:
    """GS222 where godsplit runs the ruff the project pins, GS221 where the project pins
    another ruff than godsplit's and none of that version was found."""
    tool = style.ruff_tool
    if tool is None or tool.pin is None or (tool.own and not tool.differs):
        return []
    pin = tool.pin
    uses = [verb for verb, used in (("sort", style.sorter == "ruff"),
                                    ("format", style.formatter == "ruff")) if used]
    if not tool.own:
        done = f" and to {' and '.join(uses)} the lines it generates" if uses else ""
        return [Finding("GS222", "info", f"{pin.how} pins ruff {pin.version}: godsplit runs "
                        f"that ruff ({tool.executable}) to read the project's rules{done}",
                        str(pin.path), pin.line)]
    where = f"ruff {pin.version} at {tool.rejected} is older than godsplit can run (it " \
            f"needs {'.'.join(map(str, OLDEST))} or later)" if tool.rejected else (
        f"no ruff {pin.version} was found (looked in {', '.join(tool.searched) or 'no place'})")
    differ = (f"; ruff {pin.version} may {' or '.join(uses)} some of them otherwise (I001, "
              "or a file to reformat)") if uses else ""
    return [Finding("GS221", "warning", f"{pin.how} pins ruff {pin.version} and {where}: "
                    f"godsplit runs its own ruff {tool.version} to "
                    f"{' and '.join(uses) + ' the lines it generates' if uses else 'read the rules'}"
                    f"{differ}; no noqa names a rule "
                    f"ruff {pin.version} does not know. With ruff {pin.version} in the "
                    "project's virtualenv (.venv)" + (
                        " or in pre-commit's cache (`pre-commit install-hooks` puts it there)"
                        if pin.how == "pre-commit's ruff hook" else "")
                    + ", godsplit runs that one", str(pin.path), pin.line)]


@lru_cache(maxsize=64)
def _problem(root: Path, path: Path, executable: str, config: Path | None, _key: object
             ) -> GodsplitError | None:
    """What ruff says when it loads the configuration that applies to `path` (asked again
    when a configuration file read changed: `_key`). Ruff fails on no input only for its
    configuration: a rule it no longer knows (sphinx 8.1's `.ruff.toml`, written for ruff
    0.6.9, selects `S320`: "Rule `S320` was removed and cannot be selected"), which names
    no file, is `config`'s, at the line that names the rule."""
    proc = subprocess.run(
        [executable, "format", "--stdin-filename", str(path), "-"], input="",
        capture_output=True, text=True, cwd=root, env={**os.environ, "RUFF_NO_CACHE": "true"},
        timeout=120,
    )
    if proc.returncode == 0:
        return None
    error = ruff_error(proc.stderr, root)
    if isinstance(error, GodsplitError):
        return error
    lines = [t.strip().removeprefix("Cause: ") for t in proc.stderr.splitlines() if t.strip()]
    cause = lines[-1] if lines else "ruff failed"
    return GodsplitError(f"ruff cannot use this configuration: {cause}", config,
                         _named_line(config, cause))


def _named_line(config: Path | None, cause: str) -> int | None:
    """The first line of `config` quoting the first `name` in backticks of `cause`."""
    name = re.search(r"`([^`]+)`", cause)
    if config is None or name is None:
        return None
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    quoted = re.compile(rf"[\"']{re.escape(name[1])}[\"']")
    return next((n for n, line in enumerate(text.splitlines(), 1) if quoted.search(line)), None)


def _version(executable: str) -> str:
    return _version_text(executable, stamp(Path(executable)))


@lru_cache(maxsize=16)
def _version_text(executable: str, _key: Stamp) -> str:  # asked again when replaced
    proc = subprocess.run([executable, "--version"], capture_output=True, text=True,
                          timeout=60)
    return proc.stdout.strip() or "ruff"
