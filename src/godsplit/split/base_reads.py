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
hook and no keywords, nor any of the module's classes it derives from. A builtin class
the module does not rebind counts as `object` does (`type` makes it, and it defines no
`__init_subclass__`): Celery's `class Signature(dict)`, whose `register_type()` decorator
fills a keyed `TYPES` on it, with `class _basemap(Signature)` in another module.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable

import libcst as cst

from .analyze import Analysis
from .nodes import walk


class PlainClasses:
    """The module's top-level classes whose name nothing else binds (a unit of the class
    statement alone is its only binder), and, found once each, which of them (and which
    class statements) run no class hook when a class is made from them."""

    def __init__(self, analysis: Analysis) -> None:
        self.defs: dict[str, cst.ClassDef] = {}
        for name, binders in analysis.binders.items():
            units = [analysis.units[u] for u in binders]
            if len(units) == 1 and len(units[0].stmts) == 1 and isinstance(
                    stmt := analysis.module.body[units[0].stmts[0]], cst.ClassDef):
                self.defs[name] = stmt
        self._bound = set(analysis.binders)
        self._hooked: dict[str, bool] = {}
        self._free: dict[int, tuple[cst.ClassDef, bool]] = {}

    def hook_free(self, node: cst.ClassDef) -> bool:
        """Whether making class `node` runs no class hook: no keywords (`metaclass=`), and
        each base `object` or a class of the module that defines no hook and is made so
        itself."""
        known = self._free.get(id(node))
        if known is None:
            known = self._free[id(node)] = (node, self._hook_free(node, set()))
        return known[1]

    def _hook_free(self, node: cst.ClassDef, seen: set[str]) -> bool:
        if node.keywords:
            return False
        for base in node.bases:
            if not isinstance(base.value, cst.Name) or base.star:
                return False
            parent = base.value.value
            if parent == "object" or parent in seen or (
                    parent not in self._bound and _plain_builtin(parent)):
                continue
            found = self.defs.get(parent)
            if found is None or self._defines_hook(parent, found):
                return False
            seen.add(parent)
            if not self._hook_free(found, seen):
                return False
        return True

    def _defines_hook(self, name: str, node: cst.ClassDef) -> bool:
        if name not in self._hooked:
            self._hooked[name] = any(isinstance(n, cst.Name) and n.value == "__init_subclass__"
                                     for n in walk(node.body))
        return self._hooked[name]


def only_subclassed(stmts: Iterable[cst.CSTNode], name: str, plain: PlainClasses,
                    runs: Callable[[cst.CSTNode], Iterable[cst.CSTNode]]) -> bool:
    """Whether the import-time code of `stmts` (`runs`: the nodes of a top-level statement
    that run when the module runs it) names `name`, and only as a base of class statements
    that run no class hook."""
    named = [id(n) for stmt in stmts for n in runs(stmt)
             if isinstance(n, cst.Name) and n.value == name]
    if not named:
        return False
    bases: set[int] = set()
    for stmt in stmts:
        todo = [stmt]
        while todo:  # the class statements run: top-level ones and those in their bodies
            node = todo.pop()
            if isinstance(node, cst.ClassDef):
                if plain.hook_free(node):
                    bases |= {id(b.value) for b in node.bases}
                todo.extend(node.body.body)
    return all(n in bases for n in named)


def _plain_builtin(name: str) -> bool:
    """A builtin class made by `type` that defines no `__init_subclass__` (`dict`,
    `Exception`): subclassing it runs no class hook."""
    found = getattr(builtins, name, None)
    return isinstance(found, type) and type(found) is type and (
        "__init_subclass__" not in vars(found))
