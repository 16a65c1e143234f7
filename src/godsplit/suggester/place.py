"""From groups of nodes to a mapping the engine plans without errors.

Every definition gets a module: helpers go to the module that reads them most. A cycle of
imports needed at import time (a class in one module subclassing a base in another that
in turn needs the first at import time) is broken by moving the smallest set of
definitions that removes it, with everything they need at import time: into the one
module that needs them, or else into the shared module. Then groups are merged or halved
until there are exactly K modules, the shared one included. Pure and deterministic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx

from .best_cut import best_cut
from .cluster import halve
from .graph import WEIGHTS, Graph
from .indivisible import Block, whole
from .makers import follow_makers
from .paragraphs import keep
from .place_stay import stays
from .subfamilies import subfamilies

SHARED = -1  # the group id of the shared module
ROUNDS = 60


def to_helpers(g: Graph, group: dict[int, int]) -> None:
    """Each helper (a node not listed by name) goes to the group that reads it most, unless
    code of its own group reads it (`place_stay`); what a factory makes at import time, to
    its maker's (`makers`)."""
    before = dict(group)
    for _ in range(2):
        for n in sorted(range(len(g.nodes)), key=lambda n: -g.nodes[n].line):
            if g.nodes[n].anchor or group[n] == SHARED:
                continue
            pull: dict[int, float] = defaultdict(float)
            for r in g.readers.get(n, ()):
                if r >= 0:
                    pull[group[r]] += g.reads.get((r, n), 0.0)
            if pull and not stays(g, group, n):
                best = max(sorted(pull), key=lambda k: (pull[k], k == group[n]))
                if pull[best] > pull.get(group[n], 0.0):
                    group[n] = best
    follow_makers(g.makers, {n: node.line for n, node in enumerate(g.nodes)}, group, SHARED)
    keep(g, before, group)  # never parting a paragraph of constants (`paragraphs`)


SMALL = 0.5  # a subfamily this share of the average module's lines, or less, is small


def gather_families(g: Graph, group: dict[int, int], k: int, cap: int) -> None:
    """The small subfamilies of a large family go to the group that holds most of their
    classes, when they fit: maintainers pool a family of many small classes (AST or node
    classes spread through the file) in one module rather than cut it by topic, and never
    part a subclass from its base (`subfamilies`). Large means at least three classes, and
    at least as many as the average module's definitions; small, at most half the average
    module's lines (a subfamily: all its classes). No pool leaves fewer definitions than
    the other k - 1 modules need, one each: `exactly` would cut it again, into runs of
    small classes no maintainer grouped (youtube-dl's 18 small extractors, K 57 for 65
    definitions, each in a module of its own site's)."""
    count = len(g.nodes)
    lines = g.size(range(count)) / max(k, 1)
    least = max(3, math.ceil(count / max(k, 1)))
    members: dict[int, list[int]] = defaultdict(list)
    for root, parts in sorted(subfamilies(g).items()):
        for part in parts:
            if g.size(part) <= SMALL * lines and all(group[n] != SHARED for n in part):
                members[root] += part
    for _, small in sorted(members.items()):
        if len(small) < least or count - len(small) < k - 1:
            continue  # (too few to pool; or the other k - 1 modules could not be filled)
        held: dict[int, int] = defaultdict(int)
        for n in small:
            held[group[n]] += 1
        target = max(sorted(held), key=lambda x: held[x])
        moving = [n for n in small if group[n] != target]
        inside = [n for n, x in group.items() if x == target]
        if moving and g.size(inside) + g.size(moving) <= cap:
            for n in moving:
                group[n] = target


def import_edges(g: Graph, group: dict[int, int]) -> dict[tuple[int, int], list[int]]:
    """(group, group) -> the providers the first needs from the second at import time."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for reader, providers in sorted(g.early.items()):
        for p in sorted(providers):
            if group[p] != group[reader]:
                out[group[reader], group[p]].append(p)
    return out


def cyclic(g: Graph, group: dict[int, int]) -> list[list[int]]:
    """The groups that need each other at import time, one list per cycle."""
    edges = import_edges(g, group)
    graph: nx.DiGraph[int] = nx.DiGraph(list(edges))
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def closure(g: Graph, start: list[int], group: dict[int, int], dest: int) -> set[int]:
    """`start` and all it needs at import time, transitively, that is not in `dest`."""
    out: set[int] = set()
    todo = list(start)
    while todo:
        n = todo.pop()
        if n in out or group[n] == dest:
            continue
        out.add(n)
        todo.extend(g.early.get(n, ()))
    return out


def break_cycles(g: Graph, group: dict[int, int]) -> bool:
    """Move definitions until no groups need each other at import time. False if that
    took more than ROUNDS moves (then everything left in cycles went to shared)."""
    for _ in range(ROUNDS):
        cycles = cyclic(g, group)
        if not cycles:
            return True
        edges = import_edges(g, group)
        options = []
        for cycle in cycles:
            for (a, b), providers in sorted(edges.items()):
                if a not in cycle or b not in cycle:
                    continue
                for dest in (a, SHARED):
                    moved = closure(g, sorted(set(providers)), group, dest)
                    if not moved:
                        continue
                    others = {group[r] for n in moved for r in g.readers.get(n, ())
                              if r >= 0 and r not in moved and n in g.early.get(r, ())}
                    if dest != SHARED and not others <= {a, b}:
                        continue  # others need them at import time too: shared is the place
                    options.append((g.size(moved), dest == SHARED, min(moved), sorted(moved),
                                    dest))
        if not options:
            break
        *_, chosen, target = min(options)
        for n in chosen:
            group[n] = target
    for cycle in cyclic(g, group):
        for (a, b), providers in sorted(import_edges(g, group).items()):
            if a in cycle and b in cycle:
                for n in closure(g, providers, group, SHARED):
                    group[n] = SHARED
    return False


def groups_of(group: dict[int, int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for n, k in sorted(group.items()):
        out[k].append(n)
    return dict(out)


def closest(g: Graph, parts: dict[int, list[int]], among: list[int], cap: int
            ) -> tuple[int, int]:
    """The two groups of `among` (two or more, sorted) to merge: the most affinity for their
    lines, within `cap` lines when a pair fits."""
    *_, a, b = min((size > cap, -g.weight(parts[a], parts[b]) / size, a, b)
                   for i, a in enumerate(among) for b in among[i + 1:]
                   for size in [g.size(parts[a]) + g.size(parts[b])])
    return a, b


def exactly(g: Graph, group: dict[int, int], k: int, cap: int) -> None:
    """Merge the closest groups, or halve a group that holds two or more definitions listed
    by name (the one whose cut the reads hold loosest: `best_cut`), until there are k
    (shared counts), keeping import-time cycles away; helpers follow the halves that read
    them."""
    undone: set[tuple[int, ...]] = set()  # groups whose halves the helpers joined again
    for _ in range(3 * k + 10):
        parts = groups_of(group)
        count = len(parts)
        if count == k:
            return
        named = sorted(p for p in parts if p != SHARED)
        if count > k and len(named) >= 2:
            a, b = closest(g, parts, named, cap)
            for n in parts[b]:
                group[n] = a
        elif count < k:
            big = [p for p in named if len(parts[p]) > 1]
            if not big:
                return
            # a group of one listed definition and its helpers is halved last: halving it
            # makes a module of helpers, which maintainers keep with what reads them
            listed = [p for p in big if sum(g.nodes[n].anchor for n in parts[p]) > 1
                      and tuple(parts[p]) not in undone]
            largest, lower = best_cut(g, parts, listed or big, cap)  # (not always the largest)
            fresh = max(parts) + 1
            for n in lower:
                group[n] = fresh
            if listed:
                halved = dict(group)
                to_helpers(g, group)  # the halving may have parted helpers from their readers
                if len(groups_of(group)) <= count:  # it undid the halving: try another
                    group.clear()
                    group.update(halved)
                    for n in parts[largest]:
                        group[n] = largest
                    undone.add(tuple(parts[largest]))
                    continue
        else:
            return
        break_cycles(g, group)


def absorb(g: Graph, group: dict[int, int], small: int, cap: int) -> None:
    """Merge each group under `small` lines into the group it is most attached to (per line
    of the result), if that stays within `cap`: nobody keeps a 10-line module."""
    while True:
        parts = groups_of(group)
        tiny = sorted((g.size(p), k) for k, p in parts.items() if k != SHARED and
                      g.size(p) < small)
        options = []
        for size, k in tiny:
            for other, members in sorted(parts.items()):
                if other not in (k, SHARED) and size + g.size(members) <= cap:
                    options.append((-g.weight(parts[k], members) / (size + g.size(members)),
                                    size, k, other))
        if not options:
            return
        *_, k, other = min(options)
        for n in parts[k]:
            group[n] = other


def fit(g: Graph, group: dict[int, int], cap: int, found: tuple[Block, ...] = ()) -> bool:
    """Halve every group over `cap` lines that holds more than one definition (a large
    shared group too: one half becomes a module of its own), never parting a block."""
    changed = False
    for _, members in sorted(groups_of(group).items()):
        if len(members) > 1 and g.size(members) > cap:
            alone = [[n] for n in members if g.nodes[n].lines > cap] + [
                sorted(b.nodes) for b in found if b.nodes <= set(members)
                and g.size(b.nodes) > cap]  # a module of its own
            if len(alone) == 1 and g.size(members) - g.size(alone[0]) <= cap // 4:
                continue  # what little it carries may stay with it
            part = whole(g, members, alone[0] if alone else halve(g, members, cap)[1], found)
            fresh = max(group.values()) + 1
            for n in part:
                group[n] = fresh
            changed = changed or bool(part)
    return changed


def listed(g: Graph, group: dict[int, int], spread: bool = False,
           stay: frozenset[int] = frozenset()) -> set[int]:
    """The nodes the mapping lists by name: anchors, and helpers the engine would not carry
    to their group by itself (read from elsewhere, or by nothing but the facade). With
    `spread`, not a value that needs none of the file's names to be made, read by code of
    three modules or more (`stay`: nodes that do not move), none of them holding most of
    its readers: the engine puts what several modules read in the shared module (SEED's
    logger `_log`, two of whose readers are in `cases` and the rest in five other modules,
    is not imported from `cases` by those five; graphql's type aliases, read in
    annotations, stay with the class that uses them)."""
    out = set()
    for n, node in enumerate(g.nodes):
        readers = [r for r in g.readers.get(n, ()) if r >= 0]
        code = Counter(group[r] for r in readers if r not in stay
                       and g.reads.get((r, n), 0.0) > WEIGHTS.annotation)
        if (spread and len(code) >= 3 and node.kind == "value" and not node.anchor
                and not g.early.get(n) and 2 * max(code.values()) <= sum(code.values())):
            continue
        if node.anchor or not readers or any(group[r] != group[n] for r in readers):
            out.add(n)
    # The engine carries a reference cycle as a whole, mapped members too, to where its
    # unmapped members go: list every member of a cycle that has a listed member.
    for cycle in g.read_cycles:
        if cycle & out:
            out |= cycle
    return out
