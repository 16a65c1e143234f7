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
from .nodes import children, walk
from .self_scan import bound_names

_BUILTINS = frozenset(dir(builtins))
_TYPE_TESTS = frozenset({"isinstance", "issubclass"})  # they call neither argument


def escaped(module: cst.Module, defs: Collection[str]) -> frozenset[str]:
    """The module's functions and classes (`defs`) that its top-level code (what runs at
    import: not function bodies) reads other than by calling, subclassing, testing with
    `isinstance` or looking up an attribute on them; and each decorated one (the decorator
    is given it)."""
    out: set[str] = set()
    for stmt in module.body:
        _escapes(stmt, defs, out, True)
    return frozenset(out)


def _escapes(node: cst.CSTNode, defs: Collection[str], out: set[str], escapes: bool) -> None:
    if isinstance(node, cst.Name):
        if escapes and node.value in defs:
            out.add(node.value)
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):  # decorated: see `decorated_run`
        for decorator in node.decorators:
            _escapes(decorator.decorator, defs, out, False)
        if isinstance(node, cst.FunctionDef):
            _escapes(node.params, defs, out, True)  # defaults (annotations: skipped below)
        else:
            for base in (*node.bases, *node.keywords):
                _escapes(base.value, defs, out, False)
            _escapes(node.body, defs, out, True)
    elif isinstance(node, cst.Lambda):  # its body runs when the lambda is called
        out.update(n.value for n in walk(node) if isinstance(n, cst.Name) and n.value in defs)
    elif isinstance(node, cst.Call):
        _escapes(node.func, defs, out, False)
        tests = isinstance(node.func, cst.Name) and node.func.value in _TYPE_TESTS
        for arg in node.args:
            _escapes(arg.value, defs, out, not tests)
    elif isinstance(node, (cst.Attribute, cst.Subscript)):
        _escapes(node.value, defs, out, False)
        if isinstance(node, cst.Subscript):
            for element in node.slice:
                _escapes(element, defs, out, True)
    elif isinstance(node, (cst.Annotation, cst.Comparison, cst.Import, cst.ImportFrom,
                           cst.Del, cst.Global, cst.Nonlocal)):
        return
    elif isinstance(node, cst.AssignTarget):
        _escapes(node.target, defs, out, False)
    else:
        for child in children(node):
            _escapes(child, defs, out, escapes)


def _names(value: cst.BaseExpression | None) -> list[str] | None:
    """The names `value` is one of: `b`, `b if c else d` (else None)."""
    if isinstance(value, cst.Name):
        return [value.value]
    if isinstance(value, cst.IfExp):
        body, orelse = _names(value.body), _names(value.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _imported(node: cst.Import | cst.ImportFrom) -> set[str]:
    """The names an import binds (`os` for `import os.path`)."""
    out: set[str] = set()
    if isinstance(node.names, cst.ImportStar):
        return out
    for alias in node.names:
        value: cst.BaseExpression = alias.asname.name if alias.asname and isinstance(
            alias.asname.name, cst.Name) else alias.name
        while isinstance(value, cst.Attribute):
            value = value.value
        if isinstance(value, cst.Name):
            out.add(value.value)
    return out


def followed(module: cst.Module, defs: Collection[str], imports: Collection[str],
             declared: Collection[str], classes: Collection[str] = frozenset(),
             ) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The names (not `defs`) a call of which the analysis follows as well as it can, though
    code other than an import binds them: every top-level binding of each is a def or
    class statement without decorators (in an `if` or `try` block too), an import, or
    `name = other` for a builtin, an import or another such name (`unicode = str`), or
    `name = f(...)` for a builtin, an import or a class of the module (an instance: the
    class analysis follows its methods) given no definition (`T = namedtuple(...)`),
    and no function declares it `global` (`declared`). And the names bound only to `defs`
    (`h = helper`, `Request = BaseRequest`), with the definitions each may be."""
    good: set[str] = set()
    bad: set[str] = set(declared)  # bound otherwise
    aliases: list[tuple[str, str]] = []
    made: list[tuple[str, str]] = []  # `name = f(...)` of an import or a builtin, no def given
    stack: list[cst.CSTNode] = list(module.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            (bad if node.decorators else good).add(node.name.value)
            continue
        if isinstance(node, (cst.Import, cst.ImportFrom)):  # in an `if` block too
            good.update(_imported(node))
            continue
        if isinstance(node, cst.AnnAssign) and node.value is None:
            continue  # binds nothing
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [
            node.target] if isinstance(node, cst.AnnAssign) else []
        given = _names(node.value) if isinstance(node, (cst.Assign, cst.AnnAssign)) else None
        if given and all(isinstance(t, cst.Name) for t in targets):
            aliases.extend((t.value, n) for t in targets if isinstance(t, cst.Name) for n in given)
            continue  # `a = b`, `a: T = b`, `a = b if c else d`
        if isinstance(node, cst.Assign) and isinstance(node.value, (cst.Call, cst.Attribute)) \
                and all(isinstance(t.target, cst.Name) for t in node.targets) and not any(
                isinstance(n, cst.Name) and n.value in defs for a in getattr(node.value, "args", ())
                for n in walk(a)):  # `T = namedtuple(...)`, `type(x)`, `f = str.removeprefix`
            root: cst.BaseExpression = node.value
            while isinstance(root, (cst.Attribute, cst.Call, cst.Subscript)):
                root = root.value if not isinstance(root, cst.Call) else root.func
            if isinstance(root, cst.Name):
                made.extend((t.target.value, root.value) for t in node.targets
                            if isinstance(t.target, cst.Name))
                continue
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For,
                             cst.CompFor, cst.NamedExpr)):
            bad.update(bound_names(node.target))
        elif isinstance(node, cst.AsName):
            bad.update(bound_names(node.name))
        if not isinstance(node, cst.Lambda):
            stack.extend(children(node))
    to_defs: dict[str, set[str]] = {}
    grown = True
    while grown:  # an alias of a definition (or of such an alias), and nothing else
        grown = False
        for name, other in aliases:
            sources = {other} if other in defs else to_defs.get(other)
            if name in bad or name in good or name in defs or sources is None:
                continue
            if not sources <= to_defs.setdefault(name, set()):
                to_defs[name] |= sources
                grown = True
    to_defs = {n: d for n, d in to_defs.items() if all(
        o in defs or o in to_defs for a, o in aliases if a == n)}
    bad.update(name for name, root in made if root in bad or not (  # `call = _Call()`: its
        root in _BUILTINS or root in imports or root in good or root in classes))  # __call__
    good.update(name for name, _ in made)
    grown = True
    while grown:
        grown = False
        names = good | {name for name, _ in aliases}
        for name, other in aliases:
            if name not in bad and other != name and (other in defs or other in bad or not (
                    other in _BUILTINS or other in imports or other in names)):
                bad.add(name)
                grown = True
    names = good | {name for name, _ in aliases}
    return frozenset(names - bad - set(defs)), to_defs


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
    if body and isinstance(node, cst.FunctionDef):
        params = {p.name.value for p in (*node.params.posonly_params, *node.params.params,
                                         *node.params.kwonly_params)} - {skip}
        for star in (node.params.star_arg, node.params.star_kwarg):
            if isinstance(star, cst.Param):
                params.add(star.name.value)
        params |= _locals(node) - {skip}
        if values and skip:  # `self.f(...)(...)` is reached from no value of the module
            params.add(skip)
        return any(_opaque(n, defs, classes, known, params, values)
                   for stmt in children(node.body) for n in _runs(stmt))
    return any(_opaque(n, defs, classes, known, set(), values) for n in _runs(node))


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


def _bound(nodes: Iterable[cst.CSTNode], imports: bool = True) -> set[str]:
    """The names `nodes` bind: defs and classes, targets, `as` names, `global` names, and
    with `imports`, what imports bind (`_imported`)."""
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            out.add(node.name.value)
        elif isinstance(node, (cst.Import, cst.ImportFrom)) and imports:
            out |= _imported(node)
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
        if isinstance(current, cst.FunctionDef):
            stack.extend((*current.decorators, current.params))
        elif isinstance(current, cst.Lambda):
            stack.append(current.params)
        else:
            stack.extend(children(current))


def _stores(node: cst.CSTNode | None) -> bool:
    """Whether function `node` hands its first parameter on (stores it, passes it, ...:
    `escaped`'s rules) other than by returning it; not in the defs it makes."""
    if not isinstance(node, cst.FunctionDef) or not (first := first_param(node)):
        return False
    found: set[str] = set()
    for stmt in _runs(node.body):
        if isinstance(stmt, cst.Return) and isinstance(stmt.value, cst.Name):
            continue  # `return fn`
        if isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in stmt.body:
                if not (isinstance(small, cst.Return) and isinstance(small.value, cst.Name)):
                    _escapes(small, {first}, found, True)
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
    the names a `global` statement declares."""

    def __init__(self, module: cst.Module, defs: Mapping[str, cst.CSTNode],
                 imports: Collection[str], declared: Collection[str]) -> None:
        self.module, self.defs = module, defs
        self.classes = frozenset(n for n, node in defs.items() if isinstance(node, cst.ClassDef))
        names, self.aliases = followed(module, defs, imports, declared, self.classes)
        self.known = _Known(module, names | frozenset(self.aliases), _BUILTINS | frozenset(imports))
        self._escaped: frozenset[str] | None = None
        self._seen: dict[tuple[int, bool, bool], bool] = {}

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
        """`escaped`, and each def whose decorator (`@register`, a def of the module)
        stores it (`REG.append(fn)`): `REG[0]()` may run it."""
        if self._escaped is None:
            stored = {stmt.name.value for stmt in self.module.body if isinstance(
                stmt, (cst.FunctionDef, cst.ClassDef)) and any(isinstance(
                    d.decorator, cst.Name) and _stores(self.defs.get(d.decorator.value))
                    for d in stmt.decorators)}
            self._escaped = escaped(self.module, self.defs) | stored
        return self._escaped

    def runs(self, node: cst.CSTNode, body: bool = False, method: bool = False,
             values: bool = False) -> bool:
        """Whether running `node` (a function's body for `body`) calls opaquely; for a
        `method`, but through its `self` or `cls`; `values`: see `calls_opaquely`."""
        key = (id(node), body, values)
        if key not in self._seen:
            skip = first_param(node) if method and isinstance(node, cst.FunctionDef) \
                and not decorated(node, "staticmethod") else None
            self._seen[key] = calls_opaquely(node, self.defs, self.classes, self.known, body,
                                             skip, values)
        return self._seen[key]
