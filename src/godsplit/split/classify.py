"""What each top-level statement is: import, definition, facade-only, and its helpers.

Pure functions over LibCST nodes, used by `analyze`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

import libcst as cst

from .absolute_import import ignored_namespaces
from .compound_binds import bound_inside
from .globals_use import execs_only_an_import
from .imports import bound_name
from .main_guards import is_main_guard
from .nodes import target_names, walk
from .type_guards import DEFAULT, Guards

UnitKind = Literal[
    "docstring",  # module docstring: stays in the facade
    "future",  # from __future__ import ...: copied first into every module
    "import",  # import statements and import-only blocks: copied where used
    "type_checking",  # if TYPE_CHECKING: blocks: copied where annotations need them
    "definition",  # functions, classes, assignments: moved to exactly one module
    "facade",  # __all__, module dunders, __getattr__/__dir__, __main__ block: stay
    "effect",  # statements binding nothing that belong to no definition
]
FACADE_FUNCTIONS = frozenset({"__getattr__", "__dir__"})


def is_future(node: cst.ImportFrom) -> bool:
    return isinstance(node.module, cst.Name) and node.module.value == "__future__" and not node.relative


def names_of(node: cst.Import | cst.ImportFrom) -> set[str]:
    if isinstance(node.names, cst.ImportStar):
        return set()
    return {cst.helpers.get_full_name_for_node_or_raise(a.name) for a in node.names}


_SIMPLE_VALUES = (cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)


def _import_only(node: cst.CSTNode) -> bool:
    """True for blocks made only of imports, pass, docstrings and `x = <constant>`."""
    if isinstance(node, cst.SimpleStatementLine):
        for small in node.body:
            if isinstance(small, (cst.Import, cst.ImportFrom, cst.Pass)):
                continue
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString):
                continue
            if isinstance(small, cst.Assign) and isinstance(small.value, _SIMPLE_VALUES) and all(
                isinstance(t.target, cst.Name) for t in small.targets
            ):
                continue
            return False
        return True
    if isinstance(node, (cst.If, cst.Else, cst.Try, cst.ExceptHandler, cst.Finally)):
        body = node.body
        parts: list[cst.CSTNode] = list(body.body) if isinstance(body, cst.IndentedBlock) else [body]
        if isinstance(node, cst.If) and node.orelse is not None:
            parts.append(node.orelse)
        if isinstance(node, cst.Try):
            parts.extend(node.handlers)
            parts.extend(p for p in (node.orelse, node.finalbody) if p is not None)
        return all(_import_only(p) for p in parts)
    if isinstance(node, cst.SimpleStatementSuite):
        return _import_only(cst.SimpleStatementLine(body=node.body))
    return False


def classify(index: int, stmt: cst.BaseStatement, guards: Guards = DEFAULT) -> UnitKind:
    if isinstance(stmt, cst.SimpleStatementLine):
        body = stmt.body
        if index == 0 and len(body) == 1 and isinstance(body[0], cst.Expr) and isinstance(
            body[0].value, (cst.SimpleString, cst.ConcatenatedString)
        ):
            return "docstring"
        if all(isinstance(s, cst.ImportFrom) and is_future(s) for s in body):
            return "future"
        if all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in body) or guards.binds_guard(stmt):
            return "import"  # `TYPE_CHECKING = False` too: copied where a block tests it
        if all(_facade_assignment(s) for s in body):
            return "facade"
        return "definition"
    if isinstance(stmt, cst.FunctionDef) and stmt.name.value in FACADE_FUNCTIONS:
        return "facade"
    if isinstance(stmt, cst.If):
        if is_main_guard(stmt):
            return "facade"  # with an `else`, or `!=`, it runs on import too: it stays
        if guards.guards_block(stmt):
            return "type_checking"  # with an `else:`, it binds names at run time too
    if isinstance(stmt, (cst.If, cst.Try)) and _import_only(stmt):
        return "import"
    if isinstance(stmt, (cst.If, cst.Try)) and _dunders_only(stmt):
        return "facade"  # `if sys.version_info >= (3,): __all__ += ["b"]`
    return "definition"


def _dunders_only(stmt: cst.CSTNode) -> bool:
    """Whether a compound statement only assigns module dunders (and tests, or passes)."""
    lines = [n for n in walk(stmt) if isinstance(n, cst.BaseStatement)]
    simple = [n for n in lines if isinstance(n, cst.SimpleStatementLine)]
    return bool(simple) and all(isinstance(n, (cst.SimpleStatementLine, cst.If, cst.Try, cst.Else))
                                for n in lines) and all(
        _facade_assignment(small) or isinstance(small, cst.Pass)
        for line in simple for small in line.body) and any(
        _facade_assignment(small) for line in simple for small in line.body)


def _facade_assignment(small: cst.BaseSmallStatement) -> bool:
    """`__all__ = ...`, `__all__ += ...`, `__version__ = ...`: module dunders stay put."""
    if assigns_dunders(small):
        return True
    targets: list[cst.BaseExpression] = []
    if isinstance(small, cst.AugAssign):
        targets = [small.target]
    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        func = small.value.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            targets = [func.value]  # `__all__.extend([...])`
    return bool(targets) and all(_dunder_name(t) for t in targets)


def assigns_dunders(small: cst.BaseSmallStatement | None) -> bool:
    """`__version__ = "1.0"`, `__all__: list[str] = [...]`: an assignment (plain or
    annotated) to module dunders only. (`noqa.ends_import_block` asks another question:
    what pycodestyle's E402 lets come before imports, one target of at least five
    characters, in `ast`.)"""
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
        [small.target] if isinstance(small, cst.AnnAssign) else [])
    return bool(targets) and all(_dunder_name(t) for t in targets)


def _dunder_name(target: cst.BaseExpression) -> bool:
    return isinstance(target, cst.Name) and target.value.startswith("__") and (
        target.value.endswith("__"))


def is_bare_string(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _base_name(expr: cst.BaseExpression) -> str | None:
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.func if isinstance(expr, cst.Call) else expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def owner_name(stmt: cst.BaseStatement) -> str | None:
    """The definition a binding-free statement mutates: `f.x = 1` -> f, `R[k] = v` -> R."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    if isinstance(small, cst.Assign):
        owners = {_base_name(t.target) for t in small.targets}
        return owners.pop() if len(owners) == 1 else None
    if isinstance(small, (cst.AugAssign, cst.AnnAssign)):
        return _base_name(small.target)
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        func = small.value.func
        if isinstance(func, cst.Attribute):
            return _base_name(func.value)
    if isinstance(small, cst.Del):
        return _base_name(small.target)
    return None


def static_all(module: cst.Module) -> tuple[str, ...] | None:
    """The value of `__all__` when it is a plain list/tuple of strings, else None."""
    value: list[str] | None = None
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            target = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, expr = small.targets[0].target, small.value
            elif isinstance(small, (cst.AugAssign, cst.AnnAssign)) and small.value is not None:
                target, expr = small.target, small.value
            if not (isinstance(target, cst.Name) and target.value == "__all__"):
                continue
            items = _string_items(expr)
            if items is None:
                return None
            value = (value or []) + items if isinstance(small, cst.AugAssign) else items
    return tuple(value) if value is not None else None


def _string_items(expr: cst.BaseExpression) -> list[str] | None:
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return None
    out = []
    for element in expr.elements:
        if not isinstance(element.value, cst.SimpleString):
            return None
        evaluated = element.value.evaluated_value
        if not isinstance(evaluated, str):
            return None
        out.append(evaluated)
    return out


def _block_names(*blocks: cst.BaseSuite | cst.BaseStatement | None) -> tuple[set[str], set[str]]:
    """(names import-only blocks, run one after the other, bind on every run, names they
    bind only maybe)."""
    sure: set[str] = set()
    maybe: set[str] = set()
    for block in blocks:
        lines = block.body if isinstance(block, cst.IndentedBlock) else [block] if block else []
        for line in lines:
            if isinstance(line, (cst.If, cst.Try)):
                maybe |= conditional_binds(line) | _block_names(line.body)[0]
                continue
            if isinstance(line, (cst.FunctionDef, cst.ClassDef)):
                sure.add(line.name.value)
                continue
            if not isinstance(line, cst.SimpleStatementLine):  # a loop or `with` may not run
                maybe |= bound_inside(line)  # numpy's `for vcpkg_root in ...` under `if`
                continue
            for small in line.body:
                if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
                        small.names, cst.ImportStar):
                    sure |= {bound_name(alias) for alias in small.names}
                elif isinstance(small, cst.Assign):
                    sure |= set().union(*(target_names(t.target) for t in small.targets))
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    sure |= target_names(small.target)
    return sure, maybe


def sure_names(stmt: cst.BaseStatement) -> set[str]:
    """Names every run of a top-level statement binds afresh: an import, a plain or
    annotated assignment with a value, a def or class, an if/try binding it in every
    branch (`X += 1`, a loop, a `with` or a walrus may not, or keep part of the value)."""
    return surely_binds(stmt) if isinstance(stmt, (cst.If, cst.Try)) else _block_names(stmt)[0]


def conditional_binds(stmt: cst.If | cst.Try) -> set[str]:
    """Names an import-only `if`/`try` block binds on some runs only (`if sys.version_info
    < (3, 11): from exceptiongroup import BaseExceptionGroup`): not in every branch (a
    `try`'s `else:` runs with its body)."""
    found = _branch_names(stmt)
    every = set.intersection(*(sure for sure, _ in found))
    return set().union(*(sure | maybe for sure, maybe in found)) - every


def surely_binds(stmt: cst.If | cst.Try) -> set[str]:
    """Names every run of an `if/elif/else` (of a `try`: its body, and each handler) binds
    with an import, a plain assignment, a def or a class: not conditional names
    (typing_extensions binds `TypeVarTuple` in each branch of one)."""
    return set.intersection(*(sure for sure, _ in _branch_names(stmt)))


def _branch_names(stmt: cst.If | cst.Try) -> list[tuple[set[str], set[str]]]:
    branches: list[tuple[cst.BaseSuite | None, ...]]
    if isinstance(stmt, cst.Try):
        branches = [(stmt.body, stmt.orelse.body if stmt.orelse else None)]
        branches += [(h.body,) for h in stmt.handlers]
    else:
        branches = [(stmt.body,)]
        tail = stmt.orelse
        while isinstance(tail, cst.If):  # elif
            branches.append((tail.body,))
            tail = tail.orelse
        branches.append((tail.body if tail is not None else None,))
    return [_block_names(*b) for b in branches]


_GLOBALS_WRITES = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__",
                             "__delitem__"})
# builtins that copy or count what they are given: `__all__ = [n for n in dict(globals())]`
_COPIES = frozenset({"dict", "list", "tuple", "set", "frozenset", "sorted", "len", "iter"})


def _is_globals(node: cst.CSTNode, aliases: Collection[str], top: bool = False) -> bool:
    """`globals()`, or a name the module bound to it (`_globals = globals()`); `top`: code
    at the module's top level, where `locals()` and `vars()` are its namespace too."""
    if isinstance(node, cst.Call):
        names = ("globals", "locals", "vars") if top else ("globals",)
        return isinstance(node.func, cst.Name) and node.func.value in names and not node.args
    return isinstance(node, cst.Name) and node.value in aliases


def globals_aliases(module: cst.Module) -> frozenset[str]:
    """Names a top-level `name = globals()` binds to the module's namespace."""
    return frozenset(
        target.target.value for line in module.body
        if isinstance(line, cst.SimpleStatementLine)
        for small in line.body if isinstance(small, cst.Assign) and _is_globals(small.value, ())
        for target in small.targets if isinstance(target.target, cst.Name))


def writes_globals(stmt: cst.BaseStatement, aliases: Collection[str] = ()) -> bool:
    """Whether a statement binding nothing by name writes the module's namespace through
    `globals()` (`globals().update(...)`, `globals()[name] = ...`; at the top level
    `locals()` and `vars()` are the same dict), or hands it (or an
    alias of it: `_globals = globals()`) to a call that may (protobuf's generated
    `_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, ..., _globals)`), outside any
    function: typing_extensions binds its aliases of typing this way. It stays in the old
    module, where those names must be: moved with a definition it reads, it bound them in
    a new module (GS406 or GS403 at apply)."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    for node in walk(stmt, into_scopes=False):
        base = node.value if isinstance(node, (cst.Attribute, cst.Subscript)) else None
        if base is not None and _is_globals(base, aliases, True) and (
                isinstance(node, cst.Subscript) or (
                    isinstance(node, cst.Attribute) and node.attr.value in _GLOBALS_WRITES)):
            return True
        if isinstance(node, cst.Call) and any(_is_globals(a.value, aliases, True)
                                              for a in node.args) and not (
                isinstance(node.func, cst.Name) and node.func.value in _COPIES):
            return True
    return False


def reads_globals_inside(stmt: cst.BaseStatement) -> bool:
    """Whether a function or class finds the module it is in, in its code: calls
    `globals()` (`def _initialize(g=globals())`, `globals().update(locals())`), looks its
    module up by `__name__` (`sys.modules[__name__]`, `import_module(__name__)`), or runs
    `eval`/`exec` in the module's namespace (no namespace given: `eval("helper_" + n)`)."""
    ignored = ignored_namespaces(stmt)  # `__import__(name, globals())`: absolute, unused
    return isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and any(
        finds_module(node) for node in walk(stmt)
        if isinstance(node, (cst.Call, cst.Subscript)) and id(node) not in ignored)


def finds_module(node: cst.Call | cst.Subscript) -> bool:
    if isinstance(node, cst.Subscript):  # sys.modules[__name__]
        index = node.slice[0].slice if len(node.slice) == 1 else None
        return isinstance(index, cst.Index) and _is_name(index.value, "__name__") and (
            isinstance(node.value, cst.Attribute) and node.value.attr.value == "modules")
    func = node.func
    called = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    if called in ("import_module", "__import__"):
        return bool(node.args) and _is_name(node.args[0].value, "__name__")
    if called in ("eval", "exec") and isinstance(func, cst.Name):
        return (len(node.args) == 1 and not execs_only_an_import(node)) or (
            len(node.args) > 1 and _is_globals(node.args[1].value, ()))
    return _is_globals(node, ())


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def declares_only_by_assignment(stmt: cst.BaseStatement) -> bool:
    """`if TYPE_CHECKING:` holding assignments (`require = working_set.require`): names it
    declares for the type checker that something else binds at run time."""
    return isinstance(stmt, cst.If) and isinstance(stmt.body, cst.IndentedBlock) and any(
        isinstance(line, cst.SimpleStatementLine)
        and any(isinstance(s, (cst.Assign, cst.AnnAssign)) for s in line.body)
        for line in stmt.body.body)


_IMPORT_STATE = frozenset({"path", "modules", "meta_path", "path_hooks"})


def sets_up_imports(stmt: cst.BaseStatement) -> bool:
    """`sys.path.extend(...)`, `sys.modules.pop("backports", None)`: a call on the state
    imports resolve through; `__import__("pkg.sub")`, `importlib.import_module(...)`: an
    import that binds no name (it sets `pkg.sub` on `pkg`). Among the imports, it stays
    there, in the old module, which a package's submodules always import after it."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        func = small.value.func if isinstance(small, cst.Expr) and isinstance(
            small.value, cst.Call) else None
        if isinstance(func, cst.Name) and func.value == "__import__":
            continue
        base = func.value if isinstance(func, cst.Attribute) else None
        if isinstance(base, cst.Name) and base.value == "importlib" and isinstance(
                func, cst.Attribute) and func.attr.value == "import_module":
            continue
        if not (isinstance(base, cst.Attribute) and isinstance(base.value, cst.Name)
                and base.value.value == "sys" and base.attr.value in _IMPORT_STATE):
            return False
    return True


def is_guard(stmt: cst.BaseStatement) -> bool:
    """`if sys.version_info < (3, 8): raise RuntimeError(...)`: part of the import block
    (as is `sys.path.extend(...)`, `sets_up_imports`)."""
    return isinstance(stmt, cst.If) and stmt.orelse is None and isinstance(
        stmt.body, cst.IndentedBlock) and all(
        isinstance(line, cst.SimpleStatementLine) and all(isinstance(s, cst.Raise) for s in line.body)
        for line in stmt.body.body)
