"""Units pinned to the old module, with what must move with them: late blocks closing an
import cycle (GS130, `late_blocks`) and code that imports names back from the old module
while it loads (GS158, `import_backs`). A unit the mapping names to move is an error at the
mapping's line; the placements say why each stays."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from ..types import FACADE, Finding, Placement, SplitConfig
from .analyze import Analysis, Unit
from .assign import Assignment, in_config, movable_clusters


def pin_units(analysis: Analysis, assignment: Assignment, split: SplitConfig,
              units: Collection[int], code: str,
              message: Callable[[list[str], str, Unit], str],
              why: Callable[[Unit], str]) -> Assignment:
    """`assignment` with each of `units` that it moves (and its cluster) in the old module;
    where the mapping names one of their names, an error `code` with `message(names, module,
    unit)`; each kept cluster's placement says `why(unit)`."""
    moving = {uid for uid in units if assignment.module_of.get(uid, FACADE) != FACADE}
    if not moving:
        return assignment
    module_of, findings = dict(assignment.module_of), list(assignment.findings)
    placements = list(assignment.placements)
    for cluster in movable_clusters(analysis):
        if not moving & set(cluster):
            continue
        unit = analysis.units[min(moving & set(cluster))]
        names = {n for uid in cluster for n in analysis.units[uid].binds | analysis.units[uid].rebinds}
        mapped = sorted(n for m, entries in split.modules for n in entries if n in names)
        if mapped:
            findings.append(Finding(code, "error", message(mapped, module_of[unit.id], unit),
                                    *in_config(split, (str(analysis.path), unit.line), mapped[0])))
        for uid in cluster:
            module_of[uid] = FACADE
        placements = [replace(p, names=tuple(n for n in p.names if n not in names))
                      for p in placements]
        placements = [p for p in placements if p.names]
        placements.append(Placement(tuple(sorted(names)), FACADE, "facade", why(unit), unit.line))
    used = set(module_of.values())
    return replace(assignment, module_of=module_of, findings=findings,
                   placements=sorted(placements, key=lambda p: p.line),
                   modules=[m for m in assignment.modules if m in used])


def moved_units(analysis: Analysis, assignment: Assignment, units: Collection[int], code: str,
                message: Callable[[list[str], str, Unit], str]) -> list[Finding]:
    """An error `code` for each cluster holding one of `units` that `assignment` moves,
    naming what the cluster binds (what suggest keeps before its first plan)."""
    out = []
    for cluster in movable_clusters(analysis):
        moving = [uid for uid in cluster if uid in units
                  and assignment.module_of.get(uid, FACADE) != FACADE]
        if moving:
            unit = analysis.units[moving[0]]
            names = sorted(n for uid in cluster for n in analysis.units[uid].binds)
            out.append(Finding(code, "error", message(names, assignment.module_of[unit.id], unit),
                               str(analysis.path), unit.line, tuple(names)))
    return out
