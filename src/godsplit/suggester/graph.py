"""The graph behind `godsplit suggest`: definitions, their links, communities, names.

Nodes are the engine's clusters (definitions that must move together). Edges weigh who
reads whom (stronger at import time, hubs count less), the tf-idf similarity of the words
of their names, and neighbours in the file. networkx's Louvain (fixed seed) finds the
communities, which are cut under a line budget and merged to a sensible number; each is
named from its distinctive words. Deterministic: everything is sorted.
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
from dataclasses import dataclass

import libcst as cst
import networkx as nx

from ..split.analyze import Analysis
from ..split.assign import movable_clusters
from ..split.transforms import task_decorator

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
    clusters = movable_clusters(analysis)
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
        cut = next(i for i, s in enumerate(sizes) if 2 * s >= sizes[-1])
        cut = min(max(1, cut), len(ordered) - 1)
        parts = [sorted(ordered[:cut]), sorted(ordered[cut:])]
    small = [s for p in parts for s in (
        split_part(g, p, budget) if g.size(p) > budget and len(p) < len(members) else [p])]
    bins: list[list[int]] = [[] for _ in range(min(pieces, len(small)))]
    for part in sorted(small, key=lambda p: (-g.size(p), p[0])):  # the largest seed the bins
        fits = [b for b in bins if g.size(b) + g.size(part) <= budget] or bins
        max(fits, key=lambda b: (not b, g.weight(part, b), -g.size(b))).extend(part)
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
        parts.extend(split_part(g, largest, budget, pieces=2))  # always two or more parts
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
