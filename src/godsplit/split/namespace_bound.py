"""Names a module binds only through its namespace, and the code that reads them.

`exec("MAGIC = 42")`, `globals().update({"OTHER": 7})`, `setattr(sys.modules[__name__],
...)`: no statement binds `MAGIC` or `OTHER`, yet functions of the module read them. Those
statements stay in the old module (they find the module they run in), so the names exist
only there: code reading them, moved, would read an undefined name. Such code stays in the
old module too (`module_identity.stays_in_old_module`): carried, it is kept; mapped, it is
GS101 (`kept_reason`), as other code that cannot leave its module. Round 31 (trial31): it
was carried and refused by GS122, a plan error the mapping did not cause.
"""

from __future__ import annotations

import builtins
import symtable
from collections.abc import Collection, Mapping, Sequence

import libcst as cst

from .classify import finds_module
from .globals_use import only_reads_globals
from .nodes import globals_read, walk

MODULE_NAMES = frozenset(dir(builtins)) | {
    "__name__", "__file__", "__doc__", "__spec__", "__package__", "__loader__",
    "__builtins__", "__path__", "__cached__", "__annotations__", "__dict__",
}


def writes_namespace(stmt: cst.BaseStatement) -> bool:
    """Whether a statement kept for finding its module may bind names through it: not one
    that only reads `globals()`, nor a function or class finding it only through `eval`."""
    return not only_reads_globals(stmt) and not only_evaluates(stmt)


def only_evaluates(stmt: cst.BaseStatement) -> bool:
    """Whether a function or class finds its module only through `eval(text)`, no namespace
    given (dill's `_eval_repr`): an expression binds no name of the module (a walrus in it
    binds in the function's locals), so it is no writer of the namespace."""
    finds = [n for n in walk(stmt) if isinstance(n, (cst.Call, cst.Subscript)) and finds_module(n)]
    return isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and bool(finds) and all(
        isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == "eval"
        for n in finds)


def unbound(code: str, bound: Collection[str]) -> set[str]:
    """The globals `code` reads that no statement binds (`bound`) and Python does not give."""
    try:
        table = symtable.symtable(code, "<godsplit>", "exec")
    except SyntaxError:
        return set()
    return {n for n in globals_read(table) if n not in bound and n not in MODULE_NAMES}


def namespace_readers(
    module: cst.Module, codes: Sequence[str], kinds: Sequence[str],
    bound: Mapping[int, Collection[str]], writers: Collection[int],
) -> set[int]:
    """The definitions reading a name no statement binds while `writers` (statements that
    stay for finding their module) bind names through the namespace. None where a star
    import may give the name."""
    writing = [i for i in writers if writes_namespace(module.body[i])]
    if not writing or any(isinstance(small, cst.ImportFrom) and isinstance(
            small.names, cst.ImportStar) for stmt in module.body
            if isinstance(stmt, cst.SimpleStatementLine) for small in stmt.body):
        return set()
    names = {n for found in bound.values() for n in found}
    return {i for i, kind in enumerate(kinds) if kind == "definition" and i not in writers
            and bound.get(i) and unbound(codes[i], names)}
