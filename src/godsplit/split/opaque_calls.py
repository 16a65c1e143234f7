"""Calls at import time that the analysis cannot follow to a definition, and what they may run.

`REG[0]()`, `HANDLERS["a"]()`, `for fn in (f, g): fn()`, a decorator's `fn()` on the function
it decorates: the callee is a value (an element of a container, a loop variable, a
parameter), not a name of a definition. Such a call may run any definition of the module
that top-level code handed on without calling it (`escaped`: stored in a container or an
attribute, passed as an argument, aliased, used in a lambda's body), so when running code
makes one (`calls_opaquely`), import_time counts every one of those as run. A def given
to a decorator of the module that may call it runs (`decorated_run`). In a function run at
import, only a callee reached from a value of the module counts: one reached from a
parameter or a local may be anything its callers gave (not followed: a points-to analysis;
counting every definition handed on refused param and dill falsely).
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Container, Iterable, Iterator, Mapping

import libcst as cst

from .class_calls import decorated, first_param
from .followed_names import followed, imported
from .node_kinds import Kinds
from .nodes import children, walk
from .opaque_targets import Containers, call_targets, loop_targets
from .self_scan import bound_names

_BUILTINS = frozenset(dir(builtins))
_TYPE_TESTS = frozenset({"isinstance", "issubclass"})  # they call neither argument


def escaped(module: cst.Module, defs: Collection[str],
            skip: Container[int] = frozenset()) -> frozenset[str]:
    """The module's functions and classes (`defs`) that its top-level code (what runs at
    import: not function bodies) reads other than by calling, subclassing, testing with
    `isinstance` or looking up an attribute on them, but where `skip` reads them (Name
    nodes by id: what goes into a closed container, opaque_targets)."""
    out: set[str] = set()
    for stmt in module.body:
        _escapes(stmt, defs, out, True, skip)
    return frozenset(out)


def _escapes(node: cst.CSTNode, defs: Collection[str], out: set[str], escapes: bool,
             skip: Container[int] = frozenset()) -> None:
    if isinstance(node, cst.Name):
        if escapes and node.value in defs and id(node) not in skip:
            out.add(node.value)
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):  # decorated: see `decorated_run`
        for decorator in node.decorators:
            _escapes(decorator.decorator, defs, out, False, skip)
        if isinstance(node, cst.FunctionDef):
            _escapes(node.params, defs, out, True, skip)  # defaults (annotations: skipped below)
        else:
            for base in (*node.bases, *node.keywords):
                _escapes(base.value, defs, out, False, skip)
            _escapes(node.body, defs, out, True, skip)
    elif isinstance(node, cst.Lambda):  # its body runs when the lambda is called
        out.update(n.value for n in walk(node) if isinstance(n, cst.Name) and n.value in defs)
    elif isinstance(node, cst.Call):
        _escapes(node.func, defs, out, False, skip)
        tests = isinstance(node.func, cst.Name) and node.func.value in _TYPE_TESTS
        for arg in node.args:
            _escapes(arg.value, defs, out, not tests, skip)
    elif isinstance(node, (cst.Attribute, cst.Subscript)):
        _escapes(node.value, defs, out, False, skip)
        if isinstance(node, cst.Subscript):
            for element in node.slice:
                _escapes(element, defs, out, True, skip)
    elif isinstance(node, (cst.Annotation, cst.Comparison, cst.Import, cst.ImportFrom,
                           cst.Del, cst.Global, cst.Nonlocal)):
        return
    elif isinstance(node, cst.AssignTarget):
        _escapes(node.target, defs, out, False, skip)
    else:
        for child in children(node):
            _escapes(child, defs, out, escapes, skip)


def calls_opaquely(node: cst.CSTNode, defs: Collection[str], classes: Collection[str],
                   known: Container[str], body: bool, skip: str | None = None,
                   values: bool = False) -> bool:
    """Whether running `node` may call a value the analysis cannot follow: a call (or
    decorator) whose callee is a subscript, a call's result, a lambda, a parameter (but
    `skip`, a method's `self` or `cls`: the class analysis follows it), or a name that is
    not a definition of the module (`defs`), an import, a builtin or `followed` (`known`):
    a value of the module, a local; `@f(...)` for a function `f` of the module (what it
    returns is called; `@C(...)` calls `C.__call__`, which the class analysis follows).
    `body`: `node` is a function that runs (its body, not its nested defs' bodies); else
    a top-level statement (what runs at import: not a def's body). With `values`, only a
    callee reached from a value of the module (`REG[0]()`, `HANDLERS.get(k)()`, `h()`),
    not from a parameter or a local: what a function run at import was given is not
    known (a decorator's parameter is `decorated_run`'s)."""
    stmts, params = _parts(node, body, skip, values)
    return any(_opaque(n, defs, classes, known, params, values)
               for stmt in stmts for n in _runs(stmt))


def _parts(node: cst.CSTNode, body: bool, skip: str | None, values: bool
           ) -> tuple[list[cst.CSTNode], set[str]]:
    """What `calls_opaquely` looks at in `node`, and the names that are its parameters
    and locals."""
    if body and isinstance(node, cst.FunctionDef):
        params = {p.name.value for p in (*node.params.posonly_params, *node.params.params,
                                         *node.params.kwonly_params)} - {skip}
        for star in (node.params.star_arg, node.params.star_kwarg):
            if isinstance(star, cst.Param):
                params.add(star.name.value)
        params |= _locals(node) - {skip}
        if values and skip:  # `self.f(...)(...)` is reached from no value of the module
            params.add(skip)
        return children(node.body), params
    return [node], set()


def _opaque(node: cst.CSTNode, defs: Collection[str], classes: Collection[str],
            known: Container[str], params: set[str], values: bool = False) -> bool:
    if values:  # the callee's root must be a value of the module
        root: cst.BaseExpression | None = node.func if isinstance(node, cst.Call) else \
            node.decorator if isinstance(node, cst.Decorator) else None
        if root is None or isinstance(root, cst.Attribute):
            return False
        while isinstance(root, (cst.Subscript, cst.Call, cst.Attribute)):
            root = root.value if not isinstance(root, cst.Call) else root.func
        return isinstance(root, cst.Name) and root.value not in params and (
            root.value not in defs and root.value not in known)
    if isinstance(node, cst.Call):
        callee: cst.CSTNode = node.func
    elif isinstance(node, cst.Decorator):
        callee = node.decorator
        if isinstance(callee, cst.Call):  # `@f(...)`: f's result is called
            func = callee.func  # `@f(...)` for a function of the module: `decorated_run`
            return not isinstance(func, cst.Attribute) and not (isinstance(func, cst.Name) and (
                func.value in defs or func.value in known) and func.value not in params)
    else:
        return False
    if isinstance(callee, cst.Name):
        name = callee.value
        return name in params or (name not in defs and name not in known)
    base = callee
    while isinstance(base, (cst.Call, cst.Attribute)):  # `recursive_repr()(f)`: as a call of
        base = base.func if isinstance(base, cst.Call) else base.value  # the import itself
    if isinstance(callee, cst.Call) and isinstance(base, cst.Name) and base.value not in params \
            and isinstance(known, _Known) and known.imports(base.value):
        return False
    return not isinstance(callee, cst.Attribute)


def _locals(function: cst.FunctionDef) -> set[str]:
    """The names `function` binds (not in its nested scopes; `import x as y` too)."""
    return _bound(_runs(function.body), imports=False)


# what `_bound` and `_runs` look for, known by type: most nodes are none of them, and each
# `isinstance` of a LibCST class (an ABC) that fails costs a Python call
_BINDS = Kinds(cst.FunctionDef, cst.ClassDef, cst.Import, cst.ImportFrom, cst.AssignTarget,
               cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr, cst.AsName,
               cst.Global)
_SCOPES = Kinds(cst.FunctionDef, cst.Lambda)


def _bound(nodes: Iterable[cst.CSTNode], imports: bool = True) -> set[str]:
    """The names `nodes` bind: defs and classes, targets, `as` names, `global` names, and
    with `imports`, what imports bind (`_imported`)."""
    out: set[str] = set()
    for node in nodes:
        if not _BINDS(node):
            continue
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            out.add(node.name.value)
        elif isinstance(node, (cst.Import, cst.ImportFrom)) and imports:
            out |= imported(node)
        elif isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For,
                               cst.CompFor, cst.NamedExpr)):
            out |= bound_names(node.target)
        elif isinstance(node, cst.AsName):
            out |= bound_names(node.name)
        elif isinstance(node, cst.Global) and imports:
            out.update(n.name.value for n in node.names)
    return out


def _runs(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """`node` and what under it runs when it runs: a def's decorators and defaults, not
    its body; a class's body; not a lambda's body."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not _SCOPES(current):
            stack.extend(children(current))
        elif isinstance(current, cst.FunctionDef):
            stack.extend((*current.decorators, current.params))
        elif isinstance(current, cst.Lambda):
            stack.append(current.params)


def _stores(node: cst.CSTNode | None, skip: Container[int] = frozenset()) -> bool:
    """Whether function `node` hands its first parameter on (stores it, passes it, ...:
    `escaped`'s rules, but where `skip` reads it) other than by returning it; not in the
    defs it makes."""
    if not isinstance(node, cst.FunctionDef) or not (first := first_param(node)):
        return False
    found: set[str] = set()
    for stmt in _runs(node.body):
        if isinstance(stmt, cst.Return) and isinstance(stmt.value, cst.Name):
            continue  # `return fn`
        if isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in stmt.body:
                if not (isinstance(small, cst.Return) and isinstance(small.value, cst.Name)):
                    _escapes(small, {first}, found, True, skip)
    return bool(found)


class _Known:
    """The names a call of which is followed (`OpaqueCalls.known`); `imports`: those an
    import or the builtins bind, and with a star import in the module, a name no statement
    of the module binds (construct's `Container`, from `from construct.lib import *`)."""

    def __init__(self, module: cst.Module, followed: frozenset[str],
                 imported: frozenset[str]) -> None:
        self.followed, self.imported = followed, imported
        self.bound = frozenset(_bound(n for stmt in module.body for n in _runs(stmt)))
        self.star = any(isinstance(n, cst.ImportFrom) and isinstance(n.names, cst.ImportStar)
                        for stmt in module.body for n in _runs(stmt))

    def imports(self, name: str) -> bool:
        return name in self.imported or (self.star and name not in self.bound)

    def __contains__(self, name: object) -> bool:
        return name in self.followed or (isinstance(name, str) and self.imports(name))


class OpaqueCalls:
    """`escaped` and `calls_opaquely` for one module, memoized: `defs`, its top-level
    functions and classes by name; `imports`, the names only imports bind; `declared`,
    the names a `global` statement declares. `targets`: what one opaque call may run
    (opaque_targets)."""

    def __init__(self, module: cst.Module, defs: Mapping[str, cst.CSTNode],
                 imports: Collection[str], declared: Collection[str]) -> None:
        self.module, self.defs = module, defs
        self.classes = frozenset(n for n, node in defs.items() if isinstance(node, cst.ClassDef))
        names, self.aliases = followed(module, defs, imports, declared, self.classes)
        self.known = _Known(module, names | frozenset(self.aliases), _BUILTINS | frozenset(imports))
        self._imports, self._declared = frozenset(imports), frozenset(declared)
        self.containers = Containers(module, defs, self._foreign, declared)
        self.loops = loop_targets(module, defs, self._foreign, declared)
        self._escaped: frozenset[str] | None = None
        self._seen: dict[tuple[int, bool, bool], frozenset[str]] = {}
        self._ran: dict[tuple[int, bool, bool], bool] = {}

    def _foreign(self, name: str) -> bool:
        """Whether `name` is only an import or a builtin the module never binds."""
        return name in self._imports or (name in _BUILTINS and name not in self.known.bound
                                         and name not in self._declared)

    def resolve(self, names: set[str]) -> set[str]:
        """`names`, with the definitions the aliases among them are."""
        return names.union(*(self.aliases.get(n, ()) for n in names))

    def decorated_run(self, stmt: cst.CSTNode) -> set[str]:
        """The definition `stmt` makes, if a decorator of the module may call it: `@deco`
        whose body calls opaquely (`fn()` on its parameter), `@factory(...)` when a def
        nested in `factory` does."""
        if not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            return set()
        for decorator in stmt.decorators:
            d = decorator.decorator
            name = d.func if isinstance(d, cst.Call) else d
            node = self.defs.get(name.value) if isinstance(name, cst.Name) else None
            if not isinstance(node, cst.FunctionDef):
                continue
            if d is name and self.runs(node, True):
                return {stmt.name.value}
            if d is not name and any(isinstance(n, cst.FunctionDef) and n is not node
                                     and self.runs(n, True) for n in walk(node)):
                return {stmt.name.value}
        return set()

    def escaped(self) -> frozenset[str]:
        """What an opaque call may run when nothing narrows it: `escaped` (what goes into
        a closed container counted there), each def whose decorator (`@register`, or the
        def a factory `@register(t)` makes) stores it (`REG.append(fn)`), and what goes
        into the closed containers."""
        if self._escaped is None:
            skip = self.containers.sunk
            stored: set[str] = set()
            for stmt in self.module.body:
                if not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                    continue
                for d in stmt.decorators:
                    name = d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
                    node = self.defs.get(name.value) if isinstance(name, cst.Name) else None
                    if not isinstance(node, cst.FunctionDef):
                        continue
                    inner = [node] if name is d.decorator else [
                        n for n in walk(node) if isinstance(n, cst.FunctionDef) and n is not node]
                    if any(_stores(n, skip) for n in inner):
                        stored.add(stmt.name.value)
            self._escaped = escaped(self.module, self.defs, skip) | stored | frozenset(
                n for names in self.containers.stored.values() for n in names)
        return self._escaped

    def runs(self, node: cst.CSTNode, body: bool = False, method: bool = False,
             values: bool = False) -> bool:
        """Whether running `node` (a function's body for `body`) calls opaquely; for a
        `method`, but through its `self` or `cls`; `values`: see `calls_opaquely`."""
        key = (id(node), body, values)
        if key not in self._ran:
            skip = first_param(node) if method and isinstance(node, cst.FunctionDef) \
                and not decorated(node, "staticmethod") else None
            self._ran[key] = calls_opaquely(node, self.defs, self.classes, self.known, body,
                                            skip, values)
        return self._ran[key]

    def targets(self, node: cst.CSTNode, body: bool = False, method: bool = False,
                values: bool = False) -> frozenset[str]:
        """The definitions the opaque calls running `node` makes may run (see `runs`):
        `escaped`, narrowed where opaque_targets knows the callee (memoized)."""
        key = (id(node), body, values)
        if key not in self._seen:
            skip = first_param(node) if method and isinstance(node, cst.FunctionDef) \
                and not decorated(node, "staticmethod") else None
            stmts, params = _parts(node, body, skip, values)
            out: set[str] = set()
            for call in (n for stmt in stmts for n in _runs(stmt)):
                if not _opaque(call, self.defs, self.classes, self.known, params, values):
                    continue
                found = call_targets(
                    call, self.defs, lambda n: self.resolve({n}) & set(self.defs),
                    lambda n: self.containers.stored.get(n), self.loops,
                    lambda n: n not in self.defs and n not in self.known and not self._foreign(n),
                    lambda n, inner: _opaque(n, self.defs, self.classes, self.known, inner),
                    params)
                if found is None:
                    out = set(self.escaped())
                    break
                out |= found
            self._seen[key] = frozenset(out)
        return self._seen[key]
