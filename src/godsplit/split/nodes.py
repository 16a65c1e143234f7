"""One light walk over a module's tree that maps nodes to their top-level statement.

LibCST's scope analysis tells which names are read and bound; this index tells in which
top-level statement each of those nodes sits, and where the module reads `__name__`,
`__package__` or `__file__`. Function and class bodies are skipped (nodes there are
placed through their scope) unless the statement's text mentions one of those.
"""

from __future__ import annotations

import symtable
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar, Union, get_args, get_origin

import libcst as cst

from .literals import accessed_in, constant_literal, may_skip_for
from .node_kinds import Kinds, is_node

_N = TypeVar("_N", bound=cst.CSTNode)

LOGGER_FACTORIES = frozenset({"getLogger", "get_task_logger", "get_logger", "getChild"})
_DUNDERS = frozenset({"__name__", "__package__", "__file__"})
# `__spec__.parent` is the module's `__package__`, `__spec__.name` its `__name__` (Pillow's
# `__import__(f"{__spec__.parent}.{plugin}")`): read as those, the `__spec__` Name indexed
_SPEC_READS = {"parent": "__package__", "name": "__name__"}


@dataclass(frozen=True)
class NameRead:
    """A read of the module global `__name__` (or `__package__`, `__file__`; `__spec__.name`
    and `__spec__.parent` count as `__name__` and `__package__`, `node_id` the Attribute's)."""

    stmt: int
    node_id: int
    in_function: bool
    for_logger: bool
    dunder: str = "__name__"


@dataclass
class NodeIndex:
    stmt_of: dict[int, tuple[int, bool]] = field(default_factory=dict)  # id -> (stmt, in_function)
    star_import: dict[int, bool] = field(default_factory=dict)
    name_reads: list[NameRead] = field(default_factory=list)
    file_reads: list[tuple[int, bool]] = field(default_factory=list)  # `__file__`: (stmt, in_function)
    called: set[int] = field(default_factory=set)  # ids of Names called: `f(...)`, `@f`, `@f(...)`
    subclassed: set[int] = field(default_factory=set)  # ids of Names used as class bases
    factories: set[int] = field(default_factory=set)  # ids of Names `f` in `@f(...)`
    eager_annotations: set[int] = field(default_factory=set)  # ids of nodes in annotations
    # of decorated functions
    dunder_nodes: dict[int, cst.Name] = field(default_factory=dict)  # `__name__` Names by id


class _Annotations(cst.CSTVisitor):
    """Every node inside the annotations of what it visits."""

    def __init__(self) -> None:
        self.found: set[int] = set()
        self.inside = 0

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Annotation):
            self.inside += 1
        if self.inside:
            self.found.add(id(node))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, cst.Annotation):
            self.inside -= 1


class _Indexer(cst.CSTVisitor):
    def __init__(self, index: NodeIndex) -> None:
        self.index = index
        self.stmt = 0
        self.depth = 0
        self.classes = 0  # class bodies we are in (their functions are methods)
        self.full = False
        self.not_reads: set[int] = set()
        self.logger_args: set[int] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.index.stmt_of[id(node)] = (self.stmt, self.depth > 0)
        if constant_literal(node):  # a table: only its strings and `None`s may be accesses
            self.index.stmt_of.update(
                (id(n), (self.stmt, self.depth > 0)) for n in accessed_in(node))
            return False
        return super().on_visit(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self.depth == 0 and not self.classes and node.decorators:
            # a decorator may evaluate the annotations at once (singledispatch.register,
            # FastAPI, typer): they are import-time reads even when postponed
            eager = _Annotations()
            node.params.visit(eager)
            if node.returns is not None:
                node.returns.visit(eager)
            self.index.eager_annotations |= eager.found
        # decorators, defaults and annotations run where the `def` runs, not in the function
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        if node.returns is not None:
            node.returns.visit(self)
        self.depth += 1
        if self.full:
            node.body.visit(self)
        return False

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes -= 1

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.classes += 1
        for base in node.bases:  # subclassing runs the base's __init_subclass__
            if isinstance(base.value, cst.Name):
                self.index.subclassed.add(id(base.value))
        for keyword in node.keywords:  # and calls the metaclass
            if keyword.keyword is not None and keyword.keyword.value == "metaclass" and (
                isinstance(keyword.value, cst.Name)
            ):
                self.index.called.add(id(keyword.value))
        if self.full:
            return True
        for part in (*node.decorators, *node.bases, *node.keywords):
            part.visit(self)
        # the class body runs at import time (`child = Field()` calls Field): its code, and
        # its methods' decorators and defaults (visit_FunctionDef skips their bodies)
        node.body.visit(self)
        return False

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.depth -= 1

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.depth += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.depth -= 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.not_reads.add(id(node.attr))
        dunder = _SPEC_READS.get(node.attr.value)
        if dunder and isinstance(node.value, cst.Name) and node.value.value == "__spec__":
            self.index.dunder_nodes[id(node)] = node.value
            self.index.name_reads.append(NameRead(self.stmt, id(node), self.depth > 0, False,
                                                  dunder))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.not_reads.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self.not_reads.add(id(node.name))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            self.index.star_import[self.stmt] = True

    def visit_Decorator(self, node: cst.Decorator) -> None:
        if isinstance(node.decorator, cst.Name):
            self.index.called.add(id(node.decorator))
        elif isinstance(node.decorator, cst.Call) and isinstance(node.decorator.func, cst.Name):
            self.index.factories.add(id(node.decorator.func))  # `@f(...)`: f's result is called

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name):
            self.index.called.add(id(node.func))
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if name in LOGGER_FACTORIES:
            self.logger_args.update(id(arg.value) for arg in node.args)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value not in _DUNDERS or id(node) in self.not_reads:
            return
        if node.value == "__file__":
            self.index.file_reads.append((self.stmt, self.depth > 0))
        self.index.dunder_nodes[id(node)] = node
        self.index.name_reads.append(NameRead(
            self.stmt, id(node), self.depth > 0, id(node) in self.logger_args, node.value
        ))


def index_nodes(module: cst.Module, codes: tuple[str, ...]) -> NodeIndex:
    index = NodeIndex()
    indexer = _Indexer(index)
    for position, stmt in enumerate(module.body):
        indexer.stmt = position
        indexer.full = any(dunder in codes[position] for dunder in (*_DUNDERS, "__spec__"))
        stmt.visit(indexer)
    return index


class _Find(cst.CSTVisitor):
    def __init__(self, kinds: tuple[type[cst.CSTNode], ...]) -> None:
        self.kinds = kinds
        self.found: list[cst.CSTNode] = []
        self.skip_tables = may_skip_for(kinds)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, self.kinds):
            self.found.append(node)
        return not (self.skip_tables and constant_literal(node))


def called_name(expr: cst.BaseExpression) -> str | None:
    """The name a call (or decorator) calls: `f` of `f(...)`, `task` of `app.task(...)`."""
    if isinstance(expr, cst.Call):
        expr = expr.func
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return expr.value if isinstance(expr, cst.Name) else None


def find_all(tree: cst.CSTNode, kind: type[_N]) -> list[_N]:
    """Every node of `kind` in `tree` (itself included), in source order: what
    `libcst.matchers.findall` returns for a bare type, without importing the matchers (a
    quarter of a second at every start)."""
    finder = _Find((kind,))
    tree.visit(finder)
    return [node for node in finder.found if isinstance(node, kind)]


_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_is_scope = Kinds(*_SCOPES)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold_nodes(annotation: object) -> bool:
    """Whether a LibCST dataclass field so annotated may hold a node: not `str`, `bool`,
    `Optional[str]` nor a `Literal` (Name.value, SimpleWhitespace.value: about half the
    nodes of a module are whitespace, whose only field is a string)."""
    if annotation in (str, bool):
        return False
    if get_origin(annotation) is Literal:
        return False
    return not (get_origin(annotation) is Union and set(get_args(annotation)) <= {str, type(None)})


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes `node.children` gives, in another order: read from the node's dataclass
    fields (four times faster than LibCST's property, which runs a visitor on the node;
    the same nodes on every node of 1.6 million, of 160 types, in 400 files); the fields
    that hold only text are not read."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(f.name for f in fields(node)
                                            if _may_hold_nodes(f.type))
    out: list[cst.CSTNode] = []
    for name in names:
        value = getattr(node, name)
        if is_node(value):
            out.append(value)
        elif value and isinstance(value, (tuple, list)):
            out.extend(v for v in value if is_node(v))
    return out


def walk(node: cst.CSTNode, into_scopes: bool = True,
         enter: Callable[[cst.CSTNode], bool] | None = None) -> Iterator[cst.CSTNode]:
    """`node` and every node under it (in no particular order); without `into_scopes`,
    not what runs only when called: the defs, classes and lambdas under `node` are not
    entered (nor yielded); with `enter`, only the nodes it says are entered (all yielded)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if not into_scopes and current is not node and _is_scope(current):
            continue
        yield current
        if enter is None or enter(current):
            stack.extend(children(current))


def path_to(node: cst.CSTNode, target: cst.CSTNode) -> list[cst.CSTNode] | None:
    """`node` and the nodes under it down to `target`'s parent, outermost first (None:
    `target` is not under `node`)."""
    if node is target:
        return []
    for child in children(node):
        found = path_to(child, target)
        if found is not None:
            return [node, *found]
    return None


def innermost(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`X` of `X`, `X.a`, `X[k]`, `X.a.b[k]`: what an attribute or item access starts from
    (GS121's `changes.may_change` and GS124's `import_order.changes` both ask it)."""
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return expr


def target_names(target: cst.BaseExpression | None) -> set[str]:
    """The plain names an assignment, loop or `del` target binds or deletes (`x`,
    `a, (b, c)`); none for an attribute or a subscript."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return set().union(*(target_names(e.value) for e in target.elements))
    return set()


def deleted_by(stmt: cst.BaseStatement) -> set[str]:
    """Names a top-level `del` statement deletes."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return set()
    return set().union(*(target_names(s.target) for s in stmt.body if isinstance(s, cst.Del)))


def nested_deletes(stmt: cst.BaseStatement) -> set[str]:
    """Names a `del` inside a top-level compound statement deletes (not in a def or class)."""
    if isinstance(stmt, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef)):
        return set()
    return set().union(*(target_names(node.target) for node in walk(stmt, into_scopes=False)
                         if isinstance(node, cst.Del)))


def globals_read(table: symtable.SymbolTable) -> set[str]:
    """The global names the code of `table` reads and does not bind itself."""
    out = set()
    for symbol in table.get_symbols():
        if table.get_type() == "module":
            if symbol.is_referenced() and not (symbol.is_assigned() or symbol.is_imported()):
                out.add(symbol.get_name())
        elif symbol.is_referenced() and symbol.is_global():
            out.add(symbol.get_name())
    if table.get_type() == "function" and "super" in {s.get_name() for s in table.get_symbols()}:
        out.discard("__class__")  # CPython's implicit cell for `super()`, not a global read
    for child in table.get_children():
        out |= globals_read(child)
    return out


def binds_at_run_time(module: cst.Module, codes: Sequence[str], assigned: Collection[str],
                      bound: Collection[str]) -> bool:
    """Whether code may bind module names no top-level statement binds: names the scope
    analysis saw `assigned` in the module's scope that no statement binds (`bound`: a
    function's `global X`), or an `exec(...)` at top level into the module's namespace
    (one argument, or `globals()`), which binds what its string says."""
    if any(name not in bound for name in assigned):
        return True

    class _Exec(cst.CSTVisitor):
        found = False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False  # an exec there binds the function's locals

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Name) and node.func.value == "exec":
                namespace = node.args[1].value if len(node.args) > 1 else None
                self.found |= namespace is None or (
                    isinstance(namespace, cst.Call) and isinstance(namespace.func, cst.Name)
                    and namespace.func.value == "globals")

    visitor = _Exec()
    for statement, code in zip(module.body, codes, strict=True):
        if "exec(" in code:
            statement.visit(visitor)
    return visitor.found
