"""What each top-level statement binds, rebinds and reads, from LibCST's scope analysis.

Used by `analyze`: `collect` walks the global scope's assignments and their references
once, and places each node in its top-level statement through the node index.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator, Mapping, Sequence

import libcst as cst
from libcst.metadata import (
    Access,
    BuiltinAssignment,
    ClassScope,
    FunctionScope,
    GlobalScope,
    Scope,
)

from .nodes import NameRead, NodeIndex


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
    subclassed: set[str],
    methods: dict[int, dict[str, set[str]]],
    unbound: frozenset[int] = frozenset(),
) -> None:
    """Fill who binds, rebinds, reads and calls at import time each top-level name, keyed
    by statement index; and, for classes, which names each method reads. `unbound`: the
    name nodes that bind nothing once their statement has run (`except E as e`)."""
    names: set[str] = set()
    for assignment in scope.assignments:
        name = assignment.name
        names.add(name)
        node = getattr(assignment, "node", None)
        if id(node) in unbound:
            continue  # `except ImportError as e:` unbinds `e` when the handler ends
        where = _site(node, scopes.get(node), nodes) if node is not None else None
        if where is not None:
            stmt, in_function = where
            (rebinds if in_function else bound)[stmt].add(name)
    for name, access, forward in _references(scope, names):
        site = _site(access.node, access.scope, nodes)
        if site is None or _local_in_function(name, access.scope, access.node):
            continue
        import_time = _outside_functions(access.scope)
        if import_time and id(access.node) in nodes.factories:
            calls[site[0]].add(f"@{name}")  # its result decorates: it is called too
        if import_time and id(access.node) in nodes.called:
            calls[site[0]].add(name)
        elif import_time and id(access.node) in nodes.subclassed:
            subclassed.add(name)
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



TYPING_MODULES = frozenset({"typing", "typing_extensions", "collections.abc"})
BUILTIN_GENERICS = frozenset({"list", "dict", "set", "frozenset", "tuple", "type"})


class _TypeStrings(cst.CSTVisitor):
    """Names in strings inside a subscript of a typing generic outside annotations
    (`X = t.Optional["B"]`, `cast(list["B"], x)`): LibCST parses strings as types only
    in annotations and typing calls, yet `get_type_hints` resolves these too."""

    def __init__(self, modules: set[str], generics: set[str], names: set[str]) -> None:
        self.modules, self.generics, self.names = modules, generics, names
        self.found: set[str] = set()
        self.inside = 0

    def _generic(self, node: cst.Subscript) -> bool:
        name = cst.helpers.get_full_name_for_node(node.value) or ""
        return name in self.generics or name.rpartition(".")[0] in self.modules

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return False  # LibCST's scope analysis reads these

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """`SerSchema: TypeAlias = 'A | B'`: the string is a type (pydantic-core)."""
        name = cst.helpers.get_full_name_for_node(node.annotation.annotation) or ""
        if name.rpartition(".")[2] == "TypeAlias" and isinstance(node.value, cst.SimpleString):
            self._parse(node.value)

    def _parse(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if not isinstance(value, str):
            return
        try:
            parsed = cst.parse_expression(value.strip())
        except cst.ParserSyntaxError:
            return
        self.found |= {n.value for n in _names(parsed)} & self.names

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.inside += self._generic(node)

    def leave_Subscript(self, original_node: cst.Subscript) -> None:
        self.inside -= self._generic(original_node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.inside:
            self._parse(node)


def _names(node: cst.CSTNode) -> Iterator[cst.Name]:
    if isinstance(node, cst.Name):
        yield node
    elif isinstance(node, cst.Attribute):
        yield from _names(node.value)
    else:
        for child in node.children:
            yield from _names(child)


def _typing_imports(module: cst.Module) -> tuple[set[str], set[str]]:
    """(names bound to typing modules: `t`, `typing`; names imported from them)."""
    modules, generics = set(TYPING_MODULES), set(BUILTIN_GENERICS)
    for line in module.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = cst.helpers.get_full_name_for_node(alias.name) or ""
                    if full in TYPING_MODULES:
                        asname = alias.asname
                        bound = asname.name if asname is not None else None
                        modules.add(bound.value if isinstance(bound, cst.Name) else full)
            elif isinstance(small, cst.ImportFrom) and small.module is not None and (
                cst.helpers.get_full_name_for_node(small.module) in TYPING_MODULES
            ) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    given = alias.asname.name if alias.asname is not None else alias.name
                    if isinstance(given, cst.Name):
                        generics.add(given.value)
    return modules, generics


def _with_typed_strings(text: str, starts: Sequence[int]) -> set[int] | None:
    """The top-level statements (by index; `starts` are their first lines) with a string
    inside a subscript, or a TypeAlias given a string: the only ones `_TypeStrings` can
    find anything in. Python's own parser finds them in a tenth of the time LibCST's
    visitor takes to walk every statement; None when it cannot parse the file, or counts
    lines another way (a lone carriage return ends a line for it, not for LibCST)."""
    if "\r" in text.replace("\r\n", ""):
        return None
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found: set[int] = set()
    for top in tree.body:
        for node in ast.walk(top):
            typed = isinstance(node, ast.Subscript) or (
                isinstance(node, ast.AnnAssign) and "TypeAlias" in ast.dump(node.annotation))
            if typed and any(isinstance(c, ast.Constant) and isinstance(c.value, str)
                             for c in ast.walk(node)):
                found.add(bisect.bisect_right(starts, top.lineno) - 1)
                break
    return found


def type_string_reads(
    module: cst.Module, names: set[str], reads: dict[int, dict[str, list[bool]]],
    text: str, starts: Sequence[int],
) -> None:
    """Add the lazy reads `_TypeStrings` finds to each top-level statement's reads. A type
    alias (`MaybeB = t.Optional["B"]`) passes them on to its readers: `get_type_hints(f)`
    resolves `"B"` in the globals of `f`'s module, wherever the alias lives."""
    modules, generics = _typing_imports(module)
    aliases: dict[str, set[str]] = {}
    candidates = _with_typed_strings(text, starts)
    for index, stmt in enumerate(module.body):
        if candidates is not None and index not in candidates:
            continue
        visitor = _TypeStrings(modules, generics, names)
        stmt.visit(visitor)
        for name in visitor.found:
            reads[index].setdefault(name, [False, True])
        for small in stmt.body if visitor.found and isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Assign, cst.AnnAssign)):
                targets = small.targets if isinstance(small, cst.Assign) else [small]
                for target in targets:
                    if isinstance(target.target, cst.Name):
                        aliases[target.target.value] = set(visitor.found)
    changed = bool(aliases)
    while changed:
        changed = False
        for read in list(reads.values()):
            for alias in [a for a in aliases if a in read]:
                for name in aliases[alias] - set(read):
                    read[name] = [False, True]
                    changed = True
