"""GS105: a new module over max-lines, an error unless no mapping can fix it.

No mapping can fix a module whose longest indivisible part is, with the module's header
and imports, over max-lines even once every other name is mapped elsewhere. Indivisible
are one definition, the definitions in an import-time cycle (parting them is a GS104),
and the code changing or reading one object at import time that must run in one module,
in source order (parting it is a GS124: markdown2's 19 `Extra` subclasses and their
`register()` calls). Then it is a warning to split that code.
"""

from __future__ import annotations

import networkx as nx

from ..types import Finding
from .analyze import Analysis, Unit
from .needs import inseparable
from .order_findings import order_sets


def indivisible(analysis: Analysis, units: dict[int, Unit]) -> list[tuple[set[int], str]]:
    """The parts of these units no mapping can put in two modules, each with the object
    its code must change in source order ("" for a definition or an import-time cycle)."""
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(units)
    cycles = inseparable(analysis, units)
    for cycle in cycles:
        graph.add_edges_from((min(cycle), u) for u in cycle)
    objects: dict[int, str] = {}
    for name, members in order_sets(analysis):
        inside = sorted(u for u in members if u in units)
        graph.add_edges_from((inside[0], u) for u in inside[1:])
        if len(inside) > 1:
            objects.update((u, name) for u in inside)
    out = []
    for part in nx.connected_components(graph):
        names = sorted({objects[u] for u in part if u in objects})
        in_cycle = any(part <= c for c in cycles)  # said as a cycle, as before
        out.append((set(part), names[0] if names and not in_cycle else ""))
    return out


def oversized(analysis: Analysis, module_of: dict[int, str], module: str, lines: int,
              max_lines: int) -> Finding:
    """GS105: an error, unless no mapping can fix it (the module docstring): then a
    warning to split that code."""
    units = {u.id: u for u in analysis.units if module_of.get(u.id) == module}
    group, obj = max(indivisible(analysis, units),
                     key=lambda p: (sum(units[i].lines for i in p[0]), -min(p[0])),
                     default=(set(), ""))
    longest = max((units[i] for i in group), key=lambda u: u.lines, default=None)
    alone = lines - sum(u.lines for u in units.values() if u.id not in group)
    if longest is not None and alone > max_lines:
        name = min(longest.binds) if longest.binds else "a definition"
        header = f" ({alone} with the module's imports)" if longest.lines <= max_lines else ""
        why = f"{name} alone is {longest.lines} lines{header}"
        advice = f"consider splitting {name}"
        if obj:
            why = (f"the {len(group)} top-level statements changing or reading {obj!r} at "
                   "import time must run in one module, in source order (GS124): "
                   f"{alone} lines with its imports")
            advice = "consider splitting that code, or keeping it in the old module (keep)"
        elif len(group) > 1:
            others = f"{len(group) - 1} definition{'s' if len(group) > 2 else ''}"
            why = (f"{name} and the {others} in an import-time cycle with it must share a "
                   f"module ({alone} lines with its imports)")
        return Finding(
            "GS105", "warning", f"new module {module} would have {lines} lines, over max-lines "
            f"{max_lines}, because {why}; no mapping can fix that: {advice}",
            str(analysis.path), longest.line,
        )
    return Finding(
        "GS105", "error", f"new module {module} would have {lines} lines, over max-lines "
        f"{max_lines}; map some of its names to another module", str(analysis.path), 1,
    )
