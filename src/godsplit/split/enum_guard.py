"""GS119's narrowing: a `__module__` read only of an Enum class, when no moved code can
make or be one.

hypothesis' `sampled_from` reads `elements.__module__` only under `if isinstance(elements,
type) and issubclass(elements, enum.Enum):`. Such a read sees a class the split changes
only if a moved class is an Enum (its `__module__` is the new module's) or moved code makes
one (`Enum("Color", ...)` names the calling module; `type(name, (Enum,), ns)`; a class
statement in a moved function). A class is taken for a non-Enum only where that is known:
its bases are the source's own classes known not to be Enums, builtins, the standard
library outside `enum`, or classes of the project found (by `ast`, following their bases
and re-exports a few hops) to be none. Anything else (a base computed by a call, a module
whose source is not found, a metaclass) counts as a possible Enum: the read is reported.
"""

from __future__ import annotations

import ast
import builtins
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import libcst as cst

from ..types import FACADE
from .analyze import Analysis
from .nodes import path_to, walk
from .typestrings import module_file

ENUMS = frozenset(f"enum.{n}" for n in (
    "Enum", "IntEnum", "Flag", "IntFlag", "StrEnum", "ReprEnum", "EnumMeta", "EnumType"))
_HOPS = 4
_code = cst.Module([]).code_for_node
Imports = dict[str, tuple[int, str]]  # bound name -> (relative level, dotted path)


def enum_only(analysis: Analysis, stmt: cst.CSTNode, read: cst.CSTNode,
              receiver: cst.BaseExpression) -> bool:
    """Whether the read is of a class `issubclass(<receiver>, enum.Enum)` holds for, in
    the body of an `if` whose test requires it (the receiver not assigned in that body,
    no function or class between)."""
    path = path_to(stmt, read) or []
    text = _code(receiver)
    root = text.split(".")[0]
    imports = _cst_imports(analysis.module)
    for index, node in enumerate(path):
        below = path[index + 1] if index + 1 < len(path) else read
        if not isinstance(node, cst.If) or below is not node.body:
            continue
        if any(isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for n in path[index:]):
            return False
        if _requires_enum(node.test, text, imports) and not _stores(node.body, {text, root}):
            return True
    return False


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _requires_enum(test: cst.BaseExpression, receiver: str, imports: Imports) -> bool:
    for part in _conjuncts(test):
        if isinstance(part, cst.Call) and isinstance(part.func, cst.Name) and (
                part.func.value == "issubclass") and len(part.args) == 2 and (
                _code(part.args[0].value) == receiver):
            kinds = part.args[1].value
            items = [e.value for e in kinds.elements] if isinstance(kinds, cst.Tuple) else [kinds]
            if items and all(_resolved(i, imports) in ENUMS for i in items):
                return True
    return False


def _resolved(expr: cst.BaseExpression, imports: Imports) -> str | None:
    full = cst.helpers.get_full_name_for_node(expr)
    if full is None:
        return None
    head, _, rest = full.partition(".")
    if head not in imports or imports[head][0]:
        return None
    base = imports[head][1]
    return f"{base}.{rest}" if rest else base


def _stores(body: cst.CSTNode, names: set[str]) -> bool:
    for node in walk(body):
        targets: list[cst.CSTNode] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For)):
            targets = [node.target]
        elif isinstance(node, cst.AsName):
            targets = [node.name]
        if any(_code(n) in names for t in targets for n in walk(t)
               if isinstance(n, (cst.Name, cst.Attribute))):
            return True
    return False


def _cst_imports(module: cst.Module) -> Imports:
    out: Imports = {}
    for stmt in module.body:
        for node in walk(stmt, into_scopes=False):
            if isinstance(node, cst.Import):
                for alias in node.names:
                    full = _code(alias.name)
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        out[alias.asname.name.value] = (0, full)
                    else:
                        out[full.split(".")[0]] = (0, full.split(".")[0])
            elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
                base = _code(node.module) if node.module is not None else ""
                for alias in node.names:
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    if isinstance(bound, cst.Name):
                        member = _code(alias.name)
                        out[bound.value] = (len(node.relative), f"{base}.{member}".lstrip("."))
    return out


def moved_enums(analysis: Analysis, module_of: Mapping[int, str]) -> bool:
    """Whether a moved class may be an Enum, or moved code may make an Enum class."""
    imports = _cst_imports(analysis.module)
    classes = {s.name.value: s for s in analysis.module.body if isinstance(s, cst.ClassDef)}
    memo: dict[str, bool] = {}

    def base_may_be(expr: cst.BaseExpression) -> bool:
        expr = expr.value if isinstance(expr, cst.Subscript) else expr  # `Generic[T]`
        if isinstance(expr, cst.Name) and expr.value in classes:
            name = expr.value
            if name not in memo:
                memo[name] = True  # (a cycle: unknown)
                memo[name] = class_may_be(classes[name])
            return memo[name]
        if isinstance(expr, cst.Name) and expr.value not in imports and (
                expr.value not in analysis.binders) and isinstance(
                getattr(builtins, expr.value, None), type):
            return False
        full = cst.helpers.get_full_name_for_node(expr)
        head = (full or "").split(".")[0]
        if full is None or head not in imports:
            return True
        level, dotted = imports[head]
        dotted = dotted + full[len(head):]
        return _foreign_may_be(analysis.path, level, dotted, _HOPS)

    def class_may_be(node: cst.ClassDef) -> bool:
        if any(k.keyword is not None and k.keyword.value == "metaclass" for k in node.keywords):
            return True
        return any(base_may_be(arg.value) for arg in node.bases)

    for unit in analysis.units:
        if module_of.get(unit.id, FACADE) == FACADE:
            continue
        for index in unit.stmts:
            for node in walk(analysis.module.body[index]):
                if isinstance(node, cst.ClassDef) and class_may_be(node):
                    return True
                if isinstance(node, cst.Call) and _makes_enum(node, imports, classes, memo):
                    return True
    return False


def _makes_enum(call: cst.Call, imports: Imports, classes: Mapping[str, cst.ClassDef],
                memo: Mapping[str, bool]) -> bool:
    """`Enum("Color", ...)`, `type(name, bases, ns)`, or a call of one of the source's
    classes that may be an Enum (its functional API when it has no members)."""
    if isinstance(call.func, cst.Name) and call.func.value == "type" and len(call.args) == 3:
        return True
    if isinstance(call.func, cst.Name) and memo.get(call.func.value, False) and (
            call.func.value in classes):
        return True
    return _resolved(call.func, imports) in ENUMS


def _foreign_may_be(path: Path, level: int, dotted: str, hops: int) -> bool:
    """Whether the class `dotted` (imported at `level` by the module at `path`) may be an
    Enum: the standard library's are not, but `enum`'s; the project's are read."""
    top = dotted.split(".")[0]
    if not level and top in sys.stdlib_module_names:
        return top == "enum"
    module, _, member = dotted.rpartition(".")
    found = module_file(path, level, module or None)
    if found is None or hops <= 0:
        return True
    try:
        return _file_class_may_be(found, found.stat().st_mtime_ns, member, hops)
    except OSError:
        return True


@lru_cache(maxsize=256)
def _file_class_may_be(path: Path, _version: int, name: str, hops: int) -> bool:
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError, RecursionError):
        return True
    imports: Imports = {}
    classes: dict[str, ast.ClassDef] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            classes[stmt.name] = stmt
        elif isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                imports[alias.asname or alias.name] = (
                    stmt.level, f"{stmt.module or ''}.{alias.name}".lstrip("."))
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                imports[alias.asname or alias.name.split(".")[0]] = (
                    0, alias.name if alias.asname else alias.name.split(".")[0])
    if name not in classes:  # a re-export
        return name not in imports or _foreign_may_be(path, *imports[name], hops - 1)
    node = classes[name]
    if any(k.arg == "metaclass" for k in node.keywords):
        return True
    for base in node.bases:
        base = base.value if isinstance(base, ast.Subscript) else base
        text = ast.unparse(base)
        head = text.split(".")[0]
        if isinstance(base, ast.Name) and base.id in classes and base.id != name:
            if _file_class_may_be(path, _version, base.id, hops - 1):
                return True
        elif isinstance(base, ast.Name) and head not in imports and isinstance(
                getattr(builtins, head, None), type):
            continue
        elif head not in imports or not isinstance(base, (ast.Name, ast.Attribute)) or (
                _foreign_may_be(path, imports[head][0], imports[head][1] + text[len(head):],
                                hops - 1)):
            return True
    return False
