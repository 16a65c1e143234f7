"""Stage 5, verify: the old module's public names before and after are identical.

Statically, by analyzing the original source and the facade; and, where the module
imports, dynamically, by importing the old path in a fresh interpreter before and after
and comparing names, object kinds and what `from old import *` gives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from ..files import SourceText
from ..types import Finding
from .analyze import Analysis, analyze
from .facade import runtime_names, star_names

PROBE = r'''
import importlib, json, sys, types
sys.path.insert(0, sys.argv[1])
setup = sys.argv[3]
if setup:
    exec(setup, {})
module = importlib.import_module(sys.argv[2])
skip = {"__builtins__", "__cached__", "__file__", "__loader__", "__spec__", "__path__",
        "__package__", "__annotations__"}
moved = tuple(p for p in sys.argv[4].split(",") if p)
def kind(obj):
    if isinstance(obj, types.ModuleType):
        return "module " + obj.__name__
    where = type(obj).__module__
    if any(where == p or where.startswith(p + ".") for p in moved):
        where = "<split module>"  # a class that moved: same class, new __module__
    return where + "." + type(obj).__qualname__
names = {}
for name in dir(module):
    if name in skip or name.lower().startswith("_godsplit"):
        continue
    value = getattr(module, name)
    if isinstance(value, types.ModuleType) and value.__name__ == module.__name__ + "." + name:
        continue  # a submodule of a package facade
    names[name] = kind(value)
star = {}
exec("from %s import *" % sys.argv[2], star)
print(json.dumps({"names": names, "star": sorted(k for k in star if k != "__builtins__")}))
'''


@dataclass(frozen=True)
class Snapshot:
    names: dict[str, str]
    star: tuple[str, ...]


def static_names(source: SourceText | Analysis) -> tuple[set[str], set[str]]:
    """Names the module binds, and what `import *` gives, from its source or its analysis."""
    analysis = source if isinstance(source, Analysis) else analyze(source)
    names = {n for n in runtime_names(analysis) if not n.lower().startswith("_godsplit")}
    return names | served_live(analysis), set(star_names(analysis))


def served_live(analysis: Analysis) -> set[str]:
    """The globals a facade serves through its `__getattr__` (`_GODSPLIT_LIVE`'s keys)."""
    unit = analysis.unit_of("_GODSPLIT_LIVE")
    if unit is None:
        return set()
    stmt = analysis.module.body[unit.first]
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
    value = small.value if isinstance(small, cst.Assign) else None
    if not isinstance(value, cst.Dict):
        return set()
    return {
        key.evaluated_value for element in value.elements
        if isinstance(element, cst.DictElement) and isinstance(key := element.key, cst.SimpleString)
        and isinstance(key.evaluated_value, str)
    }


def compare_static(
    before: SourceText | Analysis, after: SourceText, path: str
) -> list[Finding]:
    """Pass the original's Analysis when there is one: only the (small) facade is parsed."""
    old_names, old_star = static_names(before)
    new_names, new_star = static_names(after)
    findings = []
    missing = sorted(old_names - new_names)
    if missing:
        findings.append(Finding("GS401", "error", f"the facade no longer binds: {', '.join(missing)}",
                                path, 1))
    if old_star != new_star:
        lost, gained = sorted(old_star - new_star), sorted(new_star - old_star)
        findings.append(Finding(
            "GS402", "error", "`from module import *` changed: "
            + "; ".join(p for p in (f"lost {', '.join(lost)}" if lost else "",
                                    f"gained {', '.join(gained)}" if gained else "") if p),
            path, 1,
        ))
    return findings


def snapshot(
    root: Path, module: str, setup: str | None, moved: tuple[str, ...] = ()
) -> Snapshot | str:
    """Import `module` in a fresh interpreter; a Snapshot, or the error as text.
    Instances of classes defined in the `moved` modules compare by class name only."""
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, str(root), module, setup or "", ",".join(moved)],
            cwd=root, capture_output=True, text=True, timeout=120, env=env,
        )
    except subprocess.TimeoutExpired:
        return "importing it took over 120 s"
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return lines[-1] if lines else f"exit status {proc.returncode}"
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return Snapshot(dict(data["names"]), tuple(data["star"]))


def compare_snapshots(before: Snapshot, after: Snapshot, path: str) -> list[Finding]:
    findings = []
    missing = sorted(set(before.names) - set(after.names))
    if missing:
        findings.append(Finding("GS403", "error", "after the split, importing the old module no "
                                f"longer gives: {', '.join(missing)}", path, 1))
    changed = sorted(n for n in before.names if n in after.names and before.names[n] != after.names[n])
    if changed:
        detail = ", ".join(f"{n} ({before.names[n]} -> {after.names[n]})" for n in changed)
        findings.append(Finding("GS404", "error", f"objects changed kind: {detail}", path, 1))
    if before.star != after.star:
        findings.append(Finding("GS405", "error", "`from module import *` gives other names at "
                                "run time", path, 1))
    return findings

