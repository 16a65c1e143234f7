"""Stage 3a, needs: what each new module imports, and the imports between modules.

For each new module: the source's imports it uses; names it imports from sibling modules;
the sibling modules whose run-time-rebound globals it reads live (`helpers.DEBUG`); and
names that stay in the old module (kept there) which it imports from it. Then the edges
between new modules: at the top, at the end for call-time cycles (guarded and handed over
when the cycle also has import-time edges); an import-time cycle is a GS104 error. The
imports of names kept in the old module are `kept_imports`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import libcst as cst
import networkx as nx

from ..types import FACADE, Edge, Finding
from .analyze import Analysis, Read, Unit
from .assign import Assignment, module_reads
from .bindings import bindings, deciding, follow_definitions, unbound_reads
from .import_blocks import prune_import_block
from .imports import declared_names, identifiers
from .main_self import name_rebinds
from .nodes import find_all
from .star_cycles import stranded_star

MAIN = "__main__"  # the `__main__.py` of a package layout: the source's `__main__` block


@dataclass
class Needs:
    """What one new module imports."""

    imports: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # module -> name -> (import_time, annotation_only)
    siblings: dict[str, dict[str, tuple[bool, bool]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    live: dict[str, dict[str, bool]] = field(  # home module -> rebound global -> import_time
        default_factory=lambda: defaultdict(dict)
    )
    kept: dict[str, bool] = field(default_factory=dict)  # name kept in the old module -> import_time
    # sibling module -> name read at import time only by code other modules run (a method,
    # a function: `GRAMMAR = Word() | Word()` runs `__or__`) -> those modules
    run_by: dict[str, dict[str, frozenset[str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    rerun: list[int] = field(default_factory=list)  # statements run again here (main_self)


def collect_needs(
    analysis: Analysis, assignment: Assignment, module: str, findings: list[Finding],
    anchored: Collection[int] = (),
) -> Needs:
    """`anchored`: late imports that stay in the old module (`late_imports`); their names
    are kept there."""
    units = [u for u in analysis.units if assignment.module_of.get(u.id) == module]
    needs = Needs()
    pending = dict(module_reads(analysis, units))
    for name in analysis.live_names & {n for u in units for n in u.rebinds}:  # its home: the
        pending.setdefault(name, (False, False))  # imports binding it bind it here too
    elsewhere = run_elsewhere(units, assignment, module)
    done: set[str] = set()
    copied: set[str] = set()  # what the copied blocks read while the module loads
    findings.extend(unbound_reads(analysis, units, module))
    for uid, names in follow_definitions(analysis, assignment, units, module).items():
        if uid in anchored and uid in analysis.star_imports:  # a late cycle: it stays, so
            star, rebound = analysis.units[uid], names & analysis.star_rebinds.get(uid, set())
            if rebound:  # (a module read to find the cycle) here they keep their first value
                findings.append(Finding(
                    "GS112", "error", f"{', '.join(map(repr, sorted(rebound)))} would move to "
                    f"{module}, but the star import at line {star.line} binds it anew and stays "
                    "in the old module (it closes an import cycle): keep the definition in the "
                    "old module (`keep`)", str(analysis.path), star.line))
            continue
        for name in names:  # its definition is followed by imports rebinding the name
            _copy(analysis, needs, analysis.units[uid], name, done, pending, copied)
    while pending:
        name, (import_time, annotation_only) = pending.popitem()
        if name in copied:  # read by a copied block (`if TYPE_CHECKING:`) as the module loads
            import_time, annotation_only = True, False
        done.add(name)
        if module == MAIN and name == "__name__" and analysis.binders.get(name):
            again = name_rebinds(analysis, assignment.module_of)
            if again:
                needs.rerun += again  # its own `__name__`, rebound as the source did
                continue
            findings.append(Finding(
                "GS137", "warning", "the `__main__` block reads `__name__`, which the module "
                "rebinds with code that reads other names or moves: `__main__.py` imports the "
                "package's `__name__`, which under `python -m` can differ from what the module "
                "made of \"__main__\"", str(analysis.path),
                analysis.units[analysis.binders[name][0]].line))
        providers = [analysis.units[i] for i in analysis.binders.get(name, ())]
        if not providers:
            continue  # builtin, star-imported, or undefined: nothing to import
        home = next((u for u in providers if u.id in assignment.module_of), None)
        runtime = [u for u in providers if u.kind == "import"]
        seq = deciding(analysis, assignment, name, module)
        if home is not None and name not in analysis.live_names:
            # the definition among the bindings that decide the value (`json = None`,
            # then `try: import json`: the placeholder, when the import fails); none:
            # those imports decide, a placeholder before them or a `cffi: ModuleType |
            # None` does not (PIL's Image), nor an import the `__main__` block repeats,
            # which only a script run binds (rich's progress: `from .__main__ import Table`)
            home = next((u for u in seq if u.id in assignment.module_of), None)
        if home is not None and assignment.module_of[home.id] == module:
            # this module runs every binding, in source order (`import os`, then `os =
            # isolate_module(os)`: coverage's control; execnet's `if DEBUG: import os`)
            seq, home = [u for u in bindings(analysis, assignment, name, module)
                         if u.kind == "import"], None
            if not seq:
                continue
        elif home is None and not any(
                u.kind == "import" and u.id not in analysis.star_imports for u in seq):
            seq = [runtime[0] if runtime else providers[0]]
        elif home is None and import_time:  # read before a later import rebinds it (`import
            # json as X`, `Y = X.__name__`, `import pickle as X`): each import, in source order
            seq = [u for u in bindings(analysis, assignment, name, module) if u.kind == "import"]
        if home is not None:
            where = assignment.module_of[home.id]
            if where == FACADE and name in analysis.live_names:
                findings.append(Finding(
                    "GS112", "error", f"{name!r} is rebound at run time by code that stays in "
                    f"the old module, and {module} reads it; map it (and the code that rebinds "
                    "it) to a module", str(analysis.path), home.line,
                ))
            elif where == FACADE:
                needs.kept[name] = needs.kept.get(name, False) or import_time
            elif where != module and name in analysis.live_names:
                needs.live[where][name] = needs.live[where].get(name, False) or import_time
            elif where != module:
                old = needs.siblings[where].get(name, (False, True))
                if name in copied:  # not only read by code another module runs
                    needs.run_by[where].pop(name, None)
                elif import_time and name in elsewhere:  # settled by module_edges
                    import_time = False
                    needs.run_by[where][name] = elsewhere[name]
                needs.siblings[where][name] = (old[0] or import_time, old[1] and annotation_only)
            continue
        chosen = [u for u in seq if u.kind in ("import", "type_checking")] or seq[:1]
        if any(u.id in anchored for u in chosen):
            needs.kept[name] = needs.kept.get(name, False) or import_time
            continue
        for unit in chosen:
            _copy(analysis, needs, unit, name, done, pending, copied)
    stranded = [analysis.units[u] for u in analysis.star_imports
                if u in anchored and analysis.units[u].kind == "import"]  # stay: late cycles
    findings.extend(stranded_star(analysis, units, module, stranded))
    for uid in set(analysis.star_imports) - {u.id for u in stranded}:
        needs.imports[uid].add("*")
    return needs


def _copy(
    analysis: Analysis, needs: Needs, unit: Unit, name: str, done: set[str],
    pending: dict[str, tuple[bool, bool]], copied: set[str],
) -> None:
    """Copy the import (or `TYPE_CHECKING` block) `unit` for `name`, and what it reads (at
    import time: `copied`, whatever else reads it; PIL's `TYPE_CHECKING = False`)."""
    needs.imports[unit.id].add(name)
    if unit.kind == "type_checking" or (unit.kind == "import" and unit.first > 0):
        reads = _type_checking_reads(analysis, unit, name) if (
            unit.kind == "type_checking") else _block_reads(analysis, unit, name)
        for read in reads:  # TYPE_CHECKING itself, or names a try-block uses
            if read.name in done and read.name not in copied:  # settled as read later: again
                done.discard(read.name)
            copied.add(read.name)
            if read.name not in done:
                pending[read.name] = (True, False)


def _type_checking_reads(analysis: Analysis, unit: Unit, name: str) -> Collection[Read]:
    """What an `if TYPE_CHECKING:` block reads for `name`: its test, and the statement
    of the block that binds `name` (a new module's copy keeps only what it reads of a
    block holding classes beside imports: `imports.filter_type_checking`)."""
    words: set[str] = set()
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.If) or not isinstance(stmt.body, cst.IndentedBlock):
            return unit.reads
        words |= _words(stmt.test)
        for line in stmt.body.body:
            if (declared := declared_names(line)) is not None:  # a class, `Row = ...`
                if name in declared:
                    words |= _words(line)
            elif not isinstance(line, cst.SimpleStatementLine) or not all(
                    isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body):
                words |= _words(line)  # an assignment, a nested block: what it reads
    return [r for r in unit.reads if r.name in words]


def _block_reads(analysis: Analysis, unit: Unit, name: str) -> Collection[Read]:
    """What an import block (`if`) reads for `name`: its copy keeps only the lines binding
    the names its module reads (`prune_import_block`), so its tests and those lines.
    pydantic-settings' `if TYPE_CHECKING:` nests `if sys.version_info >= (3, 11): import
    tomllib` beside `from pydantic_settings.main import BaseSettings`: a module reading only
    `BaseSettings` got `import sys` for the nested `if` it did not copy (F401)."""
    words: set[str] = set()
    for index in unit.stmts:
        stmt = analysis.module.body[index]
        if not isinstance(stmt, cst.If) or find_all(stmt, cst.ImportStar):
            return unit.reads
        if (pruned := prune_import_block(stmt, {name})) is not None:
            words |= _words(pruned)
    return [r for r in unit.reads if r.name in words]


def _words(node: cst.CSTNode) -> set[str]:
    return identifiers(cst.Module([]).code_for_node(node))


def run_elsewhere(
    units: list[Unit], assignment: Assignment, module: str
) -> dict[str, frozenset[str]]:
    """The names these units read at import time only in code that the top-level code of
    other modules runs: name -> those modules. A method or function read at import time
    by its own module (its class body, a decorator, module-level code) is not here."""
    out: dict[str, set[str]] = {}
    direct: set[str] = set()
    for unit in units:
        for read in unit.reads:
            if not read.import_time:
                continue
            modules = {assignment.module_of.get(r) for r in read.runners}
            if not read.runners or module in modules or None in modules:
                direct.add(read.name)
            else:
                out.setdefault(read.name, set()).update(m for m in modules if m is not None)
    return {name: frozenset(ms) for name, ms in out.items() if name not in direct}


def settle_runners(needs: dict[str, Needs], order: list[str]) -> None:
    """A name a module reads only in code that another module's top-level code runs (its
    runner) is read when the runner runs, not when the reader is imported. The reader can
    import it at call time when, whatever module is imported first, the reader and the
    name's module are done by then: neither is the runner, nor imports it (directly or
    through other modules, the old module included, at any time during its import).
    Otherwise the read stays an import-time read of the reader (conservative)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from([*order, FACADE])
    for source in order:
        graph.add_edges_from((source, t) for t in (*needs[source].siblings, *needs[source].live))
        if needs[source].kept:
            graph.add_edge(source, FACADE)
        graph.add_edge(FACADE, source)  # the old module imports every new module
    below = {node: nx.descendants(graph, node) | {node} for node in graph}
    for source in order:
        for target, names in needs[source].run_by.items():
            for name, runners in names.items():
                if any(r not in graph or r in below[source] or r in below[target]
                       for r in runners):
                    flags = needs[source].siblings[target][name]
                    needs[source].siblings[target][name] = (True, flags[1])


def module_edges(
    analysis: Analysis, needs: dict[str, Needs], order: list[str]
) -> tuple[list[Edge], list[Finding]]:
    """Edges between new modules. In a cycle, imports needed only at call time go to the end
    of the module (guarded, and the other side hands the names over when it finishes, when
    the cycle has import-time edges too), so any import order works; a cycle of import-time
    edges alone is an error. Rebound globals are read through the module object, imported
    at the end too in a call-time cycle (at the top it runs the peer early: buku's `db`)."""
    settle_runners(needs, order)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(order)
    for source in order:
        for target, names in needs[source].siblings.items():
            # names read only in annotations are imported at run time too (get_type_hints,
            # pydantic, singledispatch need them), but only needed at call time
            graph.add_edge(source, target, import_time=any(f[0] for f in names.values()))
        for target, live in needs[source].live.items():  # the module object: an edge too
            if any(live.values()) or not graph.has_edge(source, target):
                graph.add_edge(source, target, import_time=any(live.values()))
    cyclic: dict[str, int] = {}
    mixed: set[int] = set()
    findings: list[Finding] = []
    for number, component in enumerate(nx.strongly_connected_components(graph)):
        if len(component) < 2:
            continue
        for node in component:
            cyclic[node] = number
        early: nx.DiGraph[str] = nx.DiGraph(
            (u, v) for u, v, d in graph.subgraph(component).edges(data=True) if d["import_time"]
        )
        if early.number_of_edges():
            mixed.add(number)
        for cycle in _cycles(early):
            findings.append(_cycle_finding(analysis, needs, cycle))
    edges = []
    for source in order:
        targets = set(needs[source].siblings) | set(needs[source].live)
        for target in sorted(targets, key=order.index):
            names = needs[source].siblings.get(target, {})
            live = needs[source].live.get(target, {})
            import_time = any(f[0] for f in names.values()) or any(live.values())
            same = cyclic.get(source, -1) == cyclic.get(target, -2)
            deferred = bool(names) and same and not any(f[0] for f in names.values())
            edges.append(Edge(
                source, target, tuple(sorted(names)), import_time, deferred,
                bool(names) and all(f[1] for f in names.values()),
                backpatch=deferred and cyclic[source] in mixed, live=tuple(sorted(live)),
                live_last=bool(live) and same and not import_time,
            ))
    return edges, findings


def _cycles(graph: nx.DiGraph[str]) -> list[list[str]]:
    """One cycle per strongly connected component of import-time edges, each starting at
    its least module, whatever order the graph was built in (hash seeds vary it)."""
    out = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            ordered: nx.DiGraph[str] = nx.DiGraph(sorted(graph.subgraph(component).edges))
            cycle = [u for u, _ in nx.find_cycle(ordered, min(component))]
            first = cycle.index(min(cycle))
            out.append(cycle[first:] + cycle[:first])
    return sorted(out)


def _cycle_finding(analysis: Analysis, needs: dict[str, Needs], cycle: list[str]) -> Finding:
    steps = []
    for source, target in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        early = sorted(
            [n for n, f in needs[source].siblings.get(target, {}).items() if f[0]]
            + [n for n, t in needs[source].live.get(target, {}).items() if t]
        )
        steps.append(f"{source} needs {', '.join(early)} from {target}")
    return Finding(
        "GS104", "error", f"import-time cycle: {'; '.join(steps)} (base classes, decorators, "
        "defaults or module-level code); map these names together with their users",
        str(analysis.path), 1,
    )


def inseparable(analysis: Analysis, unit_ids: Collection[int]) -> list[set[int]]:
    """The groups of these units that read each other at import time, in a cycle: no
    mapping can put them in two modules (that is an import-time cycle, GS104)."""
    binder = {name: u.id for u in analysis.units if u.id in unit_ids for name in u.binds}
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(unit_ids)
    for unit in analysis.units:
        if unit.id in unit_ids:
            graph.add_edges_from((unit.id, binder[r.name]) for r in unit.reads
                                 if r.import_time and r.name in binder and binder[r.name] != unit.id)
    return [set(c) for c in nx.strongly_connected_components(graph)]

