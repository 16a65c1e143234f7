"""One walk over a module for self_receivers.py: the nodes its unbound-use scan reads (each
with the classes and methods around it), how many times the top level binds each name,
the top-level `alias = Name` assignments, the names the top level binds, and the binding
nodes inside each method whose `self` may be typed. It used to walk the module four times
(a LibCST visitor, three walks) and each such method once more: about a tenth of
pyparsing's analysis. getattr_reads.py takes its `global` names from here too.

The walk takes the nodes in the order `nodes.walk` does, so what is collected in order
(the assignments) comes out in the order the separate walks gave.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import libcst as cst

from .class_calls import decorated, first_param
from .nodes import children

_CLASS_FIRST = frozenset({"__new__", "__init_subclass__", "__class_getitem__"})
# the nodes that hold only tokens and whitespace: nothing below them is read
_TRIVIA = frozenset({
    cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.Newline, cst.TrailingWhitespace,
    cst.EmptyLine, cst.Comment, cst.Comma, cst.Dot, cst.Colon, cst.Semicolon, cst.AssignEqual,
    cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace,
})
# what the unbound-use scan reads
EVENTS = (cst.Assign, cst.AssignTarget, cst.Call, cst.Decorator, cst.Attribute)
_EVENTS = frozenset(EVENTS)
# what may bind a method's `self` again (self_receivers._bound_once)
_BINDERS = frozenset({
    cst.Param, cst.Global, cst.Nonlocal, cst.AssignTarget, cst.AugAssign, cst.AnnAssign,
    cst.For, cst.CompFor, cst.NamedExpr, cst.AsName, cst.Del, cst.FunctionDef, cst.ClassDef,
    cst.ImportAlias, cst.MatchAs, cst.MatchStar,
})
_TARGETS = frozenset({cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor,
                      cst.NamedExpr})
_SCOPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda})
_IMPORTS = frozenset({cst.Import, cst.ImportFrom})


class Context(NamedTuple):
    """Around a node: the methods (class, self name) and classes it is in, as the unbound
    scan counts them, and the class parameters (`cls`) of those methods."""

    methods: tuple[tuple[str | None, str | None], ...]
    classes: tuple[str | None, ...]
    class_params: tuple[frozenset[str], ...]


class _State(NamedTuple):
    context: Context
    scoped: bool  # in a def, class or lambda
    imported: bool  # in an import statement
    method: int | None  # id of the method whose `self` may be typed


class _Restore(NamedTuple):
    state: _State


class ModuleScan:
    """What one walk of `module` finds (see the module docstring). `methods`: the ids of
    the methods whose binding nodes are wanted."""

    def __init__(self, module: cst.Module, methods: set[int]) -> None:
        self.events: list[tuple[cst.CSTNode, Context]] = []
        self.binds: Counter[str] = Counter(
            s.name.value for s in module.body if isinstance(s, (cst.FunctionDef, cst.ClassDef)))
        self.assigns: list[cst.Assign] = []  # top-level `x = Name` (not in a def or class)
        self.top_names = {s.name.value for s in module.body
                          if isinstance(s, (cst.FunctionDef, cst.ClassDef))}
        self.binders: dict[int, list[cst.CSTNode]] = {m: [] for m in methods}
        self.declared: set[str] = set()  # the names of every `global` statement
        self._walk(module, methods)

    def _walk(self, module: cst.Module, methods: set[int]) -> None:
        state = _State(Context((), (), ()), False, False, None)
        stack: list[cst.CSTNode | _Restore] = [module]
        events, binders = self.events, self.binders
        while stack:
            node = stack.pop()
            if isinstance(node, _Restore):
                state = node.state
                continue
            kind = type(node)
            if kind in _EVENTS:
                events.append((node, state.context))
            if state.method is not None and kind in _BINDERS:
                binders[state.method].append(node)
            if kind is cst.Global:  # at any depth: bound at call time, to anything
                assert isinstance(node, cst.Global)
                self.binds.update(2 * [item.name.value for item in node.names])
                self.declared.update(item.name.value for item in node.names)
            elif not state.scoped:
                self._top(node, kind, state.imported)
            if kind in _SCOPES or kind in _IMPORTS:
                stack.append(_Restore(state))
                state = self._enter(node, state, methods)
            stack.extend(c for c in children(node) if type(c) not in _TRIVIA)

    def _top(self, node: cst.CSTNode, kind: type, imported: bool) -> None:
        """A node outside any def, class or lambda."""
        if kind is cst.ImportAlias:  # names the top level binds: `_top_names`
            assert isinstance(node, cst.ImportAlias)
            alias = node.asname.name if node.asname else node.name
            if isinstance(alias, cst.Name):
                self.top_names.add(alias.value)
        if kind is cst.AssignTarget:
            assert isinstance(node, cst.AssignTarget)
            if isinstance(node.target, cst.Name):
                self.top_names.add(node.target.value)
        if kind is cst.Assign:
            assert isinstance(node, cst.Assign)
            if isinstance(node.value, cst.Name):
                self.assigns.append(node)
        if imported:
            return
        target: cst.CSTNode | None = None
        if kind in _TARGETS:
            target = node.target  # type: ignore[attr-defined]
        elif kind is cst.AsName:
            assert isinstance(node, cst.AsName)
            target = node.name
        if target is not None:
            self.binds.update(bound_names(target))  # not `x` or `attr` of `x.attr = ...`

    @staticmethod
    def _enter(node: cst.CSTNode, state: _State, methods: set[int]) -> _State:
        """The state inside a def, class, lambda or import."""
        if isinstance(node, (cst.Import, cst.ImportFrom)):
            return state._replace(imported=True)
        context = state.context
        if isinstance(node, cst.ClassDef):
            context = context._replace(
                classes=(*context.classes, node.name.value if not context.methods else None))
        elif isinstance(node, cst.FunctionDef):
            owner = body_of(context)
            this = first_param(node) if owner else None
            params = frozenset({this}) if this and (
                decorated(node, "classmethod") or node.name.value in _CLASS_FIRST) else frozenset()
            context = Context((*context.methods, (owner, this)), context.classes,
                              (*context.class_params, params))
        method = id(node) if id(node) in methods else state.method
        return _State(context, True, state.imported, method)


def body_of(context: Context) -> str | None:
    """The class whose body (not a method's) is being visited."""
    if context.classes and len(context.classes) > len(context.methods):
        return context.classes[-1]
    return None


def bound_names(target: cst.BaseExpression | cst.CSTNode) -> set[str]:
    """The names a target binds (not `x` of `x.a = ...` or `x[k] = ...`)."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {n for e in target.elements for n in bound_names(e.value)}
    if isinstance(target, cst.StarredElement):
        return bound_names(target.value)
    return set()
