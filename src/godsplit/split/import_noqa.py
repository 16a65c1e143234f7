"""Targeted `# noqa: F401` on the imports a split keeps that nothing reads.

A facade keeps the god file's imports (`old.os` is still there) and a new module keeps
those only a type alias reads: each name is written in the form linters take as
intentional (`import os as os`) or, where no such form exists (`import a.b`, `import a
as b`), marked name by name (`explicit`, `hint_noqa`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import libcst as cst

from .imports import ONE_LINE, bound_name, fix_commas, trimmed
from .loop_shadows import noqa_comment

if TYPE_CHECKING:
    from .style import Style


class _Explicit(cst.CSTTransformer):
    def __init__(self, used: Collection[str]) -> None:
        self.used = used
        self.noqa: list[cst.ImportAlias] = []  # unused `import a.b` or `a as b`: no `X as X`

    def leave_ImportAlias(
        self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias
    ) -> cst.ImportAlias:
        if bound_name(updated_node) in self.used:
            return updated_node
        asname = updated_node.asname
        name = updated_node.name
        if asname is None and isinstance(name, cst.Name):
            return updated_node.with_changes(asname=cst.AsName(name=cst.Name(name.value)))
        if not (asname is not None and isinstance(name, cst.Name)
                and isinstance(asname.name, cst.Name) and asname.name.value == name.value):
            self.noqa.append(updated_node)
        return updated_node


def explicit(
    stmt: cst.BaseStatement, used: Collection[str], style: Style | None = None, noqa: bool = True
) -> tuple[cst.BaseStatement, list[cst.SimpleStatementLine]]:
    """Kept imports whose names nothing reads, in the form linters and type checkers take
    as intentional: `import os as os`, `from m import a as a`. An unused dotted `import
    a.b` or `import a as b` cannot take that form: it gets a targeted `# noqa: F401`, on
    statements of their own when the line imports other names (returned second), so a
    sorter that splits the line cannot move the comment to another name: one statement a
    name, each with its comment, unless the project's sorter combines `as` imports,
    which keeps one `from` statement and its comment on its first line (not `noqa`: F401 is off)."""
    combine_as = style is not None and style.combine_as and not style.force_single_line
    visitor = _Explicit(used)
    result = stmt.visit(visitor)
    assert isinstance(result, cst.BaseStatement)
    if not (visitor.noqa and noqa) or not isinstance(result, cst.SimpleStatementLine):
        return result, []
    small = result.body[0]
    if len(result.body) != 1 or not isinstance(small, (cst.Import, cst.ImportFrom)) or (
            isinstance(small.names, cst.ImportStar)):
        return _noqa(result), []
    flagged = {id(a) for a in visitor.noqa}
    keep = [a for a in small.names if id(a) not in flagged]
    moved = [a for a in small.names if id(a) in flagged]
    # isort and ruff's isort write `import a as b, c as d` and, without combine-as-imports,
    # `from m import a as b, c as d` one statement a name; the comment stayed on the first
    groups = [moved] if combine_as and isinstance(small, cst.ImportFrom) else [[a] for a in moved]
    if not keep and len(groups) == 1:
        return _noqa(result), []
    # one line each (a sorter wraps them): written `(\n    a as b)` the comment came
    # after the `)`, where isort does not merge the statement as it does once the
    # line is written (combine_as_imports: `isort --check` failed)
    lines = [cst.SimpleStatementLine(body=[trimmed(small, group, ONE_LINE)]) for group in groups]
    if not keep:
        first = result.with_changes(body=[trimmed(small, groups[0], ONE_LINE)])
        return _noqa(first), [_noqa(line) for line in lines[1:]]
    first = result.with_changes(body=[trimmed(small, keep, ONE_LINE)])
    return first, [_noqa(line) for line in lines]


def _noqa(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    trailing = line.trailing_whitespace
    comment = noqa_comment(trailing.comment.value if trailing.comment else "", "F401")
    return line.with_changes(trailing_whitespace=trailing.with_changes(
        whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(comment)))


class _Hints(cst.CSTTransformer):
    def __init__(self, names: Collection[str]) -> None:
        self.names = names

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        small = updated_node.body[0]
        if len(updated_node.body) != 1 or not isinstance(small, (cst.Import, cst.ImportFrom)) or (
                isinstance(small.names, cst.ImportStar)):
            return updated_node
        hinted = [a for a in small.names if bound_name(a) in self.names]
        rest = [a for a in small.names if bound_name(a) not in self.names]
        if not hinted:
            return updated_node
        if not rest:
            return _noqa(updated_node)
        alone = cst.SimpleStatementLine(body=[small.with_changes(
            names=fix_commas(hinted), lpar=None, rpar=None) if isinstance(
                small, cst.ImportFrom) else small.with_changes(names=fix_commas(hinted))],
            trailing_whitespace=updated_node.trailing_whitespace)  # its E402 noqa too
        return cst.FlattenSentinel([
            updated_node.with_changes(body=[small.with_changes(names=fix_commas(rest))]),
            _noqa(alone)])


def hint_noqa(text: str, names: Collection[str]) -> str:
    """Imports of `names` (which the module needs only for `typing.get_type_hints`: a type
    alias it reads holds them in strings, its text never names them) on statements of
    their own, with a targeted `# noqa: F401`: linters would report them unused and a
    fixer would delete them. Not `X as X`: ruff's defaults report that (PLC0414), and
    pyflakes takes no `X as X` as used. Sorters keep the comment with the name."""
    if not names or not text.strip():
        return text
    module = cst.parse_module(text)
    return module.visit(_Hints(names)).code
