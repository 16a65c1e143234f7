"""Functions defined by a module-level compound statement: `if py3k: def _raise(*a): ...`,
`try: ... except ImportError: def f(): ...`, `with`, `for`, `while`.

Running the statement at import time only defines such a function: its body runs when it
is called. import_time.py counted the whole statement as run, the nested bodies included
(bottle's `_raise` made `.with_traceback` a read of an unknown value at import time), and
did not follow a call of such a function (`if X: def helper(): return Thing()` then
`helper()` at the top level did not count `Thing` as read at import time: a missed cycle).
Here each such function is found by name, so import_time runs its body when running code
reads that name (a call, or a reference that may be called later), as it does for a
top-level `def`. Defs in a class or a function body are not these: a class body runs its
methods' names only, and a function's nested defs stay counted with the function.
"""

from __future__ import annotations

import libcst as cst

from .nodes import children

_COMPOUND = (cst.If, cst.Else, cst.Try, cst.TryStar, cst.ExceptHandler, cst.ExceptStarHandler,
             cst.Finally, cst.With, cst.For, cst.While, cst.IndentedBlock,
             cst.SimpleStatementSuite)


class NestedDefs:
    """The functions each module-level compound statement defines (not in a class or a
    function): by name, with the ids of their nodes for `run_uses`'s `skip`."""

    def __init__(self, module: cst.Module) -> None:
        self.by_name: dict[str, list[tuple[int, cst.FunctionDef]]] = {}  # name -> (stmt, def)
        self._skip: dict[int, frozenset[int]] = {}  # id(statement) -> ids of its defs
        for index, stmt in enumerate(module.body):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef, cst.SimpleStatementLine)):
                continue
            found = _defs(stmt)
            if found:
                self._skip[id(stmt)] = frozenset(id(f) for f in found)
                for node in found:
                    self.by_name.setdefault(node.name.value, []).append((index, node))

    def skip(self, stmt: cst.CSTNode) -> frozenset[int]:
        """The ids of the defs module-level statement `stmt` defines without running."""
        return self._skip.get(id(stmt), frozenset())


def _defs(stmt: cst.CSTNode) -> list[cst.FunctionDef]:
    out: list[cst.FunctionDef] = []
    stack = [stmt]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.FunctionDef):
            out.append(current)
        elif current is stmt or isinstance(current, _COMPOUND):
            stack.extend(c for c in children(current)
                         if isinstance(c, (cst.BaseStatement, *_COMPOUND)))
    return out


def names_in(node: cst.FunctionDef) -> frozenset[str]:
    """Every identifier in `node`'s body: a superset of the globals it reads when called."""
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node.body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        stack.extend(children(current))
    return frozenset(found)
