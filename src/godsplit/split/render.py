"""Stage 3, render: the text of every new module.

Moved code is copied byte-for-byte from the source (with the comments above and inside
it); the only edits are those `transforms` lists. Each module gets exactly the imports it
uses, re-based for its depth, and imports from its sibling modules for names that moved
elsewhere: at the top, or at the end for call-time-only cycles, or under TYPE_CHECKING
when only annotations need them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import libcst as cst
import networkx as nx

from ..types import FACADE, Edge, Finding, SplitConfig
from . import imports, runtime
from .analyze import Analysis, Unit
from .assign import Assignment, module_reads
from .layout import Layout
from .transforms import apply_edits, plan_edits

MARKER = "# godsplit: facade"
@dataclass
class Needs:
    """What one new module imports."""

    imports: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    siblings: dict[str, dict[str, tuple[bool, bool]]] = field(
        default_factory=lambda: defaultdict(dict)
    )


def first_definition(analysis: Analysis) -> int:
    for unit in analysis.units:
        if unit.kind not in ("docstring", "future", "import", "type_checking"):
            return unit.first
    return len(analysis.module.body)


def collect_needs(
    analysis: Analysis, assignment: Assignment, module: str, findings: list[Finding]
) -> Needs:
    units = [u for u in analysis.units if assignment.module_of.get(u.id) == module]
    needs = Needs()
    pending = dict(module_reads(analysis, units))
    done: set[str] = set()
    while pending:
        name, (import_time, annotation_only) = pending.popitem()
        done.add(name)
        providers = [analysis.units[i] for i in analysis.binders.get(name, ())]
        if not providers:
            continue  # builtin, star-imported, or undefined: nothing to import
        home = next((u for u in providers if u.id in assignment.module_of), None)
        if home is not None:
            where = assignment.module_of[home.id]
            if where == FACADE:
                findings.append(Finding(
                    "GS112", "error", f"{name!r} stays in the facade but {module} reads it; "
                    "map it to a module", str(analysis.path), home.line,
                ))
                continue
            if where != module:
                old = needs.siblings[where].get(name, (False, True))
                needs.siblings[where][name] = (old[0] or import_time, old[1] and annotation_only)
            continue
        runtime = [u for u in providers if u.kind == "import"]
        chosen = runtime[0] if runtime else providers[0]
        needs.imports[chosen.id].add(name)
        if chosen.kind == "type_checking" or (chosen.kind == "import" and chosen.first > 0):
            for read in chosen.reads:  # TYPE_CHECKING itself, or names a try-block uses
                if read.name not in done and read.name not in pending:
                    pending[read.name] = (True, False)
    for uid in analysis.star_imports:
        needs.imports[uid].add("*")
    return needs


def module_edges(
    analysis: Analysis, needs: dict[str, Needs], order: list[str]
) -> tuple[list[Edge], list[Finding]]:
    """Edges between new modules. In a cycle, imports needed only at call time go to the end
    of the module; when the cycle also has import-time edges, those call-time imports are
    guarded and the other side hands the names over when it finishes (back-patching), so
    any import order works. A cycle of import-time edges alone is an error naming the units
    to map together."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(order)
    for source in order:
        for target, names in needs[source].siblings.items():
            # names read only in annotations are imported at run time too (get_type_hints,
            # pydantic, singledispatch need them), but only needed at call time
            graph.add_edge(source, target, import_time=any(f[0] for f in names.values()))
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
        for target in sorted(needs[source].siblings, key=order.index):
            names = needs[source].siblings[target]
            typing_only = all(f[1] for f in names.values())
            import_time = any(f[0] for f in names.values())
            same = cyclic.get(source, -1) == cyclic.get(target, -2)
            deferred = same and not import_time
            edges.append(Edge(
                source, target, tuple(sorted(names)), import_time, deferred, typing_only,
                backpatch=deferred and cyclic[source] in mixed,
            ))
    return edges, findings


def _cycles(graph: nx.DiGraph[str]) -> list[list[str]]:
    """One cycle per strongly connected component of import-time edges."""
    out = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            out.append(nx.find_cycle(graph.subgraph(component)))
    return [[u for u, _ in cycle] for cycle in sorted(out)]


def _cycle_finding(analysis: Analysis, needs: dict[str, Needs], cycle: list[str]) -> Finding:
    steps = []
    for source, target in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        early = sorted(n for n, f in needs[source].siblings[target].items() if f[0])
        steps.append(f"{source} needs {', '.join(early)} from {target}")
    return Finding(
        "GS104", "error", f"import-time cycle: {'; '.join(steps)} (base classes, decorators, "
        "defaults or module-level code); map these names together with their users",
        str(analysis.path), 1,
    )


def _import_text(
    analysis: Analysis, unit: Unit, names: set[str], old_package: str, new_package: str,
    keep_comments: bool,
) -> str:
    parts = []
    for index in unit.stmts:
        stmt: cst.BaseStatement = analysis.module.body[index]
        if isinstance(stmt, cst.SimpleStatementLine) and "*" not in names and unit.kind == "import":
            filtered = imports.filter_import_line(stmt, names)
            if filtered is None:
                continue
            stmt = filtered
        stmt = imports.rebase(stmt, old_package, new_package)
        if not keep_comments:  # keep blank lines between import groups, not their comments
            leading = [line for line in getattr(stmt, "leading_lines", ()) if line.comment is None]
            stmt = stmt.with_changes(leading_lines=leading[-1:])
        if stmt is analysis.module.body[index]:
            parts.append(analysis.code(index))
        else:
            parts.append(analysis.module.code_for_node(stmt))
    return "".join(parts)


def docstring_for(module: str, layout: Layout) -> str:
    title = module.strip("_").replace("_", " ").capitalize() or module
    return f'"""{title}: split from `{layout.old_module}` by godsplit."""\n'


def header_comments(analysis: Analysis) -> str:
    """The source's header comment lines (licence, coding cookie), without a shebang."""
    module = analysis.module
    lines = [module.code_for_node(line) for line in module.header]
    return "".join(line for line in lines if not line.startswith("#!"))


def render_new_module(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, layout: Layout,
    module: str, needs: Needs, edges: list[Edge], findings: list[Finding],
) -> str:
    units = [u for u in analysis.units if assignment.module_of.get(u.id) == module]
    first_def = first_definition(analysis)
    edits = plan_edits(
        analysis, units, layout.old_module, split.task_decorators, split.pin_task_names
    )
    findings.extend(edits.findings)
    items: list[tuple[float, str]] = []
    future = "".join(
        analysis.code(u.first).lstrip("\n") for u in analysis.units if u.kind == "future"
    )
    late: list[tuple[float, str]] = []
    for uid in sorted(needs.imports):
        unit = analysis.units[uid]
        text = _import_text(
            analysis, unit, needs.imports[uid], layout.old_package, layout.new_package, False
        )
        if unit.kind == "type_checking" and unit.first < first_def:
            items.append((first_def - 0.2, text))
        else:
            (items if unit.first < first_def else late).append((unit.first, text))
    mine = [e for e in edges if e.source == module]
    conditional = analysis.conditional_names
    top = "".join(_sibling(e.target, e.names, conditional) for e in mine if not e.deferred)
    if top:
        items.append((first_def - 0.3, "\n" + top))
    body: list[tuple[float, str]] = list(late)
    name_stmts = {read.stmt for read in analysis.nodes.name_reads if read.node_id in edits.name_ids}
    moved = layout.old_package != layout.new_package
    for unit in units:
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            changed: cst.BaseStatement = stmt
            if index in name_stmts or id(stmt) in edits.tasks:
                changed = apply_edits(
                    stmt, edits, layout.old_module, split.task_decorators, index in name_stmts
                )
            if moved and "from ." in analysis.code(index):  # function-local relative imports
                changed = imports.rebase(changed, layout.old_package, layout.new_package)
            text = analysis.code(index) if changed is stmt else analysis.module.code_for_node(changed)
            body.append((index, text))
    body.sort(key=lambda item: item[0])
    if body and not body[0][1].startswith("\n"):
        body[0] = (body[0][0], "\n" + body[0][1])
    deferred = [e for e in mine if e.deferred]
    tail = ""
    if deferred:
        tail += (
            "\n\n# godsplit: imported last to break an import cycle; these names are used "
            "only inside functions.\n"
        )
        tail += "".join(
            _pending(e) if e.backpatch else _sibling(e.target, e.names, conditional)
            for e in deferred
        )
    tail += _backpatch([e for e in edges if e.target == module and e.backpatch])
    if split.keep_module_name:
        tail += _keep_module_name(analysis, units, layout, split)
    header = header_comments(analysis) + docstring_for(module, layout)
    items.sort(key=lambda item: item[0])
    head = "".join(text for _, text in items)
    if future:
        head = future + ("\n" + head.lstrip("\n") if head else "")
    text = header + ("\n" + head.lstrip("\n") if head else "") + "".join(t for _, t in body) + tail
    return text.rstrip("\n") + "\n"


def _sibling(target: str, names: tuple[str, ...], conditional: frozenset[str]) -> str:
    return imports.guarded(
        f".{target}", [n for n in names if n not in conditional],
        [n for n in names if n in conditional],
    )


def _pending(edge: Edge) -> str:
    body = imports.from_import(f".{edge.target}", edge.names)
    return (
        "try:\n" + "".join(f"    {line}\n" for line in body.splitlines())
        + f"except ImportError:  # godsplit: .{edge.target} is still importing; it hands these "
        "over when done\n    pass\n"
    )


def _backpatch(incoming: list[Edge]) -> str:
    """Hand names to modules of a mixed cycle that were imported before this one finished."""
    if not incoming:
        return ""
    calls = "".join(
        f'_godsplit_hand_over("{edge.source}", '
        + ", ".join(f"{name}={name}" for name in edge.names) + ")\n"
        for edge in incoming
    )
    return runtime.render("hand_over", {}) + "\n\n" + calls + "del _godsplit_hand_over\n"


def _keep_module_name(
    analysis: Analysis, units: list[Unit], layout: Layout, split: SplitConfig
) -> str:
    from .transforms import task_decorator

    names = []
    for unit in units:
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if isinstance(stmt, cst.ClassDef) or (isinstance(stmt, cst.FunctionDef) and (
                task_decorator(stmt, split.task_decorators) is None
            )):
                names.append(stmt.name.value)
    if not names:
        return ""
    return runtime.render("keep_module_name", {
        "old_module": f'"{layout.old_module}"',
        "objects": "(" + ", ".join(dict.fromkeys(names)) + ",)",
    })

