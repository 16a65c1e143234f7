"""Stage 2, assign: assign every unit to a new module (or the facade) from the mapping.

Mapped names go where the mapping says; names that must stay together (same binding,
a `global` rebinding them, attached statements) move as one cluster; unmapped clusters
are carried to the one module that uses them, or to the shared module when several do.
"""

from __future__ import annotations

import difflib
import fnmatch
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import libcst as cst
import networkx as nx

from ..types import FACADE, Finding, Placement, PlacementReason, SplitConfig
from .analyze import Analysis, Unit
from .classify import is_guard
from .kept import kept_most
from .kept_reason import namespace_reason
from .loop_home import follow_home
from .match_captures import capture_reason, effect_subject
from .ordered_calls import order_and_outside
from .runner_reads import rebound_reads
from .straddle import straddle_findings

DEFAULT_SHARED = "_shared"


@dataclass
class Assignment:
    """Which module each unit goes to; the input of the render stage."""

    module_of: dict[int, str] = field(default_factory=dict)  # definition/facade unit -> module
    modules: list[str] = field(default_factory=list)  # new modules, in output order
    placements: list[Placement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    contested: dict[int, tuple[str, ...]] = field(default_factory=dict)  # GS103: the modules
    # the mapping gives a unit's group (`module_of` holds the first, as the plan's guess)


def movable_clusters(analysis: Analysis, extra: Collection[int] = ()) -> list[list[int]]:
    """Definition units (and the `extra` ones) that must move together, in source order."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    movable = {u.id for u in analysis.units if u.kind == "definition"} | set(extra)
    # `def init(): ...`, `init()`, `del init` (Crypto's ECC, dateutil's tz): a `del` of a
    # definition, and the statements that call it before, move with it; kept in the
    # old module, they would read a name it no longer binds
    defined = {n for n, ids in analysis.binders.items()
               if any(analysis.units[i].kind == "definition" for i in ids)}
    # `if NEEDED: del Meta` (typing_extensions' SingletonMeta) may delete: the same
    deletes = {u.id: u.deletes | u.maybe_deletes for u in analysis.units}
    gone = {n for u in analysis.units if u.kind == "effect" for n in deletes[u.id]} & defined
    movable |= {u.id for u in analysis.units if u.kind == "effect" and (
        (deletes[u.id] and deletes[u.id] <= defined)
        or any(r.import_time and r.name in gone for r in u.reads))}
    deleters: dict[str, list[int]] = defaultdict(list)
    for unit in analysis.units:
        if unit.kind == "effect" and unit.id in movable:
            for name in deletes[unit.id]:
                deleters[name].append(unit.id)
    for name, ids in analysis.binders.items():
        members = [i for i in ids if i in movable]
        if members:  # a `del` goes with what it deletes
            members += deleters.get(name, [])
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    for unit in analysis.units:  # `del x` runs after every import-time read of x
        for name in deletes[unit.id] if unit.id in movable else ():
            if any(i in movable for i in analysis.binders.get(name, ())):
                for reader in analysis.units:
                    if reader.id in movable and any(
                        r.name == name and r.import_time for r in reader.reads
                    ):
                        parent[find(reader.id)] = find(unit.id)
    groups: dict[int, list[int]] = defaultdict(list)
    for uid in sorted(movable):
        groups[find(uid)].append(uid)
    return sorted(groups.values(), key=lambda g: g[0])


def _names(analysis: Analysis, cluster: list[int]) -> list[str]:
    seen: dict[str, None] = {}
    for uid in cluster:
        unit = analysis.units[uid]
        for name in sorted(unit.binds | unit.rebinds, key=lambda n: (n not in unit.binds, n)):
            seen.setdefault(name, None)
    return list(seen)


def _is_pattern(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def mappable_dunder(analysis: Analysis, unit: Unit) -> bool:
    """`__version__ = "1.0"`: a module dunder assignment, which stays in the old module
    unless it is mapped by name. Not one that finds the module's namespace (or reads
    what does while it runs): that one must stay."""
    return unit.kind == "facade" and bool(unit.binds) and "__all__" not in unit.binds and not (
        set(unit.stmts) & analysis.namespace_stmts) and all(
        isinstance(stmt := analysis.module.body[i], cst.SimpleStatementLine)
        and all(isinstance(small, (cst.Assign, cst.AnnAssign)) for small in stmt.body)
        for i in unit.stmts
    )


def in_config(
    split: SplitConfig, fallback: tuple[str, int], entry: str | None = None,
    module: str | None = None,
) -> tuple[str, int]:
    """Where a finding about the mapping points: the entry (or the module's key) in the
    config file when its line is known, else `fallback` (path, line)."""
    if split.config_path is not None:
        for mapped_module, name, line in split.name_lines:
            if entry is not None and name == entry and module in (None, mapped_module):
                return str(split.config_path), line
        for mapped_module, line in split.module_lines:
            if entry is None and mapped_module == module:
                return str(split.config_path), line
        return str(split.config_path), split.line
    return fallback


def assign(analysis: Analysis, split: SplitConfig) -> Assignment:
    result = Assignment()
    path = str(analysis.path)
    exact: dict[str, list[str]] = defaultdict(list)
    patterns: list[tuple[str, str]] = []
    for module, entries in [*split.modules, (FACADE, split.keep)]:
        for entry in entries:
            if _is_pattern(entry):
                patterns.append((module, entry))
            elif not any(analysis.binds_guard(analysis.units[u]) for u in analysis.binders.get(entry, ())):
                exact[entry].append(module)  # not `TYPE_CHECKING = False`: each module has its own
    # `__palettes__: list[str] = []`, then a loop adding to it (bokeh's palettes.py): with it
    rebound = {n for u in analysis.units if u.kind == "definition" for n in u.binds | u.rebinds}
    dunders = [u.id for u in analysis.units if mappable_dunder(analysis, u) and any(
        exact.get(n, [FACADE])[0] != FACADE or (n in rebound and n not in exact) for n in u.binds)]
    clusters = movable_clusters(analysis, dunders)
    cluster_of = {uid: index for index, cluster in enumerate(clusters) for uid in cluster}
    cluster_names = [_names(analysis, c) for c in clusters]
    all_names = {n for names in cluster_names for n in names}
    result.modules = [m for m, _ in split.modules]
    _check_mapping(analysis, split, exact, patterns, all_names, result)
    order = [*result.modules, FACADE]

    target: dict[int, str] = {}
    for index, names in enumerate(cluster_names):
        wanted: dict[str, list[str]] = {}
        for name in names:
            modules = exact.get(name) or sorted(
                {m for m, p in patterns if fnmatch.fnmatchcase(name, p)}
            )
            if len(modules) > 1 and name not in exact:
                second = next(p for m, p in patterns if m == modules[1] and fnmatch.fnmatchcase(
                    name, p))
                result.findings.append(Finding(
                    "GS100", "error",
                    f"{name!r} matches patterns of several modules: {', '.join(modules)}; "
                    "list it by name in one of them",
                    *in_config(split, (path, _line(analysis, clusters[index])), second,
                                modules[1]),
                ))
            if modules:
                wanted[name] = modules
        chosen = sorted({m[0] for m in wanted.values()}, key=order.index)
        if len(chosen) > 1:
            why = _together_reason(analysis, clusters[index])
            result.findings.append(Finding(
                "GS103", "error",
                f"{', '.join(f'{n} -> {m[0]}' for n, m in wanted.items())}: these must stay in "
                f"one module ({why}); map them to the same module", path,
                _line(analysis, clusters[index]),
            ))
            result.contested.update((uid, tuple(chosen)) for uid in clusters[index])
        if chosen:
            target[index] = chosen[0]
            matched = next(iter(wanted))
            for uid in clusters[index]:
                result.module_of[uid] = chosen[0]
            pattern = next((p for m, p in patterns if m == chosen[0]
                            and fnmatch.fnmatchcase(matched, p)), "")
            how = f"by {matched!r}" if matched in exact else f"by pattern {pattern!r}"
            result.placements.append(Placement(
                tuple(names), chosen[0], "facade" if chosen[0] == FACADE else "mapped",
                f"kept {how}" if chosen[0] == FACADE else f"mapped {how}",
                _line(analysis, clusters[index]),
            ))
    _carry(analysis, split, clusters, cluster_of, cluster_names, target, result)
    for unit in analysis.units:
        if unit.kind in ("facade", "effect") and unit.id not in cluster_of:
            result.module_of[unit.id] = FACADE
            if unit.kind == "effect" and not _deletes_imports(analysis, unit) and not all(
                    is_guard(analysis.module.body[i]) for i in unit.stmts):  # stays on top
                result.findings.append(Finding("GS204", "warning", effect_subject(
                    analysis, unit) + " stays in the facade; it now runs after the new modules "
                    "are imported", path, unit.line))
    used = set(result.module_of.values())
    result.modules = [m for m in result.modules if m in used]
    if not any(f.code == "GS102" for f in result.findings):  # unplaced names stay there too
        result.findings.extend(kept_most(analysis, result.module_of, split))
        result.findings.extend(rebound_reads(analysis, result))
        result.findings.extend(order_and_outside(analysis, result))
        result.findings.extend(straddle_findings(analysis, result))
    return result


def _deletes_imports(analysis: Analysis, unit: Unit) -> bool:
    """`del _join` of an imported helper: the facade keeps every import, so the `del`
    does there what it did before."""
    only_del = all(
        isinstance(stmt := analysis.module.body[i], cst.SimpleStatementLine)
        and all(isinstance(small, cst.Del) for small in stmt.body)
        for i in unit.stmts
    )
    return only_del and all(
        analysis.units[i].kind == "import"
        for name in unit.deletes for i in analysis.binders.get(name, ())
    )


def _line(analysis: Analysis, cluster: list[int]) -> int:
    return analysis.units[cluster[0]].line


def _together_reason(analysis: Analysis, cluster: list[int]) -> str:
    rebound = set().union(*(analysis.units[u].rebinds for u in cluster))
    if rebound:
        return f"they rebind the global {', '.join(sorted(rebound))}"
    deleted = set().union(*(analysis.units[u].deletes | analysis.units[u].maybe_deletes
                            for u in cluster))
    if deleted:
        return f"one deletes {', '.join(sorted(deleted))}, which the others read at import time"
    return "they bind the same name or one modifies the other"


def _check_mapping(analysis: Analysis, split: SplitConfig, exact: dict[str, list[str]],
                   patterns: list[tuple[str, str]], movable: set[str], result: Assignment,
                   ) -> None:
    path = str(analysis.path)
    for name, modules in exact.items():
        if len(modules) > 1:
            named = list(dict.fromkeys("`keep`" if m == FACADE else m for m in modules))
            moved = [m for m in named if m != "`keep`"]
            what = (f"is listed twice in {named[0]}" if len(named) == 1 else
                    f"is in `keep` and mapped to {' and '.join(moved)}" if len(moved) < len(named)
                    else f"is mapped to {'two' if len(named) == 2 else len(named)} modules: "
                    f"{', '.join(named[:-1])} and {named[-1]}")
            result.findings.append(Finding("GS100", "error", f"{name!r} {what}", *in_config(
                split, (path, 1), name, moved[-1] if moved else None)))
        if name in movable:
            continue
        unit = analysis.unit_of(name)
        if unit is not None and modules == [FACADE]:
            continue  # imports and module dunders stay in the old module anyway
        if unit is not None:
            why = {"import": "an import", "type_checking": "declared under `if TYPE_CHECKING:` "
                   "(copied into each module that reads it)",
                   "facade": "kept in the old module (`__all__`, `__getattr__`, the `__main__` "
                   "block)"}.get(unit.kind, unit.kind)
            if set(unit.stmts) & analysis.namespace_stmts:
                why = namespace_reason(analysis, unit)
            at = in_config(split, (path, unit.line), name, modules[0])
            result.findings.append(Finding(
                "GS101", "error", f"{name!r} cannot be mapped: it is {why}"
                + (f" (line {unit.line} of the source)" if at[0] != path else ""), *at,
            ))
            continue
        close = difflib.get_close_matches(name, sorted(movable), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        result.findings.append(Finding("GS101", "error", capture_reason(analysis, name) or (
            f"{name!r} is {'kept' if modules[0] == FACADE else f'mapped to {modules[0]}'} "
            f"but not defined in the source{hint}"), *in_config(split, (path, 1), name, modules[0])))
    for module, pattern in patterns:
        if not any(fnmatch.fnmatchcase(n, pattern) for n in movable):
            result.findings.append(Finding(
                "GS109", "warning", f"pattern {pattern!r} of "
                f"{'`keep`' if module == FACADE else module} matches no name",
                *in_config(split, (path, 1), pattern, module),
            ))


def _carry(
    analysis: Analysis,
    split: SplitConfig,
    clusters: list[list[int]],
    cluster_of: dict[int, int],
    cluster_names: list[list[str]],
    target: dict[int, str],
    result: Assignment,
) -> None:
    """Place unmapped clusters by who uses them, users first."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(len(clusters)))
    facade_users: set[int] = set()
    for unit in analysis.units:
        for read in unit.reads:
            for provider in analysis.binders.get(read.name, ()):
                if provider not in cluster_of:
                    continue
                used = cluster_of[provider]
                if unit.kind in ("facade", "effect"):
                    facade_users.add(used)
                elif unit.id in cluster_of and cluster_of[unit.id] != used:
                    graph.add_edge(cluster_of[unit.id], used)
    condensed = nx.condensation(graph)
    shared = split.shared or DEFAULT_SHARED
    unplaced: list[tuple[list[str], int]] = []
    for scc in nx.topological_sort(condensed):
        # mapped members stay where they are mapped; the others go where they are used
        members = sorted(m for m in condensed.nodes[scc]["members"] if m not in target)
        if not members:
            continue
        users = {
            target[u] for m in members for u in graph.predecessors(m)
            if u not in members and u in target
        }
        if FACADE in users:
            users.discard(FACADE)
            facade_users.update(members)
        names = [n for m in members for n in cluster_names[m]]
        line = _line(analysis, clusters[members[0]])
        reason: PlacementReason
        if len(users) == 1:
            module = users.pop()
            reason, detail = "carried", f"used only by {module}"
        elif users:
            order = {name: index for index, name in enumerate(result.modules)}
            ordered = sorted(users, key=lambda name: order.get(name, len(order)))
            module, reason, detail = shared, "shared", f"used by {', '.join(ordered)}"
        elif any(m in facade_users for m in members):
            module, reason, detail = FACADE, "facade", "used only by code kept in the facade"
        elif home := follow_home(analysis, [u for m in members for u in clusters[m]],
                                 result.module_of, bool(split.default)):
            module, detail, reason = *home, "facade" if home[0] == FACADE else "carried"
        elif split.default:
            module, reason, detail = split.default, "default", "not used by any module"
        else:
            unplaced.append((names, line))
            module, reason, detail = FACADE, "facade", "unplaced (see GS102)"
        if module not in result.modules and module != FACADE:
            result.modules.append(module)
        for m in members:
            target[m] = module
            for uid in clusters[m]:
                result.module_of[uid] = module
        result.placements.append(Placement(tuple(names), module, reason, detail, line))
    if unplaced:
        result.findings.append(_unplaced_finding(unplaced, str(analysis.path)))


def _unplaced_finding(unplaced: list[tuple[list[str], int]], path: str) -> Finding:
    """One GS102 for every name left unplaced, at the first one's line: a mapping of one
    name in a 60-definition file is one finding that says what to do, not 60."""
    unplaced.sort(key=lambda item: item[1])
    if len(unplaced) == 1:
        names = ", ".join(unplaced[0][0])
        return Finding("GS102", "error", f"{names}: not mapped and not used by any mapped "
                       "definition; map it or set `default` for the split", path, unplaced[0][1])
    listed = ", ".join(f"{', '.join(names)} (line {line})" for names, line in unplaced[:10])
    if len(unplaced) > 10:
        listed += f" and {len(unplaced) - 10} more (the plan lists each as unplaced)"
    count = sum(len(names) for names, _ in unplaced)
    return Finding(
        "GS102", "error", f"{count} names are not mapped and not used by any mapped "
        f"definition: {listed}; map them, or set `default` for the split to put them in "
        "one module", path, unplaced[0][1],
    )


def module_reads(analysis: Analysis, units: list[Unit]) -> dict[str, tuple[bool, bool]]:
    """Names a group of units reads from outside itself: name -> (import_time, annotation_only).
    A name the group binds counts too when an import outside it binds it as well (`import
    os` on top, `if DEBUG: import os` in the group): the group may read it before that."""
    ids = {u.id for u in units}
    bound = set().union(*(u.binds | u.rebinds for u in units)) if units else set()
    bound = {n for n in bound if not any(
        i not in ids and analysis.units[i].kind == "import" for i in analysis.binders.get(n, ()))}
    needs: dict[str, list[bool]] = {}
    for unit in units:
        for read in unit.reads:
            if read.name in bound:
                continue
            flags = needs.setdefault(read.name, [False, True])
            flags[0] = flags[0] or read.import_time
            flags[1] = flags[1] and read.annotation_only
    return {name: (f[0], f[1]) for name, f in needs.items()}
