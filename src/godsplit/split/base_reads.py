"""GS124: a class statement that only names a class as its base reads none of its state.

Django REST framework's `fields.py`: `Field.__init__` numbers every field made
(`self._creation_counter = Field._creation_counter; Field._creation_counter += 1`), and
`ListField`'s body makes one (`child = _UnvalidatedField()`) at import time. `class
BooleanField(Field)` names `Field` at import time too, but making the subclass reads
nothing of `Field`'s: the subclass looks its attributes up when it is used, so the
counter it would see then is the same whichever module made it, and before or after the
field made in `ListField`'s body. That holds only when no class hook runs as the
subclass is made (an `__init_subclass__`, a metaclass: they may read the counter then),
so every base of the statement must be `object` or a class of the module, bound by its
class statement alone (gunicorn rebinds `Setting` to a class its metaclass makes), with no
hook and no keywords, nor any of the module's classes it derives from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import libcst as cst

from .analyze import Analysis
from .nodes import walk


def plain_classes(analysis: Analysis) -> dict[str, cst.ClassDef]:
    """The module's top-level classes whose name nothing else binds (a unit of the class
    statement alone is its only binder)."""
    out: dict[str, cst.ClassDef] = {}
    for name, binders in analysis.binders.items():
        units = [analysis.units[u] for u in binders]
        if len(units) == 1 and len(units[0].stmts) == 1 and isinstance(
                stmt := analysis.module.body[units[0].stmts[0]], cst.ClassDef):
            out[name] = stmt
    return out


def only_subclassed(stmts: Iterable[cst.CSTNode], name: str,
                    defs: Mapping[str, cst.ClassDef],
                    runs: Callable[[cst.CSTNode], Iterable[cst.CSTNode]]) -> bool:
    """Whether the import-time code of `stmts` (`runs`: the nodes of a top-level statement
    that run when the module runs it) names `name`, and only as a base of class statements
    that run no class hook (`defs`: `plain_classes`)."""
    bases: set[int] = set()
    for stmt in stmts:
        todo = [stmt]
        while todo:  # the class statements run: top-level ones and those in their bodies
            node = todo.pop()
            if isinstance(node, cst.ClassDef):
                if _hook_free(node, defs, set()):
                    bases |= {id(b.value) for b in node.bases}
                todo.extend(node.body.body)
    named = [id(n) for stmt in stmts for n in runs(stmt)
             if isinstance(n, cst.Name) and n.value == name]
    return bool(named) and all(n in bases for n in named)


def _hook_free(node: cst.ClassDef, defs: Mapping[str, cst.ClassDef], seen: set[str]) -> bool:
    """Whether making class `node` runs no class hook: no keywords (`metaclass=`), and each
    base `object` or a class of the module that defines no hook and is made so itself."""
    if node.keywords:
        return False
    for base in node.bases:
        if not isinstance(base.value, cst.Name) or base.star:
            return False
        parent = base.value.value
        if parent == "object" or parent in seen:
            continue
        found = defs.get(parent)
        if found is None or any(isinstance(n, cst.Name) and n.value == "__init_subclass__"
                                for n in walk(found.body)):
            return False
        seen.add(parent)
        if not _hook_free(found, defs, seen):
            return False
    return True
