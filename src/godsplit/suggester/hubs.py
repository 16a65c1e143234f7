"""An app or module-wide helper goes to the shared module, not into one feature module.

Maintainers who split a module keep what the whole module is built on apart from its
topics: lemur's `celery_app = make_celery(flask_app)`, whose `@celery_app.task`
decorators 24 tasks in four topics read, goes to an `app` module with what makes it, not
into `certificates`, which merely holds the most tasks. The sign is in the reads: a
value read by code of three modules or more, none of them holding most of its readers,
or a function that decorators (import-time reads) of three modules or more read, none of
them most. With everything it needs at import time, it goes to the shared module, if
that stays small (a quarter of the module budget): then the shared module needs none of
the topics at import time, so no cycle of imports is made. A value that needs none of the
file's names is left to `place.listed` (not listed, the engine's own rule puts it in the
shared module). Only without `--modules K` (K stays exact). Pure and deterministic.

Nothing moves along that holds a class or a registry (round 26): dill's `register`
decorator needs `Pickler` at import time, whose `dispatch` table many modules fill, and
moving `Pickler` to the shared module changed dill's suite (17 outcomes) where the
import check saw nothing; typing_extensions' `_SpecialForm` and black's `Result` classes
went along the same way. A helper whose closure holds a class, or a value that is a
container (a dict, list or set, made so or filled: `X[k] = ...`, `X.append(...)`), stays
where grouping put it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

import libcst as cst

from ..split.analyze import Analysis
from ..split.node_kinds import Kinds
from ..split.nodes import walk
from .graph import WEIGHTS, Graph
from .place import SHARED, closure


def _spread(counts: Counter[int]) -> bool:
    """Three groups or more, none holding more than half."""
    return len(counts) >= 3 and 2 * max(counts.values()) <= sum(counts.values())


_CONTAINERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "Counter",
                         "deque", "WeakValueDictionary", "WeakKeyDictionary", "WeakSet",
                         "ChainMap"})
_FILLS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "register",
                    "__setitem__"})


def _made_container(value: cst.BaseExpression | None) -> bool:
    if isinstance(value, (cst.Dict, cst.List, cst.Set, cst.DictComp, cst.ListComp,
                          cst.SetComp)):
        return True
    if isinstance(value, cst.Call):
        func = value.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else "")
        return name in _CONTAINERS
    return False


_LOOKED_AT = Kinds(cst.Assign, cst.AnnAssign, cst.Call)  # (by type: see node_kinds)


def containers(analysis: Analysis) -> frozenset[str]:
    """Top-level names bound to a container, or filled anywhere in the module
    (`X[k] = ...`, `X.append(...)`): registries, or what may be one."""
    out: set[str] = set()
    for node in walk(analysis.module):
        if not _LOOKED_AT(node):
            continue
        if isinstance(node, (cst.Assign, cst.AnnAssign)):
            targets = ([t.target for t in node.targets] if isinstance(node, cst.Assign)
                       else [node.target])
            for target in targets:
                if isinstance(target, cst.Name) and _made_container(node.value):
                    out.add(target.value)
                if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
                    out.add(target.value.value)
        elif (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
              and isinstance(node.func.value, cst.Name) and node.func.attr.value in _FILLS):
            out.add(node.func.value.value)
    return frozenset(out)


def _holds(g: Graph, needed: set[int], filled: frozenset[str]) -> bool:
    """A class, or a container value, among `needed`: it does not move along."""
    return any(g.nodes[m].kind == "class" or (g.nodes[m].kind == "value"
                                              and filled & set(g.nodes[m].names))
               for m in needed)


def hubs(g: Graph, group: dict[int, int], budget: int,
         stay: frozenset[int] = frozenset(),
         filled: Callable[[], frozenset[str]] = frozenset) -> list[str]:
    """Move each app or module-wide helper, with what it needs at import time, to the
    shared module, unless that takes a class or a registry along; return a note for
    each. `filled`: the names of containers (`containers`), asked only when needed."""
    notes, filled = [], functools.cache(filled)
    for n, node in enumerate(g.nodes):
        if group[n] == SHARED or n in stay or node.kind == "class":
            continue
        readers = [r for r in g.readers.get(n, ()) if r >= 0 and r not in stay]
        if node.kind == "value":
            if node.anchor or not g.early.get(n):
                continue  # (an anchor has a group of its own; the rest is `place.listed`'s)
            code = Counter(group[r] for r in readers if g.reads.get((r, n), 0.0)
                           > WEIGHTS.annotation)
        else:  # a function: only one that decorators (or other import-time code) read
            code = Counter(group[r] for r in readers if n in g.early.get(r, ()))
        if not _spread(code):
            continue
        needed = closure(g, [n], group, SHARED)
        if needed & stay or g.size(_shared(group) | needed) > budget // 4 or _holds(
                g, needed, filled()):
            continue
        for m in needed:
            group[m] = SHARED
        what = "import-time code" if node.kind == "function" else "code"
        with_ = ", ".join(g.nodes[m].label for m in sorted(needed - {n}))
        notes.append(f"{node.label}: read by the {what} of {len(code)} modules, none of them "
                     "most: it goes to the shared module" + (f" with {with_}, which it needs "
                                                             "at import time" if with_ else ""))
    return notes


def _shared(group: dict[int, int]) -> set[int]:
    return {n for n, k in group.items() if k == SHARED}
