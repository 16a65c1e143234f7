"""Plans and results as JSON-ready data and as unified diffs (pure; no printing)."""

from __future__ import annotations

import difflib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..types import Finding, Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .import_check import ImportCheck

JSON_VERSION = 1


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def finding_data(finding: Finding, root: Path) -> dict[str, Any]:
    data = asdict(finding)
    data["path"] = _rel(Path(finding.path), root)
    if finding.names:
        data["names"] = list(finding.names)
    else:
        del data["names"]
    return data


def plan_data(plan: Plan, root: Path, extra: tuple[Finding, ...] = (),
              check: ImportCheck | None = None) -> dict[str, Any]:
    """`check`: the import check `plan` ran (or did not) on it, in a scratch copy."""
    return {
        "source": _rel(plan.source, root),
        "module": plan.old_module,
        "layout": plan.layout,
        "facade": _rel(plan.facade, root),
        "package": _rel(plan.package, root),
        "already_split": plan.already_split,
        "max_lines": plan.max_lines,
        "facade_lines": plan.facade_lines,
        "modules": [
            {"name": m.name, "path": _rel(m.path, root), "module": m.dotted, "lines": m.lines,
             "over_limit": m.lines > plan.max_lines, "names": list(m.names)}
            for m in plan.modules
        ],
        "placements": [
            {"names": list(p.names), "module": p.module, "reason": p.reason, "detail": p.detail,
             "line": p.line}
            for p in plan.placements
        ],
        "edges": [asdict(e) | {"names": list(e.names)} for e in plan.edges],
        "files": [
            {"path": _rel(c.path, root), "action": "delete" if c.data is None else "write"}
            for c in plan.changes
        ],
        "public_names": list(plan.public_names),
        "findings": [finding_data(f, root) for f in (*plan.findings, *extra)],
        "import_check": None if check is None else {"ran": check.ran, "text": check.text},
    }


def document(plans: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": JSON_VERSION, "splits": plans}


def plan_diff(plan: Plan, root: Path) -> str:
    """The unified diff apply would write, in git's a/ b/ style."""
    out: list[str] = []
    for change in plan.changes:
        rel = _rel(change.path, root)
        old = change.path.read_text(errors="replace") if change.path.is_file() else ""
        new = change.data.decode(errors="replace").replace("\r\n", "\n") if change.data else ""
        out.extend(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"a/{rel}" if old else "/dev/null",
            tofile=f"b/{rel}" if change.data is not None else "/dev/null",
        ))
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
