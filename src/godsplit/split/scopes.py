"""What each top-level statement binds, rebinds and reads, from LibCST's scope analysis.

Used by `analyze`: `collect` walks the global scope's assignments and their references
once, and places each node in its top-level statement through the node index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import libcst as cst
from libcst.metadata import (
    Access,
    Assignment,
    BuiltinAssignment,
    ClassScope,
    ComprehensionScope,
    FunctionScope,
    GlobalScope,
    Scope,
)

from .nodes import NameRead, NodeIndex, walk


def _outside_functions(scope: Scope) -> bool:
    while not isinstance(scope, GlobalScope):
        if isinstance(scope, FunctionScope):
            return False
        scope = scope.parent
    return True


def module_name_read(
    read: NameRead, nodes: NodeIndex, scopes: Mapping[cst.CSTNode, Scope | None]
) -> bool:
    """Whether a `__name__` Name reads the module's `__name__`: not an assignment target
    (`__name__ = "X"` in a class body), nor a read of a class attribute, parameter or
    comprehension variable of that name."""
    node = nodes.dunder_nodes[read.node_id]
    scope = scopes.get(node)
    if scope is None:
        return False
    access = next((a for a in scope.accesses[node] if a.node is node), None)
    return access is not None and all(
        isinstance(r, BuiltinAssignment) for r in access.referents
    )


def _local_in_function(name: str, scope: Scope, node: cst.CSTNode | None = None) -> bool:
    """Whether `name` read in `scope` is a local of an enclosing function or comprehension,
    or of the class body it is read in, bound by an earlier statement of that body.

    LibCST lists a read that comes before a local assignment (`if x is None: x = ...`,
    with `x` a parameter) among the references of the global `x` too; in Python any
    assignment in a function makes the name local there. A class body reads the global
    until the class binds the name (`@document.setter` after `def document` is local)."""
    if isinstance(scope, ClassScope) and node is not None and name in scope.assignments:
        return _bound_before(scope, name, node)
    while not isinstance(scope, GlobalScope):
        if not isinstance(scope, ClassScope) and name in scope.assignments:
            return True
        if scope.parent is scope:
            break
        scope = scope.parent
    return False


class _Ids(cst.CSTVisitor):
    def __init__(self) -> None:
        self.ids: set[int] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.ids.add(id(node))
        return True


def _bound_before(scope: ClassScope, name: str, node: cst.CSTNode) -> bool:
    """Whether a statement of the class body before the one reading `name` binds it."""
    owner = getattr(scope, "node", None)
    if not isinstance(owner, cst.ClassDef) or not isinstance(owner.body, cst.IndentedBlock):
        return False
    bindings = {id(getattr(a, "node", None)) for a in scope.assignments[name]}
    for stmt in owner.body.body:
        visitor = _Ids()
        stmt.visit(visitor)
        if id(node) in visitor.ids:
            return False  # the read comes first (a decorator runs before its def binds)
        if bindings & visitor.ids:
            return True
    return False


def _site(
    node: cst.CSTNode, scope: Scope | None, nodes: NodeIndex
) -> tuple[int, bool] | None:
    """(top-level statement index, inside a function) of a node, through the index or,
    for nodes in skipped bodies, through the outermost scope below the module."""
    found = nodes.stmt_of.get(id(node))
    if found is not None or scope is None:
        return found
    in_function = False
    while not isinstance(scope.parent, GlobalScope) and scope.parent is not scope:
        in_function = in_function or isinstance(scope, FunctionScope)
        scope = scope.parent
    in_function = in_function or isinstance(scope, FunctionScope)
    owner = getattr(scope, "node", None)
    found = nodes.stmt_of.get(id(owner)) if owner is not None else None
    return (found[0], in_function) if found is not None else None


def collect(
    scope: GlobalScope,
    scopes: Mapping[cst.CSTNode, Scope | None],
    nodes: NodeIndex,
    future_annotations: bool,
    bound: dict[int, set[str]],
    rebinds: dict[int, set[str]],
    reads: dict[int, dict[str, list[bool]]],
    calls: dict[int, set[str]],
    subclassed: dict[int, set[str]],
    methods: dict[int, dict[str, set[str]]],
    unbound: frozenset[int] = frozenset(),
) -> set[str]:
    """Fill who binds, rebinds, reads and calls at import time each top-level name, keyed
    by statement index; and, for classes, which names each method reads. `unbound`: the
    name nodes that bind nothing once their statement has run (`except E as e`). Returns
    every name bound in the module's scope, from anywhere (a walrus in a comprehension
    too)."""
    names: set[str] = set()
    walrus = walrus_bound(scopes)
    for assignment in (*scope.assignments, *walrus):
        name = assignment.name
        names.add(name)
        node = getattr(assignment, "node", None)
        if id(node) in unbound:
            continue  # `except ImportError as e:` unbinds `e` when the handler ends
        where = _site(node, scopes.get(node), nodes) if node is not None else None
        if where is not None:
            stmt, in_function = where
            (rebinds if in_function else bound)[stmt].add(name)
    mangled = ((name, access, False) for name, access in _mangled(scopes, names))
    alone = {a.name for a in walrus} - {a.name for a in scope.assignments}
    for name, access, forward in (*_references(scope, names), *mangled,
                                  *_unresolved(scopes, alone)):
        site = _site(access.node, access.scope, nodes)
        if site is None or _local_in_function(name, access.scope, access.node):
            continue
        import_time = _outside_functions(access.scope)
        if import_time and id(access.node) in nodes.factories:
            calls[site[0]].add(f"@{name}")  # its result decorates: it is called too
        if import_time and id(access.node) in nodes.called:
            calls[site[0]].add(name)
        elif import_time and id(access.node) in nodes.subclassed:
            subclassed[site[0]].add(name)
        # a string is never evaluated at import time (an annotation, `cast("B", x)`,
        # `TypeVar("T", bound="B")`): typing resolves it later, in the reader's module
        string = isinstance(access.node, cst.BaseString)
        lazy_annotation = forward or (
            (string or (access.is_annotation and future_annotations))
            and id(access.node) not in nodes.eager_annotations
        )
        flags = reads[site[0]].setdefault(name, [False, True])
        flags[0] = flags[0] or (import_time and not lazy_annotation)
        flags[1] = flags[1] and lazy_annotation
        method = None if import_time else _method_of(access.scope)
        if method is not None:
            methods[site[0]].setdefault(method, set()).add(name)
    return names


def walrus_bound(scopes: Mapping[cst.CSTNode, Scope | None]) -> list[Assignment]:
    """The bindings of a walrus in a comprehension at the top level (`[last := x for x in
    xs]`): Python binds its target in the module (PEP 572); LibCST puts it in the
    comprehension's scope, and moved code reading `last` was written without importing it
    (GS411, round 32)."""
    out = []
    for comp in {id(s): s for s in scopes.values() if isinstance(s, ComprehensionScope)}.values():
        parent = comp.parent
        while isinstance(parent, ComprehensionScope):
            parent = parent.parent
        if not isinstance(parent, GlobalScope):
            continue
        # (not in a lambda's body: a walrus there binds in the lambda)
        targets = {id(n.target) for n in walk(comp.node, enter=_not_lambda)
                   if isinstance(n, cst.NamedExpr)}
        out += [a for a in comp.assignments if isinstance(a, Assignment) and id(a.node) in targets]
    return out


def _not_lambda(node: cst.CSTNode) -> bool:
    return not isinstance(node, cst.Lambda)


def _unresolved(scopes: Mapping[cst.CSTNode, Scope | None], names: set[str]
                ) -> Iterator[tuple[str, Access, bool]]:
    """Reads of `names` (bound only by a walrus in a comprehension) LibCST left unresolved,
    in any scope: they read the module's name."""
    if not names:
        return
    for scope in {id(s): s for s in scopes.values() if s is not None}.values():
        for access in scope.accesses:
            node = access.node
            if isinstance(node, cst.Name) and node.value in names and not access.referents:
                yield node.value, access, False


def handler_names(module: cst.Module) -> frozenset[int]:
    """The `e` of each `except E as e:` of a top-level `try`: gone when the handler ends."""
    return frozenset(
        id(handler.name.name) for stmt in module.body if isinstance(stmt, (cst.Try, cst.TryStar))
        for handler in stmt.handlers
        if handler.name is not None and isinstance(handler.name.name, cst.Name))


def _references(
    scope: GlobalScope, names: set[str]
) -> Iterator[tuple[str, Access, bool]]:
    """Every read of a top-level name, and whether it is a forward reference. LibCST
    leaves an annotation at module level that names something defined further down
    unresolved: a string (`def f(ctx: "Context")`), or a name under `from __future__
    import annotations` (`def f(ctx: Context)`); it reads that name all the same, lazily
    (nothing could evaluate it before the name was defined)."""
    for assignment in scope.assignments:
        for access in assignment.references:
            yield assignment.name, access, False
    for name in sorted(names):
        for access in scope.accesses[name]:
            if not access.referents and (isinstance(access.node, cst.BaseString)
                                         or access.is_annotation):
                yield name, access, True


def _mangled(scopes: Mapping[cst.CSTNode, Scope | None], names: set[str]
             ) -> Iterator[tuple[str, Access]]:
    """Reads of a private name in a class (`__secret` in a method of `Box`): Python reads
    the top-level `_Box__secret`, which LibCST leaves unresolved."""
    if not any(name.startswith("_") and "__" in name[2:] for name in names):
        return
    for scope in {id(s): s for s in scopes.values() if s is not None}.values():
        for access in scope.accesses:
            node = access.node
            if not isinstance(node, cst.Name) or not node.value.startswith("__") or (
                    node.value.endswith("__")) or access.referents:
                continue
            owner: Scope | None = scope
            while owner is not None and not isinstance(owner, (ClassScope, GlobalScope)):
                owner = owner.parent
            klass = getattr(owner, "node", None) if isinstance(owner, ClassScope) else None
            stem = klass.name.value.lstrip("_") if isinstance(klass, cst.ClassDef) else ""
            if stem and f"_{stem}{node.value}" in names:
                yield f"_{stem}{node.value}", access


def _method_of(scope: Scope) -> str | None:
    """The method (a function directly in a top-level class) a read inside it is in."""
    while not isinstance(scope, GlobalScope) and scope.parent is not scope:
        parent = scope.parent
        if isinstance(scope, FunctionScope) and isinstance(parent, ClassScope) and isinstance(
            parent.parent, GlobalScope
        ):
            node = getattr(scope, "node", None)
            return node.name.value if isinstance(node, cst.FunctionDef) else None
        scope = parent
    return None


def live_accesses(
    scope: GlobalScope, names: frozenset[str], nodes: NodeIndex
) -> dict[str, tuple[tuple[int, int], ...]]:
    """For each global rebound at run time, (statement index, Name node id) of its reads:
    a reader in another module reads it as `home.name`, so it sees the current value."""
    out: dict[str, tuple[tuple[int, int], ...]] = {}
    for name in sorted(names):
        found: dict[int, int] = {}
        for assignment in scope.assignments[name]:
            for access in assignment.references:
                site = _site(access.node, access.scope, nodes)
                if site is not None and isinstance(access.node, cst.Name) and not (
                    _local_in_function(name, access.scope, access.node)
                ):
                    found[id(access.node)] = site[0]
        out[name] = tuple(sorted((stmt, node) for node, stmt in found.items()))
    return out
