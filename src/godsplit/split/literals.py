"""Constant literals: lists, tuples, sets and dicts made only of numbers, strings and such
containers (generated tables: unicode data, lexer tables, pygments' `_mapping.py`).

Such a literal holds no name, call, attribute, operator or scope, so the passes that look
only for those need not enter it: LibCST's visitors take about 20 microseconds a node,
and a 100,000-element table on one line is half a million nodes. `constant_literal` is
checked without visiting (attribute reads only) and iteratively (no recursion depth).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from .node_kinds import Kinds

_LEAVES = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)
_SEQUENCES = (cst.List, cst.Tuple, cst.Set)
_CONTAINERS = (*_SEQUENCES, cst.Dict)
_is_container = Kinds(*_CONTAINERS)
_KEYWORDS = frozenset({"None", "True", "False"})
# every node type that can sit inside a constant literal: a search for any other type
# (a Call, a Name, an Attribute...) may skip such literals
_INSIDE: tuple[type[cst.CSTNode], ...] = (
    *_LEAVES, *_CONTAINERS, cst.Name, cst.ConcatenatedString, cst.Element, cst.DictElement,
    cst.Comma, cst.Colon, cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace,
    cst.RightCurlyBrace, cst.LeftParen, cst.RightParen, cst.SimpleWhitespace,
    cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Comment,
    cst.Newline,
)


def constant_literal(node: cst.CSTNode) -> bool:
    """A list, tuple, set or dict whose elements are all numbers, strings (not f-strings),
    `None`, `True`, `False` or such containers, at any depth: no `*x` or `**x`, no other
    name, no operator (not even `-1`)."""
    if not _is_container(node):  # (asked of every node a pass visits)
        return False
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, _LEAVES) or (
                isinstance(current, cst.Name) and current.value in _KEYWORDS):
            continue
        if isinstance(current, cst.ConcatenatedString):
            stack += (current.left, current.right)
        elif isinstance(current, _SEQUENCES):
            for element in current.elements:
                if not isinstance(element, cst.Element):
                    return False
                stack.append(element.value)
        elif isinstance(current, cst.Dict):
            for item in current.elements:
                if not isinstance(item, cst.DictElement):
                    return False
                stack += (item.key, item.value)
        else:
            return False
    return True


def may_skip_for(kinds: tuple[type[cst.CSTNode], ...]) -> bool:
    """Whether a search for nodes of `kinds` may skip constant literals: none of those
    types (or their subclasses) can be inside one."""
    return not any(issubclass(inside, kind) for inside in _INSIDE for kind in kinds)


def accessed_in(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The strings (and concatenations) and names (`None`) in a constant literal: what
    LibCST's scope analysis may hold as an access, so the node index still places them."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.SimpleString, cst.ConcatenatedString, cst.Name)):
            yield current
        if isinstance(current, cst.ConcatenatedString):
            stack += (current.left, current.right)
        elif isinstance(current, _SEQUENCES):
            stack += (e.value for e in current.elements)
        elif isinstance(current, cst.Dict):
            for item in current.elements:
                if isinstance(item, cst.DictElement):
                    stack += (item.key, item.value)


class SkipsTables(cst.CSTVisitor):
    """A visitor that does not enter constant literals (it visits them): for searches of
    calls, names and attributes."""

    def on_visit(self, node: cst.CSTNode) -> bool:
        return not constant_literal(node) and super().on_visit(node)


def walk_code(node: cst.CSTNode, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """`nodes.walk` that does not enter constant literals (it yields them): for searches of
    calls, names and attributes."""
    from .nodes import walk

    return walk(node, into_scopes, lambda n: not constant_literal(n))


def walk_statements(node: cst.CSTNode, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """`nodes.walk` that does not enter expressions or small statements (it yields them):
    no statement is inside one, so a search for imports or assignments need not."""
    from .nodes import walk

    return walk(node, into_scopes, lambda n: not isinstance(
        n, (cst.BaseExpression, cst.BaseSmallStatement)))
