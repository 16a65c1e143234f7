"""GS131: moved code makes classes when it runs, by calling `type` or a metaclass of the
module with a name, bases and a namespace.

Such a class takes its `__module__` from the `__name__` of the module whose code made it:
the new module, with or without keep-module-name (which renames only what the new modules
define). Pickle finds a class by that module and its name, and tracebacks and reprs print
it. sh's `get_rc_exc` makes `ErrorReturnCode_1` and its kin with `ErrorReturnCodeMeta(name,
(base,), {...})`; moved, they were `sh.errors.ErrorReturnCode_1`, which pickle could not
look up (the old module, a SelfWrapper, answers every `ErrorReturnCode_N`), and sh's
`test_pickling` failed. Kept in the old module, its code makes them there, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .nodes import walk


@lru_cache(maxsize=2)
def _metaclasses(module: cst.Module) -> set[str]:
    """`type`, and the classes of the module derived from it (or from one of those)."""
    found = {"type"}
    classes = [s for s in module.body if isinstance(s, cst.ClassDef)]
    grown = True
    while grown:
        more = {c.name.value for c in classes if any(
            isinstance(b.value, cst.Name) and b.value.value in found for b in c.bases)}
        grown = not more <= found
        found |= more
    return found


def _makes_class(call: cst.Call, metaclasses: set[str]) -> bool:
    """`Meta(name, bases, namespace)`, the namespace not naming `__module__` itself."""
    if not (isinstance(call.func, cst.Name) and call.func.value in metaclasses):
        return False
    args = [a for a in call.args if a.keyword is None and not a.star]
    if len(args) != 3:
        return False
    namespace = args[2].value
    return not (isinstance(namespace, cst.Dict) and any(
        isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
        and e.key.evaluated_value == "__module__" for e in namespace.elements))


def made_at_top(stmt: cst.CSTNode, module: cst.Module) -> list[str]:
    """The names a top-level `X = Meta("X", bases, namespace)` (or `type(...)`) binds: a
    class its call makes, whose `__module__` is that of the module running the statement,
    so keep-module-name renames it as it does a class statement's (colander's `SchemaNode =
    _SchemaMeta('SchemaNode', (_SchemaNode,), {...})`: moved, its repr said
    `colander.schema_node.SchemaNode` and colander's `test_repr` failed)."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return []
    names = []
    for small in stmt.body:
        if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call) and _makes_class(
                small.value, _metaclasses(module)):
            names += [t.target.value for t in small.targets if isinstance(t.target, cst.Name)]
    return names


@lru_cache(maxsize=2)  # asked by each plan of the same source (suggest makes several)
def _class_makers(module: cst.Module, codes: tuple[str, ...]) -> dict[int, str]:
    """The top-level functions and classes (their index in the module's body) whose code,
    when it runs, makes a class: the code of the first such call's callee. `codes`: each
    statement's source text; only those that spell a metaclass's name are walked (a Name
    is its source text: the others cannot call one; pyparsing's walk of every body was
    about 3% of a plan)."""
    metaclasses = _metaclasses(module)
    spelled = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(metaclasses))) + r")\b")
    out = {}
    for index, stmt in enumerate(module.body):
        if not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or not spelled.search(
                codes[index]):
            continue
        bodies = [stmt] if isinstance(stmt, cst.FunctionDef) else [
            n for n in walk(stmt.body) if isinstance(n, cst.FunctionDef)]
        calls = [n for body in bodies for n in walk(body.body)
                 if isinstance(n, cst.Call) and _makes_class(n, metaclasses)]
        if calls:
            out[index] = module.code_for_node(calls[0].func)
    return out


def made_class_findings(analysis: Analysis, module_of: dict[int, str]) -> list[Finding]:
    """GS131 (a warning) at each moved top-level function or class whose code, when it
    runs, makes a class with `type(...)` or a metaclass of the module."""
    makers = _class_makers(analysis.module, analysis.codes)
    out = []
    for unit in analysis.units:
        module = module_of.get(unit.id, FACADE)
        if module == FACADE or unit.kind != "definition":
            continue
        for index in unit.stmts:
            if index not in makers:
                continue
            stmt = analysis.module.body[index]
            assert isinstance(stmt, (cst.FunctionDef, cst.ClassDef))
            out.append(Finding(
                "GS131", "warning", f"{stmt.name.value} makes classes when it runs "
                f"(`{makers[index]}(name, bases, namespace)`): moved to {module}, their "
                "`__module__` is that module's name even with keep-module-name, which pickle "
                "looks them up in and tracebacks print; keep "
                f"{stmt.name.value} in the old module (`keep`) to make them there",
                str(analysis.path), analysis.code_line(index),
            ))
    return out
