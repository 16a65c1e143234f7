"""Plan checks of the names the facade serves: globals rebound at run time (GS206, GS207),
globals moved code creates at run time (GS123), and what verify checks after writing
(GS113).

A function's `global CACHE` binds `CACHE` in the module the function is in. When no
top-level statement binds it, `CACHE` exists only once such a function ran; after the
split, only in the new module. The live facade lists it in `__all__` when `import *` asks
and it exists (`runtime/live_facade.py`); a static facade's `__all__` is a list written at
import time, and a read from another module (`one.CACHE`) raises AttributeError where the
read in its own module raised NameError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..types import FACADE, Finding, GodsplitError, SplitConfig
from .all_names import binds_all
from .analyze import Analysis, analyze
from .assign import Assignment
from .bindings import bindings, surely
from .type_guards import planned_files
from .verify import compare_static


def created(analysis: Analysis, assignment: Assignment) -> dict[str, str]:
    """Globals moved code rebinds (`global X`) that not every import binds at top level
    (none binds them, or one under a condition) -> their new module."""
    out = {}
    for name in sorted(analysis.live_names):
        units = [analysis.units[uid] for uid in analysis.binders.get(name, ())]
        home = next((assignment.module_of[u.id] for u in units if name in u.rebinds
                     and assignment.module_of.get(u.id, FACADE) != FACADE), None)
        seq = bindings(analysis, assignment, name, FACADE)
        if home is not None and not any(surely(analysis, u, name) for u in seq):
            out[name] = home
    return out


def created_findings(
    analysis: Analysis, assignment: Assignment, split: SplitConfig
) -> list[Finding]:
    """GS123: a global created at run time in a new module that a static or deprecated
    facade's `import *` would lose, or that code in another module reads inside `except
    NameError`."""
    findings = []
    homes = created(analysis, assignment)
    for name, home in homes.items():
        writer = next(analysis.units[uid] for uid in analysis.binders[name]
                      if assignment.module_of.get(uid) == home and name in analysis.units[uid].rebinds)
        if split.facade != "live" and not name.startswith("_") and not binds_all(analysis):
            findings.append(Finding(
                "GS123", "error", f"{name!r} is bound at run time, by `global {name}` in "
                f"this code (moved to {home}), and by no top-level statement that always runs; "
                f"a {split.facade} facade's `__all__` is a list made when it is imported, "
                f"so `from old import *` would lose {name}: use the live facade, keep this "
                "code (`keep`), "
                "or give the module an `__all__`",
                str(analysis.path), writer.line))
        for unit in analysis.units:
            where = assignment.module_of.get(unit.id, FACADE)
            if where == home or not any(r.name == name for r in unit.reads):
                continue
            if any(re.search(r"\bNameError\b", analysis.code(i)) for i in unit.stmts):
                findings.append(Finding(
                    "GS123", "error", f"reads {name!r}, which code with `global {name}` "
                    f"binds at run time (line {writer.line}, moved to {home}), and handles "
                    f"NameError: from {_label(where)}, before it is bound, the read raises "
                    f"AttributeError instead; map this to {home}", str(analysis.path), unit.line))
    return findings


def live_findings(analysis: Analysis, split: SplitConfig) -> list[Finding]:
    out = []
    for name in sorted(analysis.live_names):
        unit = analysis.unit_of(name)
        line = unit.line if unit else 1
        if split.facade != "static":  # live; deprecated reads moved names from their home
            out.append(Finding("GS206", "info", f"{name!r} is rebound at run time (`global`); "
                               "the facade reads it live from its new module",
                               str(analysis.path), line))
        else:
            out.append(Finding("GS207", "warning", f"{name!r} is rebound at run time (`global`); "
                               "the static facade reads it live (PEP 562 __getattr__), but "
                               "assigning it through the old module does not reach the moved "
                               "code", str(analysis.path), line))
    return out


def facade_analysis(analysis: Analysis, facade_text: str, facade_path: Path | None = None,
                    texts: Mapping[Path, str] | None = None) -> Analysis | None:
    """The planned facade's analysis (made once for the plan's checks of it): the facade
    read where the plan puts it (`facade_path`), its imports of new modules from their
    planned `texts`. None if it does not parse (verify reports it, GS410)."""
    try:
        with planned_files(texts or {}):
            return analyze(replace(analysis.source, text=facade_text,
                                   path=facade_path or analysis.source.path))
    except GodsplitError:
        return None


def promised_names(analysis: Analysis, facade: Analysis | None,
                   texts: Mapping[Path, str] | None = None) -> list[Finding]:
    """What verify checks after writing, checked on the plan: the facade binds every name
    the source bound, and `import *` gives the same. A plan that would break that is an
    error now (GS113), not a rollback at apply. `facade`: `facade_analysis`."""
    if facade is None:  # (a facade that does not parse: verify reports it, GS410)
        return []
    try:
        with planned_files(texts or {}):
            broken = compare_static(analysis, facade, str(analysis.path))
    except GodsplitError:
        return []
    return [Finding("GS113", "error", f"this mapping cannot keep the old module's names: "
                    f"{f.message} (a statement kept in the old module deletes or rebinds a "
                    "moved name: list that name under `keep`)", f.path, f.line)
            for f in broken]


def moves_little(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS220: more than half of the source's lines are definitions that stay in the old
    module (kept on purpose, or code that finds its own module: protobuf's `_pb2` blocks,
    xmlschema's schema classes): the split moves little, and still adds a package."""
    total = analysis.source.text.count("\n")
    stays = [u for u in analysis.units if u.kind == "definition"
             and assignment.module_of.get(u.id, FACADE) == FACADE]
    kept = sum(u.lines for u in stays)
    if not total or 2 * kept <= total:
        return []
    largest = sorted(stays, key=lambda u: -u.lines)[:3]
    named = ", ".join(f"{', '.join(sorted(u.binds)) or 'line ' + str(u.line)} ({u.lines} lines)"
                      for u in largest)
    return [Finding("GS220", "warning", f"this split moves less than half of the file: {kept} "
                    f"of its {total} lines are definitions that stay in the old module (the "
                    f"largest: {named})", str(analysis.path), largest[0].line)]


def _label(module: str) -> str:
    return "the old module" if module == FACADE else f"module {module}"
