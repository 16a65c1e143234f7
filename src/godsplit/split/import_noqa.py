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
from .nodes import target_names, walk

if TYPE_CHECKING:
    from pathlib import Path

    from .style import Style


def reports_unused(style: Style | None, path: Path) -> bool:
    """Whether a linter of the project reports F401 in `path` (per-file-ignores may not)."""
    linters = [] if style is None else [r for r in (style.ruff, style.flake8) if r is not None]
    return not linters or any(r.enables("F401", path) for r in linters)


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
    which keeps one `from` statement and its comment on its first line (not `noqa`: F401 is off).
    In a block (`try: import json as sshtunnel` / `except ImportError: ...`), each import
    line is marked so, in place, but for a name a later binding in the block rebinds (the
    handler's `sshtunnel = None`): ruff and pyflakes report that one unused only there."""
    combine_as = style is not None and style.combine_as and not style.force_single_line
    visitor = _Explicit(used)
    result = stmt.visit(visitor)
    assert isinstance(result, cst.BaseStatement)
    if not (visitor.noqa and noqa):
        return result, []
    flagged = {id(a) for a in visitor.noqa}
    if not isinstance(result, cst.SimpleStatementLine):
        marked = result.visit(_InBlock(flagged - rebound_later(result), combine_as))
        assert isinstance(marked, cst.BaseStatement)
        return marked, []
    first, extra = _marked(result, flagged, combine_as)
    return first, extra


class _InBlock(cst.CSTTransformer):
    """`explicit`'s marks on the import lines of a block (not in its defs and classes)."""

    def __init__(self, flagged: set[int], combine_as: bool) -> None:
        self.flagged = flagged
        self.combine_as = combine_as

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        if not any(id(node) in self.flagged for node in walk(original_node)):
            return updated_node  # (the aliases are `result`'s: the original nodes here)
        first, extra = _marked(original_node, self.flagged, self.combine_as)
        return cst.FlattenSentinel([first, *extra]) if extra else first


def _marked(line: cst.SimpleStatementLine, flagged: set[int], combine_as: bool
            ) -> tuple[cst.SimpleStatementLine, list[cst.SimpleStatementLine]]:
    """`line` with `# noqa: F401` for its aliases in `flagged`, and the lines of their own
    they go to when it imports other names too (see `explicit`)."""
    small = line.body[0]
    if len(line.body) != 1 or not isinstance(small, (cst.Import, cst.ImportFrom)) or (
            isinstance(small.names, cst.ImportStar)):
        return _noqa(line), []
    keep = [a for a in small.names if id(a) not in flagged]
    moved = [a for a in small.names if id(a) in flagged]
    # isort and ruff's isort write `import a as b, c as d` and, without combine-as-imports,
    # `from m import a as b, c as d` one statement a name; the comment stayed on the first
    groups = [moved] if combine_as and isinstance(small, cst.ImportFrom) else [[a] for a in moved]
    if not keep and len(groups) == 1:
        return _noqa(line), []
    # one line each (a sorter wraps them): written `(\n    a as b)` the comment came
    # after the `)`, where isort does not merge the statement as it does once the
    # line is written (combine_as_imports: `isort --check` failed)
    lines = [cst.SimpleStatementLine(body=[trimmed(small, group, ONE_LINE)]) for group in groups]
    if not keep:
        first = line.with_changes(body=[trimmed(small, groups[0], ONE_LINE)])
        return _noqa(first), [_noqa(other) for other in lines[1:]]
    first = line.with_changes(body=[trimmed(small, keep, ONE_LINE)])
    return first, [_noqa(other) for other in lines]


class _Bindings(cst.CSTVisitor):
    """The names a statement binds at its own level, in source order: `(name, alias)`,
    with the import alias that binds it or None (an assignment, a loop, `as`, a def)."""

    def __init__(self) -> None:
        self.found: list[tuple[str, cst.ImportAlias | None]] = []

    def _names(self, target: cst.BaseExpression | None) -> None:
        self.found += [(name, None) for name in sorted(target_names(target))]

    def visit_ImportAlias(self, node: cst.ImportAlias) -> bool:
        self.found.append((bound_name(node), node))
        return False  # (its `as b` is this binding)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._names(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._names(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._names(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:  # `with ... as x`, `except E as x`
        self._names(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._names(node.target)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.found.append((node.name.value, None))
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.found.append((node.name.value, None))
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_CompFor(self, node: cst.CompFor) -> bool:  # a comprehension's own scope
        return False


def rebound_later(stmt: cst.CSTNode) -> set[int]:
    """The ids of the import aliases in `stmt` whose name a later binding in `stmt` binds
    again (`try: import a as b` / `except ImportError: b = None`, `if X: import a as b` /
    `else: import c as b`): pyflakes and ruff report an unused import only where it is
    the name's last binding, so a `# noqa: F401` there would be unused (RUF100)."""
    visitor = _Bindings()
    stmt.visit(visitor)
    out: set[int] = set()
    for index, (name, alias) in enumerate(visitor.found):
        if alias is not None and any(other == name for other, _ in visitor.found[index + 1:]):
            out.add(id(alias))
    return out


def _noqa(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    """`line` with `# noqa: F401`: after the `(` of a parenthesized import written over
    lines, where ruff and flake8 look for it (after the `)`, as in discord's kept `if
    TYPE_CHECKING:` import, pyflakes' mark came on the first line too: RUF100), else at
    the end of the line."""
    trailing = line.trailing_whitespace
    small = line.body[0]
    after = small.lpar.whitespace_after if isinstance(small, cst.ImportFrom) and (
        small.lpar is not None) else None
    if isinstance(after, cst.ParenthesizedWhitespace) and trailing.comment is None:
        first = after.first_line
        comment = noqa_comment(first.comment.value if first.comment else "", "F401")
        assert isinstance(small, cst.ImportFrom) and small.lpar is not None
        return line.with_changes(body=[small.with_changes(lpar=small.lpar.with_changes(
            whitespace_after=after.with_changes(first_line=first.with_changes(
                whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(comment)))))])
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
