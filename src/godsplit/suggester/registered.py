"""Functions the file decorates with one of its own functions are one piece (round 38).

A decorator the file defines and puts on three or more of its functions registers them
(picard's `script_function` on its 69 `func_*` script functions, weasyprint's `validator`,
`single_keyword` and `expander` on its CSS properties, gevent's `_ignores_DoNotPatch` on
its `patch_*` functions, qcodes' `upgrader` on its `perform_db_upgrade_*` steps,
voluptuous' `message` and `truth` on its validators). In all twelve such families of the
198 splits in `benchmarks/maintainers`, the maintainers kept the decorated functions in
one module (the decorator itself went with them in seven, elsewhere in five). The reads
do not hold them together: each reads the decorator, which many read (so it counts less),
and little else, and the words of their names part them (picard's `func_eq`, `func_ne`
and `func_lt` went to two modules of their own). So they start the merging as one piece
where they fit, as a Celery workflow does (`graph.bonds`); the decorator is placed by
its reads, as any helper. Two (mne's `verbose` on two functions the maintainers parted)
are no family, nor is a decorator reached through an attribute (`cli.command`,
`library.register`: an object's method, whose functions metaflow and django-tables2
parted).
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

FAMILY = 3  # decorated functions, at least, make a family


def _own(decorator: cst.BaseExpression, defined: frozenset[str]) -> str | None:
    """The file's function a decorator is (`@name`) or calls (`@name(...)`), if any."""
    target = decorator.func if isinstance(decorator, cst.Call) else decorator
    return target.value if isinstance(target, cst.Name) and target.value in defined else None


def registered(module: cst.Module, node_of: Mapping[str, int]) -> tuple[tuple[int, ...], ...]:
    """The nodes of each family of functions decorated by one function the file defines
    (FAMILY or more of them), in file order; a node in two families joins them (the
    bonds are connected: `graph.bonds`)."""
    body = [s for s in module.body if isinstance(s, cst.FunctionDef)]
    defined = frozenset(s.name.value for s in body)
    families: dict[str, list[int]] = {}
    for stmt in body:
        node = node_of.get(stmt.name.value)
        if node is None:
            continue
        for decorator in stmt.decorators:
            own = _own(decorator.decorator, defined)
            if own is not None and own != stmt.name.value:
                families.setdefault(own, []).append(node)
    return tuple(tuple(dict.fromkeys(nodes)) for _, nodes in sorted(families.items())
                 if len(set(nodes)) >= FAMILY)
