"""Pieces of the grouping from the dominator tree of the read graph (round 13).

Add a root that reads every entry point of the file (a public class, a Celery task, a
value listed by name such as a family's table, a definition read by the code the old
module keeps, and anything nothing else in the file reads), and follow calls and
import-time reads (not annotations). A definition every path from the root to it passes
through some definition X is reachable only through X: X's helper, its helper's helper
and so on, though its name may be public (`move_wheel_files` and the eleven functions only
it calls). Each such definition goes with the highest of its dominators below the root:
one piece of the grouping, as a workflow is (ACDC's "subgraph dominator" pattern,
Tzerpos and Holt 2000). Used with `--modules K` only (see the README, round 13).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .graph import Graph

ROOT = -2  # the virtual root (-1 is the code the old module keeps)


def entries(g: Graph) -> list[int]:
    """The nodes the root reads: what code outside the file can reach directly."""
    out = []
    for n, node in enumerate(g.nodes):
        readers = g.readers.get(n, set())
        inner = [r for r in readers if r >= 0]
        if (node.task or (node.public and node.kind == "class") or -1 in readers or not inner
                or (node.anchor and node.kind == "value")):
            out.append(n)
    return out


def owners(g: Graph) -> dict[int, int]:
    """Node -> the highest node below the root that dominates it, for every node that
    some other node dominates."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from([ROOT, *range(len(g.nodes))])  # the root, even with no entry
    graph.add_edges_from((r, p) for (r, p), strength in sorted(g.reads.items())
                         if strength >= 1.0)
    graph.add_edges_from((ROOT, n) for n in entries(g))
    reached = nx.descendants(graph, ROOT)
    # a cycle of reads nothing outside it reads: each member is an entry of its own
    graph.add_edges_from((ROOT, n) for n in range(len(g.nodes)) if n not in reached)
    idom = nx.immediate_dominators(graph, ROOT)
    out = {}
    for n in range(len(g.nodes)):
        top = idom[n]
        if top == ROOT:
            continue
        while idom[top] != ROOT:
            top = idom[top]
        out[n] = top
    return out


def dominator_pieces(g: Graph) -> list[list[int]]:
    """Each node that dominates others, with them (sorted; in the order of their owners)."""
    pieces: dict[int, list[int]] = defaultdict(list)
    for n, owner in sorted(owners(g).items()):
        pieces[owner].append(n)
    return [sorted([owner, *members]) for owner, members in sorted(pieces.items())]
