"""`godsplit suggest`: propose the `[[split]]` mapping for a god module.

`graph` clusters the definitions; here the engine plans that mapping and repairs
it (import-time cycles, oversized or tiny modules) until the plan has no errors, then
plans the suggested table once more, as `godsplit plan` would. Deterministic; returns
data, never prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx

from ..config import parse_config
from ..files import read_source
from ..split.analyze import Analysis, analyze
from ..split.assign import DEFAULT_SHARED
from ..split.hazards import identity_findings
from ..split.layout import make_layout
from ..split.plan import build_plan
from ..split.render import MARKER
from ..types import FACADE, Config, Finding, GodsplitError, Plan, SplitConfig
from .graph import (
    MARGIN,
    W_IMPORT_TIME,
    Graph,
    build_graph,
    communities,
    name_modules,
    split_part,
    why,
)

ROUNDS = 40  # plan-and-repair rounds at most


@dataclass
class State:
    """The mapping being repaired: each node's group, and which nodes are mapped by name."""

    home: dict[int, int]
    pinned: set[int]
    to_shared: set[int] = field(default_factory=set)
    moves: Counter[int] = field(default_factory=Counter)

    def groups(self) -> list[tuple[int, list[int]]]:
        """(group, its mapped nodes) for each group with a mapped node, in file order."""
        by: dict[int, list[int]] = defaultdict(list)
        for n, group in sorted(self.home.items()):
            if n in self.pinned and n not in self.to_shared:
                by[group].append(n)
        return sorted(((k, v) for k, v in by.items()), key=lambda kv: kv[1])

    def members(self, group: int) -> list[int]:
        return sorted(n for n, h in self.home.items() if h == group and n not in self.to_shared)


def initial_state(g: Graph, parts: list[list[int]]) -> State:
    """Anchors are mapped; so are helpers read mostly from their own group, when read from
    several groups (they would otherwise go to `shared`)."""
    home = {n: k for k, p in enumerate(parts) for n in p}
    pinned = {i for i, n in enumerate(g.nodes) if n.anchor}
    for i, node in enumerate(g.nodes):
        readers = [r for r in sorted(g.readers.get(i, ())) if r >= 0]
        if node.kind != "value" and len({home[r] for r in readers}) > 1 and 2 * sum(
                home[r] == home[i] for r in readers) >= len(readers):
            pinned.add(i)
    return State(home, pinned)


def placed(g: Graph, plan: Plan) -> dict[str, list[int]]:
    """The nodes each planned module (or the facade) actually holds."""
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    out: dict[str, set[int]] = defaultdict(set)
    for p in plan.placements:
        out[p.module].update(node_of[name] for name in p.names if name in node_of)
    return {m: sorted(ns) for m, ns in out.items()}


def fix_cycles(g: Graph, state: State, plan: Plan, shared: str, homes: dict[str, int]) -> bool:
    """Break a cycle of import-time imports (GS104): move what one module of it needs at import
    time from the next into `shared` (when shared is in the cycle, or other modules read it
    too), else into the one module that reads it."""
    timed = [e for e in plan.edges if e.import_time and not e.typing_only]
    where = {n: m for m, ns in placed(g, plan).items() for n in ns}
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    graph: nx.DiGraph = nx.DiGraph((e.source, e.target) for e in timed)  # type: ignore[type-arg]
    for comp in sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1):
        inside = sorted((e for e in timed if e.source in comp and e.target in comp),
                        key=lambda e: (e.source != shared, e.source, e.target))
        e = inside[0]
        readers = [n for n, m in where.items() if m == e.source]
        needed = sorted({node_of[name] for name in e.names if name in node_of})
        early = [p for p in needed if any(g.reads.get((r, p), 0) >= W_IMPORT_TIME
                                          for r in readers)] or needed
        users = {where.get(r, FACADE) for p in early for r in g.readers.get(p, ()) if r not in early}
        target = e.source if e.source != shared and users <= {e.source, FACADE} else shared
        for n in early:
            state.moves[n] += 1
            state.pinned.add(n)
            if target == shared or target not in homes or state.moves[n] > 2:
                state.to_shared.add(n)
            else:
                state.home[n] = homes[target]
        return True
    return False


def fix_sizes(g: Graph, state: State, plan: Plan, shared: str, homes: dict[str, int],
              max_lines: int) -> bool:
    """Cut each module over max-lines in two; map helpers out of an oversized shared."""
    changed, members = False, placed(g, plan)
    fresh = max(state.home.values(), default=0) + 1
    for module in sorted((m for m in plan.modules if m.lines > max_lines), key=lambda m: m.name):
        nodes = members.get(module.name, [])
        if module.name == shared or module.name not in homes:
            excess = module.lines - max_lines
            for n in sorted(set(nodes) - state.to_shared, key=lambda n: (-g.nodes[n].lines, n)):
                state.pinned.add(n)
                excess, changed = excess - g.nodes[n].lines, True
                if excess <= 0:
                    break
            continue
        overhead = module.lines - g.size(nodes)
        parts = split_part(g, nodes, max_lines - overhead - 10, pieces=2)
        for k, part in enumerate(parts if len(parts) > 1 else ()):
            for n in part:
                state.pinned.add(n)
                state.to_shared.discard(n)
                state.home[n] = homes[module.name] if k == 0 else fresh + k
            changed = True
        fresh += len(parts)
    return changed


def merge_tiny(g: Graph, state: State, plan: Plan, homes: dict[str, int], max_lines: int,
               keep: int) -> bool:
    """Merge the smallest module, if under a tenth of max-lines, into its best-connected peer."""
    sizes = {m.name: m.lines for m in plan.modules if m.name in homes}
    if len(sizes) <= max(keep, 1):
        return False
    name = min(sizes, key=lambda m: (sizes[m], m))
    mine = state.members(homes[name])
    options = [o for o in sorted(sizes) if o != name and sizes[o] + sizes[name] <= max_lines * 0.9]
    if sizes[name] >= max(30, max_lines // 10) or not options:
        return False
    other = max(options, key=lambda o: (g.weight(mine, state.members(homes[o])), -sizes[o]))
    for n in mine:
        state.home[n] = homes[other]
    return True


@dataclass(frozen=True)
class SuggestedModule:
    name: str
    mapped: tuple[str, ...]  # the names the entry lists for it
    lines: int  # as planned
    why: tuple[str, ...]  # comment lines


@dataclass(frozen=True)
class Suggestion:
    source: str  # as the entry writes it: relative to the config's directory
    package: str | None
    shared: str
    default: str
    keep_module_name: str | None  # why the entry sets keep-module-name, if it does
    max_lines: int
    modules: tuple[SuggestedModule, ...]
    plan: Plan  # planned by `plan_split` from `table()`
    rounds: int  # plan-and-repair rounds used
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self.plan.errors

    def table(self) -> dict[str, Any]:
        """The `[[split]]` table, as TOML would load it."""
        out: dict[str, Any] = {"source": self.source}
        if self.package is not None:
            out["package"] = self.package
        out.update({"shared": self.shared, "default": self.default})
        if self.keep_module_name:
            out["keep-module-name"] = True
        out["modules"] = {m.name: list(m.mapped) for m in self.modules}
        return out


def _repair(analysis: Analysis, g: Graph, state: State, split: SplitConfig, root: Path,
            max_lines: int, target: int) -> tuple[SplitConfig, Plan, int]:
    """Plan the mapping and repair it until the plan has no errors (or no repair helps);
    then merge tiny modules while that stays clean. Returns the last clean mapping."""
    layout = make_layout(split, root)
    forbidden = set(analysis.binders) | {split.shared or "", split.default or ""}
    shared = split.shared or DEFAULT_SHARED
    best: tuple[SplitConfig, Plan, int] | None = None
    merges = len(state.groups())
    for rounds in range(1, ROUNDS + 1):
        groups = state.groups()
        names = name_modules(g, [state.members(k) for k, _ in groups], forbidden)
        modules = [(name, tuple(sorted(g.nodes[n].label for n in mapped)))
                   for name, (_, mapped) in zip(names, groups, strict=True)]
        if state.to_shared:
            modules.append((shared, tuple(sorted(g.nodes[n].label for n in state.to_shared))))
        split = replace(split, modules=tuple(modules))
        plan = build_plan(analysis, split, layout, max_lines)
        codes = {f.code for f in plan.errors}
        homes = {name: k for name, (k, _) in zip(names, groups, strict=True)}
        if not codes:
            best, merges = (split, plan, rounds), merges - 1
            if merges < 0 or not merge_tiny(g, state, plan, homes, max_lines, target):
                break
        elif codes - {"GS104", "GS105"} or not (
            ("GS104" in codes and fix_cycles(g, state, plan, shared, homes))
            or ("GS105" in codes and fix_sizes(g, state, plan, shared, homes, max_lines))
        ):
            break
    return best or (split, plan, rounds)


def _free(name: str, taken: set[str]) -> str:
    while name in taken:
        name += "_"
    return name


def _relative(path: Path, root: Path, what: str) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise GodsplitError(f"{what} is outside the project root {root}", path) from None


def suggest(source: Path, config: Config, max_lines: int | None = None, modules: int = 0,
            package: Path | None = None) -> Suggestion:
    """Suggest how to split `source`: a mapping whose plan has no errors, if one is found."""
    root = config.root.resolve()
    key = _relative(source, root, "source")
    if not key.endswith(".py"):
        raise GodsplitError("source must be a .py file", source)
    text = read_source(root / key)
    if MARKER in text.text:
        raise GodsplitError("already split by godsplit: this is a facade", source)
    analysis = analyze(text)
    limit = max_lines or config.max_lines
    taken = set(analysis.binders)
    shared = _free(DEFAULT_SHARED, taken)
    if package is None and source.name in ("__init__.py", "__main__.py"):
        package = (root / key).parent  # a package's own file: its modules go beside it
    package_key = _relative(package, root, "package") if package is not None else None
    split = SplitConfig(source=root / key, shared=shared, default=_free("misc", taken | {shared}),
                        package=root / package_key if package_key else None)
    g = build_graph(analysis, split.task_decorators)
    everything = {u.id: "m" for u in analysis.units if u.kind == "definition"}
    hazards = Counter(f.code for f in identity_findings(analysis, everything, split))
    keep = None
    if hazards:
        split = replace(split, keep_module_name=True)
        keep = ", ".join(f"{hazards[c]} {what}{'' if hazards[c] == 1 else plural}"
                         for c, what, plural in (("GS208", "exception class", "es"),
                                                 ("GS209", "definition with doctests", "s"))
                         if hazards[c])
    notes: list[str] = []
    if not g.nodes:
        raise GodsplitError("nothing to split: the module defines nothing that can move", source)
    notes.extend(f"{n.label} alone is {n.lines} lines, over max-lines {limit}"
                 for n in g.nodes if n.lines > limit)
    parts = communities(g, max(limit - MARGIN, limit // 2), modules)
    if modules and len(parts) != modules:
        notes.append(f"made {len(parts)} modules, not {modules}: under max-lines {limit}, "
                     "the definitions' sizes allow no other count")
    split, plan, rounds = _repair(analysis, g, initial_state(g, parts), split, root, limit,
                                  modules)
    members = placed(g, plan)
    draft = Suggestion(
        key, package_key, split.shared or shared, split.default or "", keep, limit,
        tuple(SuggestedModule(name, mapped, 0, why(g, members.get(name, []))
                              if name != split.shared else ("what several modules need at "
                                                            "import time",))
              for name, mapped in split.modules),
        plan, rounds, tuple(notes))
    # The proof: plan the suggested table itself, as `godsplit plan` would.
    checked = parse_config({"max-lines": limit, "split": [draft.table()]},
                           config.path or root / "godsplit.toml")
    final = checked.splits[0]  # the analysis is reused: the source is parsed once
    plan = build_plan(analysis, final, make_layout(final, checked.root), limit)
    lines = {m.name: m.lines for m in plan.modules}
    return replace(draft, plan=plan,
                   modules=tuple(replace(m, lines=lines.get(m.name, 0)) for m in draft.modules))
