"""The graph behind `godsplit suggest`: definitions and how strongly they belong together.

Nodes are the engine's clusters (definitions that must move together). The affinity of
two nodes adds up the signals maintainers group by: who reads whom (calls, and reads at
import time; helpers read everywhere count less), class families (a class and its base
in the file, mixins and thin bases weaker; a table of a family's classes is listed by
name), shared words of their names (tf-idf, the prefix of a function counting as a word
of its own), and neighbours in the file, unless a section banner (`# --- Rules ---`)
stands between them. Deterministic: everything is sorted.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

import libcst as cst
import networkx as nx

from ..split.analyze import Analysis
from ..split.assign import mappable_dunder, movable_clusters
from ..split.nodes import find_all
from ..split.transforms import decorator_name, task_decorator
from .makers import calls, made_by
from .paragraphs import blank_before
from .reexports import reexported
from .registered import registered

STOP = frozenset(
    "a an and all as at by count data day do for from get has hour in info init is it item make "
    "max min minute new no not num of on or result run second set size the to task up value via "
    "with".split()
)


@dataclass(frozen=True)
class Weights:
    """How much each signal adds to the affinity of two definitions (tuned on the tuning
    half of benchmarks/maintainers only)."""

    call: float = 1.0  # a read inside a function
    import_time: float = 2.0  # a read while the module is imported (a decorator, a default)
    annotation: float = 0.3  # a read in an annotation that is never evaluated
    fan: float = 0.5  # reads of a provider with n readers count 1 / n**fan
    base: float = 3.0  # a class and its first base class in the file
    mixin: float = 1.0  # a class and its other bases (mixins) in the file
    thin: int = 20  # a first base of at most this many lines, `thin_ratio` times shorter
    # than the class, bonds as a mixin does (pytest's 9-line `FuncargnamesCompatAttr` under
    # `FixtureRequest` and `Metafunc`, which its maintainers keep apart): `thin_base`
    thin_ratio: float = 5.0
    words: float = 1.0  # tf-idf cosine of the words of their names
    near: float = 0.4  # neighbours in the file, in one section
    across: float = 0.02  # neighbours in the file, a section banner between them
    window: int = 5  # how many neighbours on each side count (the k-th: near / k)


WEIGHTS = Weights()


def thin_base(base_lines: int, class_lines: int, w: Weights = WEIGHTS) -> bool:
    """A first base too thin beside its class to hold a family together: the graph bonds
    it as a mixin. (`naming.lineage` has its own, looser test of a base too thin to name
    its family: a tenth of the largest subclass, of any size.)"""
    return base_lines <= w.thin and class_lines >= w.thin_ratio * base_lines
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# `# --- Constants ---`, `# utilities ####`, `######`, `# ===== Rules =====`
BANNER = re.compile(r"^\s*#\s*(?:[-=#*~_+/]{3,}.*|.*[-=#*~_+/]{4,}\s*)$")


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
    anchor: bool  # listed by name in the mapping (public function/class, task, or unused)
    grams: frozenset[str]  # stemmed words of its names, adjacent pairs, ^prefix and suffix$
    section: int  # how many section banners come before it
    bases: tuple[int, ...] = ()  # its classes' bases defined in the file (nodes), first first
    task: bool = False  # a Celery task (for its module's name only)
    blank: bool = False  # a blank line comes right before it (`paragraphs`)

    @property
    def label(self) -> str:
        """The name a mapping lists: its first public name, if any."""
        return next((x for x in self.names if not x.startswith("_")), self.names[0])

    @property
    def public(self) -> bool:
        return any(not x.startswith("_") for x in self.names)


@dataclass
class Graph:
    nodes: list[Node]
    weights: dict[tuple[int, int], float]  # (a, b), a < b -> affinity
    reads: dict[tuple[int, int], float]  # (reader, provider) -> strength
    readers: dict[int, set[int]]  # provider -> reader nodes (-1: code kept in the facade)
    early: dict[int, set[int]]  # reader -> providers it needs at import time
    surface: dict[str, str]  # stem -> the word as written most often
    composes: dict[int, list[int]] = field(default_factory=dict)  # task -> its workflow's tasks
    near: dict[int, dict[int, float]] = field(default_factory=dict)  # adjacency of weights
    makers: dict[int, int] = field(default_factory=dict)  # product -> its maker (`makers`)
    reexports: frozenset[int] = frozenset()  # `X = imported.X` (`reexports`)
    calls: dict[int, int] = field(default_factory=dict)  # `x = C(...)` -> C (`instances`)
    registers: tuple[tuple[int, ...], ...] = ()  # functions one own decorator registers (`registered`)

    def __post_init__(self) -> None:
        for (a, b), w in self.weights.items():
            self.near.setdefault(a, {})[b] = w
            self.near.setdefault(b, {})[a] = w

    # A graph is not changed once built: what is derived from it is computed once.
    @cached_property
    def bonds(self) -> list[list[int]]:
        """Nodes grouped as one piece where they fit: each workflow (workflows that share
        a task are one)."""
        graph: nx.Graph[int] = nx.Graph()
        graph.add_edges_from((a, b) for a, composed in self.composes.items() for b in composed)
        return sorted(sorted(c) for c in nx.connected_components(graph))

    @cached_property
    def families(self) -> dict[int, int]:
        """Class node -> its in-file inheritance root (through first bases that are not
        mixins), for every class: a family is the classes of one root."""
        return {i: family_root(self.nodes, i) for i, n in enumerate(self.nodes)
                if n.kind == "class"}

    @cached_property
    def gram_counts(self) -> Counter[str]:
        """How often each gram occurs over the nodes, a listed node's counting twice."""
        counts: Counter[str] = Counter()
        for n in self.nodes:
            counts.update({w: 2 if n.anchor else 1 for w in n.grams})
        return counts

    @cached_property
    def read_cycles(self) -> list[set[int]]:
        """Nodes that read each other in a cycle (two or more), from `reads`."""
        graph: nx.DiGraph[int] = nx.DiGraph(list(self.reads))
        return [c for c in nx.strongly_connected_components(graph) if len(c) > 1]

    def size(self, members: Iterable[int]) -> int:
        return sum(self.nodes[n].lines for n in members)

    def weight(self, a: Iterable[int], b: Iterable[int]) -> float:
        other = set(b)
        return float(sum(w for n in a for m, w in self.near.get(n, {}).items() if m in other))


def _sections(analysis: Analysis) -> list[int]:
    """For each top-level statement, how many banner comments come at or before it."""
    out, count = [], 0
    for index in range(len(analysis.codes)):
        leading = getattr(analysis.module.body[index], "leading_lines", ())
        if any(line.comment is not None and BANNER.match(line.comment.value) for line in leading):
            count += 1
        out.append(count)
    return out


def _grams(name: str, kind: str) -> set[str]:
    stems = [stem(w) for w in words(name)]
    out = set(stems) | {f"{a}_{b}" for a, b in itertools.pairwise(stems) if a != b}
    if len(stems) > 1:  # the suffix of a class (`...Checker`), the prefix of the rest
        out.add(f"{stems[-1]}$" if kind == "class" else f"^{stems[0]}")
    return out


def task_factories(analysis: Analysis, decorators: tuple[str, ...]) -> tuple[str, ...]:
    """The task decorators, and the decorators the file defines that make Celery tasks
    with them (`def singleton_task(**options)` returning `shared_task(**options)(wrapped)`)."""
    found = set(decorators)
    for _ in range(3 if found else 0):  # a factory of a factory
        called = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(found)))})\s*\(")
        more = {stmt.name.value for i, stmt in enumerate(analysis.module.body)
                if isinstance(stmt, cst.FunctionDef) and stmt.name.value not in found
                and called.search(analysis.code(i).partition("def ")[2])  # cheap look first
                and any(decorator_name(cst.ensure_type(c, cst.Call).func) in found
                        for c in find_all(stmt.body, cst.Call))}
        if not more:
            break
        found |= more
    return (*decorators, *sorted(found - set(decorators)))


def build_graph(analysis: Analysis, decorators: tuple[str, ...], weights: Weights = WEIGHTS
                ) -> Graph:
    decorators = task_factories(analysis, decorators)
    late = set(late_dunders(analysis))
    clusters = movable_clusters(analysis, late)
    cluster_of = {uid: i for i, c in enumerate(clusters) for uid in c}
    readers: dict[int, set[int]] = defaultdict(set)
    reads: dict[tuple[int, int], float] = defaultdict(float)
    early: dict[int, set[int]] = defaultdict(set)
    targets: dict[str, list[int]] = {}  # name -> the nodes that bind it (-1: kept code)
    for unit in analysis.units:
        if unit.id not in cluster_of and unit.kind not in ("facade", "effect"):
            continue
        reader = cluster_of.get(unit.id, -1)
        for read in unit.reads:
            if read.name not in targets:
                targets[read.name] = sorted(
                    {cluster_of.get(p, -1) for p in analysis.binders.get(read.name, ())})
            for target in targets[read.name]:
                if target < 0 or target == reader:
                    continue
                readers[target].add(reader)
                if reader < 0:
                    continue
                strength = weights.annotation if read.annotation_only else (
                    weights.import_time if read.import_time else weights.call)
                if strength > reads[reader, target]:
                    reads[reader, target] = strength
                if read.import_time and not read.annotation_only:
                    early[reader].add(target)
    sections = _sections(analysis)
    node_of = {name: cluster_of[u] for name, ids in analysis.binders.items()
               for u in ids[:1] if u in cluster_of}
    written: Counter[tuple[str, str]] = Counter()
    aliases = reexported(analysis, clusters)  # an imported name under the file's name
    nodes = []
    tasks: dict[int, list[int]] = {}  # task node -> its functions (statement indices)
    for index, cluster in enumerate(clusters):
        units = [analysis.units[u] for u in cluster]
        names: dict[str, None] = {}
        # the longest unit's names first (its label names the node: `rrule`, not the
        # `easter = None` it rebinds), each unit's binds, then what it rebinds
        for u in sorted(units, key=lambda u: -u.lines):
            names.update(dict.fromkeys(sorted(u.binds) + sorted(u.rebinds - u.binds)))
        stmts = [analysis.module.body[i] for u in units for i in u.stmts]
        kind = ("class" if any(isinstance(s, cst.ClassDef) for s in stmts) else
                "function" if any(isinstance(s, cst.FunctionDef) for s in stmts) else "value")
        grams: set[str] = set()
        for name in names:
            written.update((stem(w), w) for w in words(name))
            grams |= _grams(name, kind)
        bases = [node_of.get(b.value.value) for s in stmts if isinstance(s, cst.ClassDef)
                 for b in s.bases if isinstance(b.value, cst.Name)]
        task = any(isinstance(s, cst.FunctionDef) and task_decorator(s, decorators) for s in stmts)
        if task:
            tasks[index] = [i for u in units for i in u.stmts
                            if isinstance(analysis.module.body[i], cst.FunctionDef)]
        public = any(not n.startswith("_") for n in names)
        anchor = ((public and kind != "value") or task or not readers.get(index)
                  or bool(set(cluster) & late))  # a dunder moves only when listed
        nodes.append(Node(tuple(names), sum(u.lines for u in units), units[0].line, kind, anchor,
                          frozenset(grams), sections[units[0].first],
                          tuple(dict.fromkeys(b for b in bases
                                              if b is not None and b != index and b not in aliases)),
                          task, blank_before(analysis.module.body[min(u.first for u in units)])))
    registries = _registries(nodes, early)
    nodes = [replace(n, anchor=True) if i in registries else n for i, n in enumerate(nodes)]
    surface: dict[str, str] = {}
    for (s, w), _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0])):
        surface.setdefault(s, w)
    return Graph(nodes, _weights(nodes, reads, readers, weights), dict(reads), dict(readers),
                 {k: v for k, v in early.items()}, surface,
                 _workflows(analysis, tasks, node_of, reads),
                 makers=made_by(analysis, clusters, node_of), reexports=aliases,
                 calls=calls(analysis, clusters, node_of), registers=registered(analysis.module, node_of))


def family_root(nodes: list[Node], n: int) -> int:
    """A class's in-file inheritance root, through first bases that are not mixins."""
    seen = {n}
    while bases := [b for b in nodes[n].bases if not nodes[b].label.endswith("Mixin")]:
        if bases[0] in seen:
            break
        n = bases[0]
        seen.add(n)
    return n


def bond(nodes: list[Node], index: int, rank: int, w: Weights = WEIGHTS) -> float:
    """What a class adds to its tie with its `rank`-th base in the file: a first base's
    bond, unless the base is a mixin (or thin); any other base's, a mixin's."""
    base = nodes[nodes[index].bases[rank]]
    mixin = rank > 0 or base.label.endswith("Mixin") or thin_base(
        base.lines, nodes[index].lines, w)
    return w.mixin if mixin else w.base


def _registries(nodes: list[Node], early: dict[int, set[int]]) -> set[int]:
    """Values that hold, at import time, three or more classes of one family in the file
    (a base class and all its subclasses, through their first non-mixin base): a table
    of converters or of checkers. They are listed by name, so that they stay where their
    family's group is rather than follow the class that reads them."""
    family = {i: family_root(nodes, i) for i, n in enumerate(nodes) if n.kind == "class"}
    out = set()
    for index, node in enumerate(nodes):
        held = Counter(family[p] for p in early.get(index, ()) if p in family)
        if node.kind == "value" and held and max(held.values()) >= 3:
            out.add(index)
    return out


SIGNATURES = frozenset({"s", "si", "signature"})  # Celery's ways to make a task's signature
SIGNATURE_CALL = re.compile(r"\.(?:s|si|signature)\s*\(")


def _workflows(analysis: Analysis, tasks: dict[int, list[int]], node_of: dict[str, int],
               reads: dict[tuple[int, int], float]) -> dict[int, list[int]]:
    """Task -> the other tasks of the file it composes into a workflow (a chain, group or
    chord of their signatures: `step.s(...)`). Maintainers keep a workflow with the task
    that starts it."""
    out: dict[int, list[int]] = {}
    for index, functions in sorted(tasks.items()):
        composed = set()
        for stmt in functions:
            if not SIGNATURE_CALL.search(analysis.code(stmt)):  # the cheap look first
                continue
            function = analysis.module.body[stmt]
            for call in find_all(function, cst.Call):
                func = call.func
                if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
                    continue
                target = node_of.get(func.value.value)
                if func.attr.value in SIGNATURES and target in tasks and (index, target) in reads:
                    composed.add(target)
        if composed:
            out[index] = sorted(composed)
    return out


def _weights(nodes: list[Node], reads: dict[tuple[int, int], float],
             readers: dict[int, set[int]], w: Weights) -> dict[tuple[int, int], float]:
    out: dict[tuple[int, int], float] = defaultdict(float)  # keyed (a, b), a < b

    def key(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)

    fan = {p: len([r for r in found if r >= 0]) ** w.fan for p, found in readers.items()}
    for (reader, provider), strength in sorted(reads.items()):  # hubs count less
        out[key(reader, provider)] += strength / fan[provider]
    for index, node in enumerate(nodes):
        for rank, base in enumerate(node.bases):
            out[key(index, base)] += bond(nodes, index, rank, w)
    total = len(nodes)
    # a class's suffix names its family (naming) but does not pull classes together: the
    # checkers maintainers keep apart share it as much as the converters they keep together
    df: Counter[str] = Counter(g for n in nodes for g in n.grams if not g.endswith("$"))
    vectors = [{g: math.log(total / df[g]) for g in n.grams if g in df} for n in nodes]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    having: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        for gram in node.grams:
            if gram in df:
                having[gram].append(index)
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for gram in sorted(g for g in df if 2 <= df[g] <= max(3, 0.4 * total)):
        for a, b in itertools.combinations(having[gram], 2):
            dots[a, b] += vectors[a][gram] * vectors[b][gram]
    for (a, b), dot in sorted(dots.items()):  # a < b: `having` lists nodes in order
        out[a, b] += w.words * dot / (norms[a] * norms[b])
    order = sorted(range(total), key=lambda n: nodes[n].line)
    for distance in range(1, w.window + 1):  # the file's order: nearer counts more
        for a, b in zip(order, order[distance:], strict=False):
            same = nodes[a].section == nodes[b].section
            out[key(a, b)] += (w.near if same else w.across) / distance
    return {k: v for k, v in sorted(out.items()) if v > 0}


def late_dunders(analysis: Analysis) -> list[int]:
    """Module dunder assignments (`__exception_wrapper__ = ExceptionWrapper(EXCEPTIONS)`,
    peewee) that read moved definitions and that definitions read at import time: kept
    in the old module (the default for dunders), they would be bound only after the new
    modules that read them are imported (GS112), so the mapping lists them by name."""
    defined = {n for u in analysis.units if u.kind == "definition" for n in u.binds}
    early = {r.name for u in analysis.units if u.kind == "definition" for r in u.reads
             if r.import_time and not r.annotation_only}
    return [u.id for u in analysis.units if mappable_dunder(analysis, u)
            and u.binds & early and any(r.name in defined and r.import_time for r in u.reads)]
