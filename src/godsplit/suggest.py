"""`godsplit suggest`: propose the `[[split]]` mapping for a god module.

Definitions become a weighted graph (who reads whom, stronger at import time; tf-idf
similarity of their names' words; neighbours in the file); networkx's Louvain communities
(fixed seed) are balanced under max-lines and named from their distinctive words. The
engine plans the mapping, which is repaired (import-time cycles, oversized or tiny modules)
until the plan has no errors; the result is planned once more from its own table.
Deterministic; returns data, never prints.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import libcst as cst
import networkx as nx

from .analyze import Analysis, analyze
from .config import parse_config
from .core import build_plan, make_layout, plan_split
from .files import read_source
from .hazards import identity_findings
from .plan import DEFAULT_SHARED, _clusters
from .render import MARKER
from .transforms import task_decorator
from .types import FACADE, Config, Finding, GodsplitError, Plan, SplitConfig

SEED = 7
STOP = frozenset(
    "a an and all as at by count data day do for from get has hour in info init is it item make "
    "max min minute new no not num of on or result run second set size the to task up value via "
    "with".split()
)
# Edge weights: a call (a read inside a function), a read at import time, an annotation, name
# similarity (tf-idf cosine of the words), neighbours in the file.
W_CALL, W_IMPORT_TIME, W_ANNOTATION, W_WORDS, W_NEAR = 1.0, 2.0, 0.3, 1.0, 0.2
MARGIN = 60  # lines kept free in each module for its imports
FILL = 0.45  # merge communities until modules average this share of the budget
ROUNDS = 40  # plan-and-repair rounds at most
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    ok = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return word[:-1] if ok else word


def words(name: str) -> list[str]:
    """Distinctive lower-case words of a snake_case or CamelCase name, stop words dropped."""
    out = [w.lower() for part in name.split("_") for w in _WORD.findall(part)]
    return [w for w in out if len(w) > 1 and not w.isdigit() and stem(w) not in STOP]


@dataclass(frozen=True)
class Node:
    """Definitions that must move together (one engine cluster)."""

    names: tuple[str, ...]
    lines: int
    line: int
    kind: str  # "function", "class" or "value"
    anchor: bool  # mapped by name (public function/class, task, or unused); others follow
    grams: frozenset[str]  # stemmed words of its names, and adjacent pairs of them

    @property
    def label(self) -> str:
        """The name a mapping lists: its first public name, if any."""
        return next((x for x in self.names if not x.startswith("_")), self.names[0])


@dataclass
class Graph:
    nodes: list[Node]
    graph: nx.Graph  # type: ignore[type-arg]
    reads: dict[tuple[int, int], float]  # (reader, provider) -> strength
    readers: dict[int, set[int]]  # provider -> reader nodes (-1: code kept in the facade)
    surface: dict[str, str]  # stem -> the word as written most often

    def size(self, members: Iterable[int]) -> int:
        return sum(self.nodes[n].lines for n in members)

    def weight(self, a: Iterable[int], b: Iterable[int]) -> float:
        other = set(b)
        return float(sum(d["weight"] for n in a for m, d in self.graph[n].items() if m in other))


def build_graph(analysis: Analysis, decorators: tuple[str, ...]) -> Graph:
    clusters = _clusters(analysis)
    cluster_of = {uid: i for i, c in enumerate(clusters) for uid in c}
    readers: dict[int, set[int]] = defaultdict(set)
    reads: dict[tuple[int, int], float] = defaultdict(float)
    for unit in analysis.units:
        if unit.id not in cluster_of and unit.kind not in ("facade", "effect"):
            continue
        reader = cluster_of.get(unit.id, -1)
        for read in unit.reads:
            for target in {cluster_of.get(p) for p in analysis.binders.get(read.name, ())}:
                if target is None or target == reader:
                    continue
                readers[target].add(reader)
                if reader >= 0:
                    strength = W_ANNOTATION if read.annotation_only else (
                        W_IMPORT_TIME if read.import_time else W_CALL)
                    reads[reader, target] = max(reads[reader, target], strength)
    written: Counter[tuple[str, str]] = Counter()
    nodes = []
    for index, cluster in enumerate(clusters):
        units = [analysis.units[u] for u in cluster]
        names: dict[str, None] = {}
        for u in units:  # the engine's order: what each unit binds, then what it rebinds
            names.update(dict.fromkeys(sorted(u.binds) + sorted(u.rebinds - u.binds)))
        grams: set[str] = set()
        for name in names:
            written.update((stem(w), w) for w in words(name))
            stems = [stem(w) for w in words(name)]
            grams.update(stems, (f"{a}_{b}" for a, b in itertools.pairwise(stems) if a != b))
        stmts = [analysis.module.body[i] for u in units for i in u.stmts]
        kind = ("class" if any(isinstance(s, cst.ClassDef) for s in stmts) else
                "function" if any(isinstance(s, cst.FunctionDef) for s in stmts) else "value")
        task = any(isinstance(s, cst.FunctionDef) and task_decorator(s, decorators) for s in stmts)
        public = any(not n.startswith("_") for n in names)
        anchor = (public and kind != "value") or task or not readers.get(index)
        nodes.append(Node(tuple(names), sum(u.lines for u in units), units[0].line, kind,
                          anchor, frozenset(grams)))
    surface: dict[str, str] = {}
    for (s, w), _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0])):
        surface.setdefault(s, w)
    g = Graph(nodes, nx.Graph(), dict(reads), dict(readers), surface)
    g.graph.add_nodes_from(range(len(nodes)))
    _add_edges(g)
    return g


def _add_edges(g: Graph) -> None:
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for (reader, provider), strength in sorted(g.reads.items()):  # hubs count less
        fan_in = len([r for r in g.readers[provider] if r >= 0])
        weights[min(reader, provider), max(reader, provider)] += strength / math.sqrt(fan_in)
    total = len(g.nodes)
    df: Counter[str] = Counter(w for n in g.nodes for w in n.grams)
    vectors = [{w: math.log(total / df[w]) for w in n.grams} for n in g.nodes]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for word in sorted(w for w in df if 2 <= df[w] <= max(3, 0.4 * total)):
        having = [n for n in range(total) if word in g.nodes[n].grams]
        for a, b in itertools.combinations(having, 2):
            dots[a, b] += vectors[a][word] * vectors[b][word]
    for (a, b), dot in sorted(dots.items()):
        weights[a, b] += W_WORDS * dot / (norms[a] * norms[b])
    order = sorted(range(total), key=lambda n: g.nodes[n].line)
    for a, b in itertools.pairwise(order):
        weights[min(a, b), max(a, b)] += W_NEAR
    g.graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))


def _louvain(g: Graph, members: list[int], resolution: float) -> list[list[int]]:
    found = nx.community.louvain_communities(g.graph.subgraph(members), weight="weight",
                                             resolution=resolution, seed=SEED)
    return sorted(sorted(p) for p in found)


def split_part(g: Graph, members: list[int], budget: int, pieces: int = 0) -> list[list[int]]:
    """Cut a group into `pieces` (at least as many as the budget needs) cohesive parts."""
    members = sorted(members)
    pieces = max(pieces, math.ceil(g.size(members) / max(budget, 1)))
    if len(members) < 2 or pieces < 2:
        return [members]
    parts = [members]
    for resolution in (1.0, 2.0, 4.0, 8.0):
        parts = _louvain(g, members, resolution)
        if len(parts) >= pieces:
            break
    if len(parts) < 2:  # no structure left: cut the file order in halves by size
        ordered = sorted(members, key=lambda n: g.nodes[n].line)
        sizes = list(itertools.accumulate(g.nodes[n].lines for n in ordered))
        cut = min(max(1, next(i for i, s in enumerate(sizes) if 2 * s >= sizes[-1])), len(ordered) - 1)
        parts = [sorted(ordered[:cut]), sorted(ordered[cut:])]
    small = [s for p in parts for s in (
        split_part(g, p, budget) if g.size(p) > budget and len(p) < len(members) else [p])]
    bins: list[list[int]] = [[] for _ in range(min(pieces, len(small)))]
    for part in sorted(small, key=lambda p: (-g.size(p), p[0])):
        fits = [b for b in bins if g.size(b) + g.size(part) <= budget] or bins
        max(fits, key=lambda b: (g.weight(part, b), -g.size(b))).extend(part)
    return sorted(sorted(b) for b in bins if b)


def communities(g: Graph, budget: int, target: int = 0) -> list[list[int]]:
    """Louvain communities split under the budget, then merged: tiny or anchorless ones
    into their best-connected peer, and down to `target` (or about half-full) modules."""
    parts = [s for p in _louvain(g, list(range(len(g.nodes))), 1.0)
             for s in split_part(g, p, budget)]
    total = g.size(range(len(g.nodes)))
    goal = target or math.ceil(total / (FILL * budget))
    small = min(budget // 6, total // (2 * goal))
    while len(parts) > 1:
        pool = [p for p in parts if g.size(p) < small or not any(g.nodes[n].anchor for n in p)]
        pool = pool or (parts if len(parts) > goal else [])
        choices = [(g.weight(a, b) / g.size(a + b), -g.size(a), -a[0], -b[0], i, j)
                   for i, a in enumerate(parts) if a in pool
                   for j, b in enumerate(parts) if i != j and g.size(a + b) <= budget]
        if not choices:
            break
        *_, i, j = max(choices)
        parts[j] = sorted(parts[j] + parts[i])
        del parts[i]
    while target and len(parts) < target and any(len(p) > 1 for p in parts):
        largest = max((p for p in parts if len(p) > 1), key=lambda p: (g.size(p), -p[0]))
        parts.remove(largest)
        parts.extend(split_part(g, largest, budget, pieces=2))
    return sorted(parts)


def ranked_words(g: Graph, members: list[int], everywhere: Counter[str]) -> list[str]:
    """A group's distinctive words, best first; `crisis_intervention` before `crisis`
    when a third of the names with `crisis` go on with `intervention`."""
    inside: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for n in members:
        inside.update({w: 2 if g.nodes[n].anchor else 1 for w in g.nodes[n].grams})
        spread.update(g.nodes[n].grams)
    score = {w: c * c / everywhere[w] for w, c in inside.items()
             if spread[w] >= 2 or len(members) == 1}
    out: list[str] = []
    for word in sorted((w for w in score if "_" not in w), key=lambda w: (-score[w], w)):
        pairs = [p for p in score if p.startswith(f"{word}_") and 3 * spread[p] >= spread[word]]
        out.extend([*sorted(pairs, key=lambda p: (-score[p], p)), word])
    return out


def _everywhere(g: Graph) -> Counter[str]:
    counts: Counter[str] = Counter()
    for n in g.nodes:
        counts.update({w: 2 if n.anchor else 1 for w in n.grams})
    return counts


def valid_name(name: str, forbidden: set[str]) -> bool:
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    return (name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
            and not name.startswith("__") and name not in forbidden and name not in stdlib
            and name not in vars(builtins))


def name_modules(g: Graph, groups: list[list[int]], forbidden: set[str]) -> list[str]:
    """A unique, valid module name per group that clashes with no name of the source."""
    everywhere, taken = _everywhere(g), set(forbidden)
    names = [""] * len(groups)
    for i in sorted(range(len(groups)), key=lambda i: (-g.size(groups[i]), groups[i])):
        grams = ranked_words(g, groups[i], everywhere) + sorted(
            {w for n in groups[i] if g.nodes[n].anchor for w in g.nodes[n].grams if "_" not in w})
        spelled = ["_".join(g.surface.get(w, w) for w in gram.split("_")) for gram in grams]
        plural = [f"{w}s" for w in spelled[:3] if not w.endswith(("s", "ed", "ing", "ly"))]
        tries = itertools.chain(spelled[:3], plural, spelled[3:],
                                (f"{w}_tools" for w in spelled[:3]),
                                (f"group{k}" for k in itertools.count(1)))
        names[i] = next(t for t in tries if valid_name(t, taken))
        taken.add(names[i])
    return names


def why(g: Graph, members: list[int]) -> tuple[str, ...]:
    """Comment lines: the words the members share, and who calls whom among them."""
    count = Counter(w for n in members for w in g.nodes[n].grams if "_" not in w)
    top = [w for w in ranked_words(g, members, _everywhere(g)) if count[w] >= 2 and "_" not in w]
    out = [", ".join(f"'{g.surface.get(w, w)}' x{count[w]}" for w in top[:4])] if top else []
    out = [f"shared words: {out[0]}"] if out else []
    inside = set(members)
    callees: dict[int, list[int]] = defaultdict(list)
    for r, p in sorted(g.reads):
        if r in inside and p in inside and g.nodes[p].kind != "value":
            callees[r].append(p)
    callers = sorted(callees, key=lambda r: (not g.nodes[r].anchor, -len(callees[r]), r))[:2]
    said = [f"{g.nodes[r].label} calls {', '.join(g.nodes[p].label for p in callees[r][:3])}"
            + (f" and {len(callees[r]) - 3} more" if len(callees[r]) > 3 else "") for r in callers]
    if said:
        out.append("; ".join(said))
    return tuple(out) or ("near each other in the file",)


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
    """Move what an import-time cycle needs: into `shared` when shared is in the cycle or
    several modules read it, else into the one module that reads it."""
    edges = [e for e in plan.edges if not e.typing_only]
    where = {n: m for m, ns in placed(g, plan).items() for n in ns}
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    graph: nx.DiGraph = nx.DiGraph((e.source, e.target) for e in edges)  # type: ignore[type-arg]
    for comp in sorted(sorted(c) for c in nx.strongly_connected_components(graph)):
        inside = [e for e in edges if e.source in comp and e.target in comp]
        if len(comp) < 2 or not any(e.import_time for e in inside):
            continue
        if shared in comp:
            todo = [(e, shared) for e in inside if e.source == shared]
        else:
            e = min((e for e in inside if e.import_time), key=lambda e: (e.source, e.target))
            providers = {node_of[n] for n in e.names if n in node_of}
            users = {where.get(r, FACADE) for p in providers for r in g.readers.get(p, ())
                     if r not in providers}
            todo = [(e, e.source if users <= {e.source, FACADE} else shared)]
        for e, target in todo:
            for n in sorted({node_of[name] for name in e.names if name in node_of}):
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
    plan, _ = plan_split(checked, checked.splits[0])
    lines = {m.name: m.lines for m in plan.modules}
    return replace(draft, plan=plan,
                   modules=tuple(replace(m, lines=lines.get(m.name, 0)) for m in draft.modules))
