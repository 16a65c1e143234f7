"""Stage 2, assign: assign every unit to a new module (or the facade) from the mapping.

Mapped names go where the mapping says; names that must stay together (same binding,
a `global` rebinding them, attached statements) move as one cluster; unmapped clusters
are carried to the one module that uses them, or to the shared module when several do.
"""

from __future__ import annotations

import builtins
import difflib
import fnmatch
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..types import FACADE, Finding, Placement, PlacementReason, SplitConfig
from .analyze import Analysis, Unit

DEFAULT_SHARED = "_shared"


@dataclass
class Assignment:
    """Which module each unit goes to; the input of the render stage."""

    module_of: dict[int, str] = field(default_factory=dict)  # definition/facade unit -> module
    modules: list[str] = field(default_factory=list)  # new modules, in output order
    placements: list[Placement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def movable_clusters(analysis: Analysis) -> list[list[int]]:
    """Definition units that must move together, in source order."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    movable = {u.id for u in analysis.units if u.kind == "definition"}
    for ids in analysis.binders.values():
        members = [i for i in ids if i in movable]
        for other in members[1:]:
            parent[find(other)] = find(members[0])
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


def _in_config(
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
    clusters = movable_clusters(analysis)
    cluster_of = {uid: index for index, cluster in enumerate(clusters) for uid in cluster}
    cluster_names = [_names(analysis, c) for c in clusters]
    all_names = {n for names in cluster_names for n in names}
    exact: dict[str, list[str]] = defaultdict(list)
    patterns: list[tuple[str, str]] = []
    for module, entries in split.modules:
        for entry in entries:
            if _is_pattern(entry):
                patterns.append((module, entry))
            else:
                exact[entry].append(module)
    result.modules = [m for m, _ in split.modules]
    _check_mapping(analysis, split, exact, patterns, all_names, result)

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
                    *_in_config(split, (path, _line(analysis, clusters[index])), second,
                                modules[1]),
                ))
            if modules:
                wanted[name] = modules
        chosen = sorted({m[0] for m in wanted.values()}, key=result.modules.index)
        if len(chosen) > 1:
            why = _together_reason(analysis, clusters[index])
            result.findings.append(Finding(
                "GS103", "error",
                f"{', '.join(f'{n} -> {m[0]}' for n, m in wanted.items())}: these must stay in "
                f"one module ({why}); map them to the same module", path,
                _line(analysis, clusters[index]),
            ))
        if chosen:
            target[index] = chosen[0]
            matched = next(iter(wanted))
            for uid in clusters[index]:
                result.module_of[uid] = chosen[0]
            pattern = next((p for m, p in patterns if m == chosen[0]
                            and fnmatch.fnmatchcase(matched, p)), "")
            result.placements.append(Placement(
                tuple(names), chosen[0], "mapped",
                f"mapped by {matched!r}" if matched in exact else f"mapped by pattern {pattern!r}",
                _line(analysis, clusters[index]),
            ))
    _carry(analysis, split, clusters, cluster_of, cluster_names, target, result)
    for unit in analysis.units:
        if unit.kind in ("facade", "effect"):
            result.module_of[unit.id] = FACADE
            if unit.kind == "effect":
                result.findings.append(Finding(
                    "GS204", "warning",
                    "module-level statement that defines nothing stays in the facade; it now "
                    "runs after the new modules are imported", path, unit.line,
                ))
    used = set(result.module_of.values())
    result.modules = [m for m in result.modules if m in used]
    return result


def _line(analysis: Analysis, cluster: list[int]) -> int:
    return analysis.units[cluster[0]].line


def _together_reason(analysis: Analysis, cluster: list[int]) -> str:
    rebound = set().union(*(analysis.units[u].rebinds for u in cluster))
    if rebound:
        return f"they rebind the global {', '.join(sorted(rebound))}"
    return "they bind the same name or one modifies the other"


def _check_mapping(
    analysis: Analysis,
    split: SplitConfig,
    exact: dict[str, list[str]],
    patterns: list[tuple[str, str]],
    movable: set[str],
    result: Assignment,
) -> None:
    path = str(analysis.path)
    for name, modules in exact.items():
        if len(modules) > 1:
            result.findings.append(Finding(
                "GS100", "error", f"{name!r} is mapped to two modules: {' and '.join(modules)}",
                *_in_config(split, (path, 1), name, modules[1]),
            ))
        if name in movable:
            continue
        unit = analysis.unit_of(name)
        if unit is not None:
            why = {"import": "an import", "type_checking": "a TYPE_CHECKING import",
                   "facade": "kept in the facade"}.get(unit.kind, unit.kind)
            where = _in_config(split, (path, unit.line), name, modules[0])
            result.findings.append(Finding(
                "GS101", "error", f"{name!r} cannot be mapped: it is {why}"
                + (f" (line {unit.line} of the source)" if where[0] != path else ""), *where,
            ))
            continue
        close = difflib.get_close_matches(name, sorted(movable), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        result.findings.append(Finding(
            "GS101", "error", f"{name!r} is mapped to {modules[0]} but not defined in the "
            f"source{hint}", *_in_config(split, (path, 1), name, modules[0]),
        ))
    for module, pattern in patterns:
        if not any(fnmatch.fnmatchcase(n, pattern) for n in movable):
            result.findings.append(Finding(
                "GS109", "warning", f"pattern {pattern!r} of {module} matches no name",
                *_in_config(split, (path, 1), pattern, module),
            ))
    if split.package is not None:
        return  # sibling layout: module names never become attributes of the facade
    defined = movable | set(analysis.binders) | set(dir(builtins))
    candidates = [m for m, _ in split.modules] + [split.shared or DEFAULT_SHARED, split.default or ""]
    for module in candidates:
        if module in defined:
            result.findings.append(Finding(
                "GS106", "error", f"module name {module!r} is also a name defined in the source "
                "or a builtin; as a package attribute it would shadow that name",
                *_in_config(split, (path, 1), module=module),
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
    path = str(analysis.path)
    for scc in nx.topological_sort(condensed):
        members = sorted(condensed.nodes[scc]["members"])
        if all(m in target for m in members):
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
        elif split.default:
            module, reason, detail = split.default, "default", "not used by any module"
        else:
            result.findings.append(Finding(
                "GS102", "error", f"{', '.join(names)}: not mapped and not used by any mapped "
                "definition; map it or set `default` for the split", path, line,
            ))
            module, reason, detail = FACADE, "facade", "unplaced (see GS102)"
        if module not in result.modules and module != FACADE:
            result.modules.append(module)
        for m in members:
            target[m] = module
            for uid in clusters[m]:
                result.module_of[uid] = module
        result.placements.append(Placement(tuple(names), module, reason, detail, line))


def module_reads(analysis: Analysis, units: list[Unit]) -> dict[str, tuple[bool, bool]]:
    """Names a group of units reads from outside itself: name -> (import_time, annotation_only)."""
    bound = set().union(*(u.binds | u.rebinds for u in units)) if units else set()
    needs: dict[str, list[bool]] = {}
    for unit in units:
        for read in unit.reads:
            if read.name in bound:
                continue
            flags = needs.setdefault(read.name, [False, True])
            flags[0] = flags[0] or read.import_time
            flags[1] = flags[1] and read.annotation_only
    return {name: (f[0], f[1]) for name, f in needs.items()}
