"""What `migrate` found in one file and how it rewrites it.

The scan (`scan`, `patch`) records every use of an old module as a `Use`,
and the edits that move the fixable ones, keyed by the id of the original LibCST node;
`rewrite` applies them in one pass over the tree, so every byte not edited is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider, Scope, ScopeProvider

from ..types import Finding
from .decorated import wrapped_body
from .homes import Homes
from .imports import Style
from .order import imports_sorted, merge

UseKind = Literal["import", "attribute", "patch", "string", "module", "stays", "star", "dynamic"]


@dataclass(frozen=True)
class Use:
    """A use of an old module: through its facade, or of the module itself."""

    path: Path
    line: int
    old_module: str
    name: str  # the name used through the old module ("" for the module itself)
    kind: UseKind
    new: str | None  # where it points after migrating (a module, or a dotted target)
    fixable: bool  # `migrate` rewrites it
    detail: str = ""  # why it is left alone, or what it is

    @property
    def shown(self) -> str:
        return f"{self.old_module}.{self.name}" if self.name else self.old_module


@dataclass(frozen=True)
class WithEdit:
    """Patches added after a `with` item (one per further module a name is looked up in)."""

    asname: str | None  # give the item this `as` name (it had none)
    extra: tuple[str, ...]  # the added items' expressions


@dataclass
class Edits:
    lines: dict[int, list[cst.SimpleStatementLine]] = field(default_factory=dict)
    exprs: dict[int, cst.BaseExpression] = field(default_factory=dict)
    calls: dict[int, Callable[[cst.Call], cst.Call]] = field(default_factory=dict)
    # element -> the strings that replace it, and the comma between them (its list's layout)
    elements: dict[int, tuple[list[str], cst.Comma | None]] = field(default_factory=dict)
    with_items: dict[int, WithEdit] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)  # statement line -> lines after it
    decorators: dict[int, list[str]] = field(default_factory=dict)  # decorator -> more after it
    # function -> the `with` items its body runs in (a decorator's mock shared: `decorated`)
    bodies: dict[int, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any((self.lines, self.exprs, self.calls, self.elements, self.with_items,
                    self.after, self.decorators, self.bodies))


@dataclass
class Context:
    """One file being scanned: its tree, metadata, the splits, and what was found."""

    path: Path
    module: cst.Module
    package: str  # the file's package, for relative imports
    homes: Sequence[Homes]
    style: Style
    uses: list[Use] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    edits: Edits = field(default_factory=Edits)
    # id(access node) -> (homes, binding name) for each use of a name bound to an old module
    access: dict[int, tuple[Homes, str]] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # accesses the patch rewrite removes
    reported: set[int] = field(default_factory=set)  # accesses already listed as uses
    moved: dict[int, str] = field(default_factory=dict)  # access -> module (`getattr(old, "A")`)
    taken: set[str] = field(default_factory=set)
    refs: dict[tuple[int, str], str] = field(default_factory=dict)  # (block, module) -> its name
    # (block, new module) -> the line of the file's own `import new.mod` there (round 30)
    present: dict[tuple[int, str], cst.SimpleStatementLine] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self._positions: Mapping[cst.CSTNode, CodeRange] | None = None
        self._scopes: Mapping[cst.CSTNode, Scope | None] | None = None
        found = _Collect()
        self.module.visit(found)
        self.parents, self.calls, self.strings = found.parents, found.calls, found.strings
        self.import_lines, self.taken = found.import_lines, found.names

    @property
    def scopes(self) -> Mapping[cst.CSTNode, Scope | None]:
        """LibCST's scope analysis, run only for files that bind an old module to a name."""
        if self._scopes is None:
            self._scopes = self._wrapper.resolve(ScopeProvider)
        return self._scopes

    def line(self, node: cst.CSTNode) -> int:
        if self._positions is None:
            self._positions = self._wrapper.resolve(PositionProvider)
        return self._positions[node].start.line

    def use(self, node: cst.CSTNode, homes: Homes, name: str, kind: UseKind, new: str | None,
            fixable: bool, detail: str = "") -> None:
        self.uses.append(Use(self.path, self.line(node), homes.old_module, name, kind, new,
                             fixable, detail))

    def note(self, node: cst.CSTNode, code: str, message: str) -> None:
        self.notes.append(Finding(code, "info", message, str(self.path), self.line(node)))

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)


class _Collect(cst.CSTVisitor):
    """One pass over a file: each node's parent, its calls, strings, import lines and the
    names written in it (but not those of module paths: `import a.b` binds `a` to the
    package, which another `import a.c` may share)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.calls: list[cst.Call] = []
        self.strings: list[cst.SimpleString] = []
        self.import_lines: list[cst.SimpleStatementLine] = []
        self.names: set[str] = set()  # every name, except module paths of imports
        self.paths: set[int] = set()
        self.in_path = 0

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        self.stack.append(node)
        if isinstance(node, cst.ImportFrom) and node.module is not None:
            self.paths.add(id(node.module))
        elif isinstance(node, cst.Import):
            self.paths.update(id(alias.name) for alias in node.names)
        if id(node) in self.paths:
            self.in_path += 1
        if isinstance(node, cst.Name) and not self.in_path:
            self.names.add(node.value)
        elif isinstance(node, cst.Call):
            self.calls.append(node)
        elif isinstance(node, cst.SimpleString):
            self.strings.append(node)
        elif isinstance(node, cst.SimpleStatementLine) and any(
            isinstance(s, (cst.Import, cst.ImportFrom)) for s in node.body
        ):
            self.import_lines.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        if id(original_node) in self.paths:
            self.in_path -= 1


Listed = TypeVar("Listed", cst.Element, cst.WithItem)


def _joined(items: list[Listed], joint: cst.Comma | None,
            last: cst.Comma | cst.MaybeSentinel) -> list[Listed]:
    """Items that replace one item of a list: `joint` between them (a list's own layout, or
    ", "), and the replaced item's comma after the last."""
    joint = joint or cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [item.with_changes(comma=joint if i < len(items) - 1 else last)
            for i, item in enumerate(items)]


class _Apply(cst.CSTTransformer):
    def __init__(self, edits: Edits, style: Style) -> None:
        super().__init__()
        self.edits, self.style = edits, style
        self.new_lines: set[int] = set()

    def _expr(self, original: cst.CSTNode, updated: cst.BaseExpression) -> cst.BaseExpression:
        return self.edits.exprs.get(id(original), updated)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self._expr(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._expr(original_node, updated_node)

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        return self._expr(original_node, updated_node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        edit = self.edits.calls.get(id(original_node))
        return edit(updated_node) if edit is not None else updated_node

    def leave_Element(
        self, original_node: cst.Element, updated_node: cst.Element
    ) -> cst.Element | cst.FlattenSentinel[cst.BaseElement]:
        edit = self.edits.elements.get(id(original_node))
        if edit is None:
            return updated_node
        values, joint = edit
        value = updated_node.value
        quote = value.quote if isinstance(value, cst.SimpleString) else made_quote(self.style, None)
        items = [cst.Element(cst.SimpleString(f"{quote}{v}{quote}")) for v in values]
        return cst.FlattenSentinel(_joined(items, joint, updated_node.comma))

    def leave_WithItem(
        self, original_node: cst.WithItem, updated_node: cst.WithItem
    ) -> cst.WithItem | cst.FlattenSentinel[cst.WithItem]:
        edit = self.edits.with_items.get(id(original_node))
        if edit is None:
            return updated_node
        item = updated_node
        if edit.asname is not None:
            item = item.with_changes(asname=cst.AsName(name=cst.Name(edit.asname)))
        items = [item, *(cst.WithItem(cst.parse_expression(text)) for text in edit.extra)]
        return cst.FlattenSentinel(_joined(items, None, item.comma))

    def leave_Decorator(
        self, original_node: cst.Decorator, updated_node: cst.Decorator
    ) -> cst.Decorator | cst.FlattenSentinel[cst.Decorator]:
        extra = self.edits.decorators.get(id(original_node))
        if extra is None:
            return updated_node
        return cst.FlattenSentinel([updated_node, *(
            updated_node.with_changes(decorator=cst.parse_expression(text)) for text in extra)])

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        items = self.edits.bodies.get(id(original_node))
        if items is None or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        return updated_node.with_changes(body=wrapped_body(updated_node.body, items))

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        lines = self.edits.lines.get(id(original_node))
        if lines is not None:
            self.new_lines.update(id(line) for line in lines)
            return cst.FlattenSentinel(lines)
        after = self.edits.after.get(id(original_node))
        if after is None:
            return updated_node
        extra = [cst.parse_statement(text) for text in after]
        return cst.FlattenSentinel([updated_node, *extra])

    def _block(self, original: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
               ) -> list[cst.BaseStatement] | None:
        if not any(id(line) in self.new_lines for line in updated):
            return None
        return merge(updated, self.new_lines, self.style, place=imports_sorted(original))

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        body = self._block(original_node.body, updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._block(original_node.body, updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)


def made_quote(style: Style, beside: cst.BaseExpression | None) -> str:
    """The quote of a string written from nothing (`patch.object(old, "A")` becomes
    `patch("new.A")`): the project's, where a setting names it (`split/quotes.py`), else
    that of the string `beside` it (`"A"`), else the file's own."""
    quote, fixed = style.quote
    if not fixed and isinstance(beside, cst.SimpleString) and beside.quote in ("'", '"'):
        return beside.quote
    return quote or '"'


def rewrite(module: cst.Module, edits: Edits, style: Style) -> cst.Module:
    """The module with every edit applied."""
    return module.visit(_Apply(edits, style))
