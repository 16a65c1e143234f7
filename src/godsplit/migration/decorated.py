"""A patch decorator whose name is looked up in several new modules, for `migrate`.

`@mock.patch("old.settings")` gives the test one mock; after the split `settings` is
looked up in `pkg.old.a` and `pkg.old.b`, and a decorator cannot hand its mock to a
second patch. Where the parameter that receives the mock is known, the decorator
patches the first module and the test's body runs inside `with mock.patch("pkg.old.b.
settings", m_settings):`, which patches every further module with the same mock
(edx-enterprise: 48 such decorators kept `retire` refused, each needing this hand edit).

The parameter is known when every decorator of the function is a patch (each that is
given no replacement object appends its mock to the positional arguments, the innermost
first) or one known to pass nothing (a pytest mark, `override_settings`, freezegun's
`freeze_time` without `as_arg`, `responses.activate`, unittest's skips), and the function is a
method (after `self`) or a plain function. Anything else (ddt's `@data`, which passes its
values first; `@staticmethod`; a parameter the mock would reach through `*args`; a body
that would pass the project's line limit one level deeper) stays a hand edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ..split.references import _call_name

if TYPE_CHECKING:
    from .edit import Context

_PASSES_NOTHING = frozenset({"dict"})  # `patch.dict` passes no argument
# decorators that pass the test no argument: Django's settings overrides, responses' and
# freezegun's (without `as_arg`/`as_kwarg`), unittest's skips (edx-enterprise's tests)
_ARGLESS = frozenset({"override_settings", "modify_settings", "activate", "freeze_time",
                      "skip", "skipIf", "skipUnless", "expectedFailure"})


def new_value(call: cst.Call, skip: int) -> cst.BaseExpression | None:
    """The replacement object a patch call was given (`new`, after `skip` arguments)."""
    for index, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == "new":
            return arg.value
        if arg.keyword is None and index == skip and arg.star == "":
            return arg.value
    return None


def _passes_mock(decorator: cst.Decorator) -> bool | None:
    """Whether a decorator appends a mock to the arguments: True, False (a pytest mark,
    `patch.dict`, a patch given its replacement), or None when not known."""
    expr = decorator.decorator
    call = expr if isinstance(expr, cst.Call) else None
    func = call.func if call is not None else expr
    text = cst.Module([]).code_for_node(func)
    if text.startswith(("pytest.mark.", "mark.")):
        return False
    last = text.rpartition(".")[2]
    if last in _ARGLESS and not (call is not None and any(
            a.keyword is not None and a.keyword.value in ("as_arg", "as_kwarg") for a in call.args)):
        return False
    if call is None:
        return None
    if isinstance(func, cst.Attribute) and func.attr.value in _PASSES_NOTHING and (
            _call_name(func.value)[0] == "patch"):
        return False
    name, object_form = _call_name(func)
    if name != "patch" or any(a.star for a in call.args):
        return None
    return new_value(call, 2 if object_form else 1) is None


def mock_parameter(ctx: Context, decorator: cst.Decorator) -> str | None:
    """The parameter of the decorated function that receives `decorator`'s mock, if known."""
    function = ctx.parents.get(decorator)
    if not isinstance(function, cst.FunctionDef) or not isinstance(function.body, cst.IndentedBlock):
        return None
    passes = [_passes_mock(d) for d in function.decorators]
    if any(p is None for p in passes) or not passes[function.decorators.index(decorator)]:
        return None
    below = sum(1 for d, p in zip(function.decorators, passes, strict=True)
                if p and function.decorators.index(d) > function.decorators.index(decorator))
    block = ctx.parents.get(function)
    method = isinstance(block, cst.IndentedBlock) and isinstance(ctx.parents.get(block), cst.ClassDef)
    params = [*function.params.posonly_params, *function.params.params]
    index = int(method) + below
    if index >= len(params) or params[index].default is not None:
        return None
    return params[index].name.value


def body_fits(ctx: Context, function: cst.FunctionDef, limit: int) -> bool:
    """No line of the function's body that fits `limit` (where the project's linters
    report a line too long, else its formatter's line length) passes it one level deeper."""
    code = ctx.code(function.body)
    return not any(len(line) <= limit < len(line) + 4 for line in code.splitlines())


def wrapped_body(body: cst.IndentedBlock, items: list[str]) -> cst.IndentedBlock:
    """`body` inside `with <items>:` (its docstring, if any, stays first)."""
    lines = list(body.body)
    head = []
    first = lines[0] if lines else None
    if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr) and (
            isinstance(first.body[0].value, cst.BaseString)):
        head, lines = [first], lines[1:]
    if not lines:
        return body
    leading = getattr(lines[0], "leading_lines", ())
    lines[0] = lines[0].with_changes(leading_lines=())
    with_items = [cst.WithItem(cst.parse_expression(text)) for text in items]
    with_items = [item.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                  if i < len(with_items) - 1 else item for i, item in enumerate(with_items)]
    wrapped = cst.With(items=with_items, body=cst.IndentedBlock(body=lines),
                       leading_lines=leading)
    return body.with_changes(body=[*head, wrapped])
