"""A string naming the old module, held in a name the file passes as a dotted path's start.

pydantic-settings 2.3.4's `tests/test_sources.py`: `MODULE = 'pydantic_settings.sources'`,
then `mocker.patch(f'{MODULE}.Path.cwd', ...)`. The string alone looks like a logger name
(GS505, left alone), but the patch target reads `Path` through the old module: once
`retire` emptied the facade, six tests failed with "module 'pydantic_settings.sources' has
no attribute 'Path'". Such a string is a use to edit by hand (each name's new module), so
that `migrate --check` reports it and `retire` refuses while it is there. Only a call's
first argument counts: a route's key (`f"{JOURNAL}.update_*"` in `task_routes`) or a task's
name given to `send_task` matches task names, which stay.
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


# calls whose first argument names a task or a logger, not a path read through a module
_NAMES = frozenset({"send_task", "signature", "getLogger", "getChild"})


def _called(ctx: Context, node: cst.CSTNode) -> bool:
    """Whether `node` is the first argument of a call (`mock.patch(...)`, `import_string`),
    not of one taking a task's or a logger's name; a route's key (`task_routes`) is none."""
    arg = ctx.parents.get(node)
    call = ctx.parents.get(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or not call.args or call.args[0] is not arg:
        return False
    func = call.func
    called = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    return called not in _NAMES


def path_start(ctx: Context, name: str) -> cst.CSTNode | None:
    """The first call argument of the file reading `name` as the start of a dotted path:
    `f'{name}.attr'`, `name + '.attr'` or `'%s.attr' % name`; None if there is none."""
    for node in (n for n in ctx.parents if _called(ctx, n)):
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
