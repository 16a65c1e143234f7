"""`migrate --check` as a gate: the baseline (ratchet), JSON, and GitHub annotations.

The baseline records how many uses of each old module each file has today, so a gradual
migration can gate CI: a file passes while its count does not grow; a new file with a
use, or a file whose count grew, fails. One that went down is an entry to update. Like
`check`'s baseline: sorted JSON, one file per line, paths relative to the project root::

    {
      "godsplit-migrate-baseline": 1,
      "uses": {
        "tests/test_tasks.py": {"app.tasks": 12}
      }
    }
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..split.report import _rel as relative
from ..split.report import finding_data
from ..types import GodsplitError
from .core import MigrateResult
from .edit import Use

FORMAT_VERSION = 1
DEFAULT_BASELINE = "godsplit-migrate-baseline.json"
Counts = Mapping[str, Mapping[str, int]]  # file -> old module -> uses


@dataclass(frozen=True)
class Gate:
    """The check's verdict: which uses fail, and what the baseline holds."""

    passed: bool
    failing: tuple[Use, ...]
    held: int  # uses the baseline allows
    baseline: Path | None = None
    stale: tuple[tuple[str, str, int, int], ...] = ()  # (file, module, recorded, now): went down


def counts(uses: tuple[Use, ...], root: Path) -> dict[str, dict[str, int]]:
    found = Counter((relative(u.path, root), u.old_module) for u in uses)
    out: dict[str, dict[str, int]] = {}
    for (path, module), number in sorted(found.items()):
        out.setdefault(path, {})[module] = number
    return out


def read_baseline(path: Path) -> Counts:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GodsplitError("baseline file not found (create it with `godsplit migrate --check "
                            "--update-baseline`)", path) from None
    except OSError as exc:
        raise GodsplitError(f"cannot read baseline: {exc.strerror}", path) from None
    except json.JSONDecodeError as exc:
        raise GodsplitError(f"invalid JSON in baseline: {exc.msg}", path, exc.lineno) from None
    uses = raw.get("uses") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or raw.get("godsplit-migrate-baseline") != FORMAT_VERSION:
        raise GodsplitError('not a migrate baseline (expected "godsplit-migrate-baseline": '
                            f"{FORMAT_VERSION})", path)
    if not isinstance(uses, dict) or not all(
        isinstance(modules, dict) and all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in modules.values())
        for modules in uses.values()
    ):
        raise GodsplitError("baseline 'uses' must map files to {old module: count}", path)
    return uses


def write_baseline(path: Path, result: MigrateResult, root: Path) -> dict[str, dict[str, int]]:
    """Record today's remaining uses (atomically: a temporary file, then a rename)."""
    found = counts(result.remaining, root)
    text = json.dumps({"godsplit-migrate-baseline": FORMAT_VERSION, "uses": found}, indent=2,
                      sort_keys=True, ensure_ascii=False) + "\n"
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise GodsplitError(f"cannot write baseline: {exc.strerror}", path) from None
    return found


def gate(result: MigrateResult, root: Path, baseline: Path | None) -> Gate:
    """Every remaining use fails, unless the baseline holds its file's count for its module."""
    recorded = read_baseline(baseline) if baseline is not None else {}
    now = counts(result.remaining, root)
    failing: list[Use] = []
    held = 0
    for use in result.remaining:
        path = relative(use.path, root)
        allowed = recorded.get(path, {}).get(use.old_module)
        if allowed is not None and now[path][use.old_module] <= allowed:
            held += 1
        else:
            failing.append(use)
    stale = tuple(
        (path, module, number, now.get(path, {}).get(module, 0))
        for path, modules in sorted(recorded.items()) for module, number in sorted(modules.items())
        if now.get(path, {}).get(module, 0) < number
    )
    return Gate(not failing, tuple(failing), held, baseline, stale)


def message(use: Use) -> str:
    if use.fixable:
        return f"{use.shown} is used through the old path; it now lives in {use.new} " \
               "(`godsplit migrate` rewrites it)"
    return f"{use.shown}: {use.detail}"


def to_json(result: MigrateResult, root: Path, verdict: Gate | None) -> str:
    failing = {id(u) for u in verdict.failing} if verdict is not None else set()
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "godsplit", "version": __version__},
        "passed": verdict.passed if verdict is not None else not result.errors,
        "written": result.written,
        "rolled_back": result.rolled_back,
        "baseline": relative(verdict.baseline, root) if verdict and verdict.baseline else None,
        "summary": {
            "uses": len(result.uses), "fixable": sum(u.fixable for u in result.uses),
            "remaining": len(result.remaining), "failing": len(failing),
            "held": verdict.held if verdict is not None else 0,
            "files": len({u.path for u in result.uses}), "changed": len(result.changed),
        },
        "uses": [
            {"path": relative(u.path, root), "line": u.line, "module": u.old_module,
             "name": u.name, "kind": u.kind, "new": u.new, "fixable": u.fixable,
             "detail": u.detail, "remaining": u in result.remaining, "failing": id(u) in failing}
            for u in result.uses
        ],
        "notes": [{"path": relative(Path(f.path), root), "line": f.line, "code": f.code,
                   "message": f.message} for f in result.notes],
        "findings": [finding_data(f, root) for f in result.findings],
    }
    return json.dumps(document, indent=2)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_github(verdict: Gate, root: Path) -> str:
    lines = []
    for use in verdict.failing:
        where = relative(use.path, root).replace(",", "%2C")
        lines.append(f"::error file={where},line={use.line},title=godsplit migrate::"
                     f"{_escape(message(use))}")
    return "\n".join(lines)
