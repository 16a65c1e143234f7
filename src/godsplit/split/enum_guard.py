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
from collections.abc import Callable, Mapping
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
                if isinstance(node, cst.Call) and _makes_enum(analysis, node, imports, base_may_be):
                    return True
    return False


def _makes_enum(analysis: Analysis, call: cst.Call, imports: Imports,
                may_be: Callable[[cst.BaseExpression], bool]) -> bool:
    """`Enum("Color", ...)` (the functional API names the calling module), `type(name,
    bases, ns)`, or a call of a name that may be an Enum class: one of the source's classes
    that may be one, a name the source binds otherwise (`E = enum.Enum`), an import that
    is not a function. A call of an attribute (`self.kind(...)`) is not followed."""
    func = call.func
    if isinstance(func, cst.Name) and func.value == "type" and len(call.args) == 3:
        return True
    if _resolved(func, imports) in ENUMS:
        return True
    if not isinstance(func, cst.Name):
        return False
    if func.value in imports:
        return may_be(func)
    binders = [analysis.units[u] for u in analysis.binders.get(func.value, ())]
    if not binders:  # a builtin (`type` above) or a local: not the module's
        return False
    statements = [analysis.module.body[i] for unit in binders for i in unit.stmts]
    if not all(isinstance(s, (cst.FunctionDef, cst.ClassDef)) for s in statements):
        return True  # bound by an assignment (or conditionally): unknown
    return any(isinstance(s, cst.ClassDef) and s.name.value == func.value
               for s in statements) and may_be(func)


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
    functions: set[str] = set()
    assigned: dict[str, list[ast.expr]] = {}
    for stmt in _module_level(tree.body):
        if isinstance(stmt, ast.ClassDef):
            classes[stmt.name] = stmt
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.add(stmt.name)
        elif isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                imports[alias.asname or alias.name] = (
                    stmt.level, f"{stmt.module or ''}.{alias.name}".lstrip("."))
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                imports[alias.asname or alias.name.split(".")[0]] = (
                    0, alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name):
                        assigned.setdefault(node.id, []).append(
                            stmt.value if isinstance(target, ast.Name) else target)
    if not ({name} & (set(classes) | functions | set(assigned) | set(imports))):
        return True  # bound some other way (or not at all): unknown
    if name in assigned and not all(_not_a_class(v, functions, classes, imports)
                                    for v in assigned[name]):
        return True
    if name in imports and _foreign_may_be(path, *imports[name], hops - 1):
        return True
    if name not in classes:  # a function, or an alias of one
        return False
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


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements that run at module level: also those in `if`, `try` and `with`
    blocks (`try: from x import f` / `except ImportError: f = ...`)."""
    out: list[ast.stmt] = []
    for stmt in body:
        out.append(stmt)
        if isinstance(stmt, (ast.If, ast.Try, ast.With)):
            inner = [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
            inner += [s for h in getattr(stmt, "handlers", []) for s in h.body]
            out += _module_level(inner)
    return out


def _not_a_class(value: ast.expr, functions: set[str], classes: Mapping[str, object],
                 imports: Imports) -> bool:
    """A value that cannot be an Enum class: a lambda, a function of the module, or an
    attribute of a builtin type (`bit_count = int.bit_count`)."""
    if isinstance(value, ast.Lambda):
        return True
    if isinstance(value, ast.Name):
        return value.id in functions and value.id not in classes
    return isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and (
        value.value.id not in imports and value.value.id not in classes) and isinstance(
        getattr(builtins, value.value.id, None), type)
