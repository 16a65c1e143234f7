"""Calls that `migrate` pushed over the project's line limit, written one argument a line.

A rewritten patch target or module path is longer than the old one
(`mock.patch('app.tasks.client', ...)` becomes `mock.patch('app.tasks.index.client', ...)`):
on a line that fit the project's limit before, the rewrite alone can make a linter report it
(enterprise-catalog: pylint's C0301 at 120, 17 decorators and `with` items of its tests). A
project with a formatter gets its formatter's wrapping (`sorting.as_the_project_writes`);
without one, the outermost call of such a line is written as black writes a call that does
not fit: each argument on its own line, one level deeper, a trailing comma, the closing
parenthesis at the statement's indentation. Only where that is plainly safe: the statement
(or decorator, or compound statement's header) is that one line, or the line is a `with`
item's call on a line of the header that starts at the statement's indentation (the patch
`migrate` adds for a second module: `) as m, mock.patch(...):`), and the line has no
comment (a `# pylint: disable=` or `# noqa` must stay on the line it names). On such a
`with` line, every item's call is written so, not the first only (round 30: buku's
`mock.patch('buku.sys')`, read in six modules, became six patches on one 200-column line).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..split.style import Style


def line_limit(style: Style) -> int | None:
    """The line length the project's configured linters report over (None: no such
    check, or no linter configured: godsplit's own assumption of ruff's defaults is no
    reason to rewrap a project's code)."""
    limits = [style.lint_line_length] if style.lint_line_length and style.files else []
    if style.pylint is not None and style.pylint.reports("line-too-long"):
        limits.append(style.pylint.max_line_length)
    return min(limits) if limits else None


def wrap_long_calls(before: str, after: str, limit: int) -> str:
    """`after` with the outermost call of each line the rewrite made longer than `limit`
    written one argument a line; `after` itself when there is none or it cannot be
    parsed."""
    was_long = {line.strip() for line in before.splitlines() if len(line) > limit}
    long = {number for number, line in enumerate(after.splitlines(), 1)
            if len(line) > limit and line.strip() not in was_long and "#" not in line}
    if not long:
        return after
    try:
        wrapper = MetadataWrapper(cst.parse_module(after))
    except cst.ParserSyntaxError:
        return after
    finder = _Outermost(long, after.splitlines())
    wrapper.visit(finder)
    if not finder.calls:
        return after
    module = wrapper.module
    return module.visit(_Explode(finder.calls, module.default_indent)).code


class _Outermost(cst.CSTVisitor):
    """The outermost call with arguments on each of `lines`, in a statement, decorator or
    compound header that is that line alone."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lines: set[int], text: list[str]) -> None:
        self.lines = lines
        self.text = text
        self.calls: set[int] = set()
        self._taken: set[int] = set()
        self._headers: set[int] = set()  # lines that are a whole statement or header
        self._items: set[int] = set()  # one-line calls of `with` items on such a line

    def visit_Call(self, node: cst.Call) -> None:
        where = self.get_metadata(PositionProvider, node)
        line = where.start.line
        if where.end.line != line:
            self._broken(node, line, where.end.line)
            return
        if id(node) in self._items and line in self.lines:
            self.calls.add(id(node))  # every patch of a long `with` line, not the first only
            return
        if line in self._taken:
            return
        self._taken.add(line)  # the outermost call decides: inner ones are never wrapped
        if line in self.lines and line in self._headers and node.args and not any(
                isinstance(a.value, cst.GeneratorExp) and not a.value.lpar for a in node.args):
            self.calls.add(id(node))  # `f(x for x in y)` takes no trailing comma

    def _broken(self, node: cst.Call, first: int, last: int) -> None:
        """A call already written over several lines, broken after its `(`, with a long
        line holding two or more of its arguments (license-manager: `@mock.patch(` then
        `'app.tasks.bulk.Job.upload', return_value="..."` over 120): each argument gets
        its own line, when no comment is in the call (a comma's line may hold one)."""
        if not isinstance(node.whitespace_before_args, cst.ParenthesizedWhitespace) or any(
                "#" in code for code in self.text[first - 1:last]):
            return
        starts = [self.get_metadata(PositionProvider, a).start.line for a in node.args]
        if any(starts.count(line) > 1 for line in self.lines if first < line < last):
            self.calls.add(id(node))

    def _header(self, node: cst.CSTNode, end: cst.CSTNode | None = None) -> None:
        start = self.get_metadata(PositionProvider, node).start.line
        last = self.get_metadata(PositionProvider, end or node).end.line
        if start == last and start in self.lines:
            self._headers.add(start)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._header(node)

    def visit_Decorator(self, node: cst.Decorator) -> None:
        self._header(node)

    def visit_With(self, node: cst.With) -> None:
        self._header(node, node.items[-1])
        column = self.get_metadata(PositionProvider, node).start.column
        for item in node.items:  # `) as a, mock.patch(...):`, the last line of a header
            where = self.get_metadata(PositionProvider, item.item)
            line = where.start.line
            code = self.text[line - 1]
            if where.end.line == line and len(code) - len(code.lstrip()) == column:
                self._headers.add(line)
        for item in node.items:  # buku: six patches of `sys` on one line of 200 columns
            where = self.get_metadata(PositionProvider, item.item)
            if isinstance(item.item, cst.Call) and item.item.args and where.start.line == (
                    where.end.line) and where.start.line in self._headers:
                self._items.add(id(item.item))


class _Explode(cst.CSTTransformer):
    """Each call of `calls` with one argument a line, black's layout."""

    def __init__(self, calls: set[int], indent: str) -> None:
        self.calls = calls
        self.indent = indent

    def _break(self, deeper: bool) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True,
            last_line=cst.SimpleWhitespace(self.indent if deeper else ""))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if id(original_node) not in self.calls:
            return updated_node
        args = list(updated_node.args)
        for i, arg in enumerate(args):
            last = i == len(args) - 1
            args[i] = arg.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""), comma=cst.Comma(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=self._break(deeper=not last)))
        return updated_node.with_changes(whitespace_before_args=self._break(deeper=True),
                                         args=args)
