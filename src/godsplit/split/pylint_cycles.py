"""GS224: new modules that import each other, in a project whose pylint reports
cyclic-import (R0401).

A call-time cycle between new modules is correct Python: godsplit places one import at
the end of a module (`needs`), and the split imports and behaves as before. But pylint's
R0401 counts every import, wherever it is, and cannot be disabled on a line (it is
reported once the whole run ends), so the generated modules fail the project's own
`pylint` run (enterprise-catalog: `make lint` runs pylint with its `pylintrc`; the
suggested split of `apps/api/tasks.py` had `index` and `algolia` import each other). Said
at plan time, with the names that close the cycle: mapping them with the other module
breaks it.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from ..types import Edge, Finding, SplitConfig
from .assign import in_config
from .checker_config import Pylint


def pylint_cycles(edges: Sequence[Edge], pylint: Pylint | None,
                  split: SplitConfig) -> list[Finding]:
    """A GS224 warning for each set of new modules that import each other in a cycle,
    where the project's pylint reports cyclic-import."""
    if pylint is None or not pylint.reports("cyclic-import"):
        return []
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((e.source, e.target) for e in edges)
    out = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        members = sorted(component)
        closing = sorted((e for e in edges if e.source in component and e.target in component
                          and e.deferred), key=lambda e: (e.source, e.target))
        how = "; ".join(f"{e.source} imports {', '.join(e.names)} from {e.target}"
                        for e in closing) or "their imports at the top"
        out.append(Finding(
            "GS224", "warning", f"new modules {', '.join(members)} import each other ({how}): "
            f"the project's pylint ({pylint.path.name}) reports cyclic-import (R0401) on "
            "them, and no pragma silences it; map the names one of them imports from the "
            "other into it to break the cycle",
            *in_config(split, (str(split.source), 1), module=members[0])))
    return out
