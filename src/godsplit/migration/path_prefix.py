"""A string naming the old module, held in a name the file reads as a dotted path's start.

pydantic-settings 2.3.4's `tests/test_sources.py`: `MODULE = 'pydantic_settings.sources'`,
then `mocker.patch(f'{MODULE}.Path.cwd', ...)`. The string alone looks like a logger name
(GS505, left alone), but the patch target reads `Path` through the old module: once
`retire` emptied the facade, six tests failed with "module 'pydantic_settings.sources' has
no attribute 'Path'". Such a string is a use to edit by hand (each name's new module), so
that `migrate --check` reports it and `retire` refuses while it is there.
"""

from __future__ import annotations

import libcst as cst

from .edit import Context


def held_in(ctx: Context, node: cst.SimpleString) -> str | None:
    """The name `node` is assigned to (`MODULE = 'pkg.big'`), or None."""
    parent = ctx.parents.get(node)
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
        return target.value if isinstance(target, cst.Name) else None
    if isinstance(parent, cst.AnnAssign) and parent.value is node:
        return parent.target.value if isinstance(parent.target, cst.Name) else None
    return None


def _text(node: cst.CSTNode | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return node.value if isinstance(node, cst.FormattedStringText) else None


def _is(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def path_start(ctx: Context, name: str) -> cst.CSTNode | None:
    """The first expression of the file reading `name` as the start of a dotted path:
    `f'{name}.attr'`, `name + '.attr'` or `'%s.attr' % name`; None if there is none."""
    for node in ctx.parents:
        if isinstance(node, cst.FormattedString) and len(node.parts) > 1:
            first, second = node.parts[0], node.parts[1]
            if isinstance(first, cst.FormattedStringExpression) and _is(first.expression, name) \
                    and (_text(second) or "").startswith("."):
                return node
        elif isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add) and _is(node.left, name) and (
                    _text(node.right) or "").startswith("."):
                return node
            if isinstance(node.operator, cst.Modulo) and _is(node.right, name) and (
                    _text(node.left) or "").startswith("%s."):
                return node
    return None
