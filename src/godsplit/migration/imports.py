"""The one place `migrate` writes import statements: render, order and merge them.

An import is held as `Alias` items (name, alias, the comments around it) so a statement
can be split by new module, merged with another, and rendered again without losing a
comment: short statements without comments go on one line, others are parenthesised one
name per line. Statements made from one original are ordered by module name, and a new
`from m import ...` joins an earlier one-line import of the same module when the result
still fits (`order`). Issue 12 (a project-aware sorter: isort/ruff settings)
plugs in here and there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

if TYPE_CHECKING:
    from ..split.style import Style as SplitStyle

# Comments that speak about their own line: kept on every statement a line becomes.
PRAGMA = re.compile(r"#\s*(noqa|type:|pyright:|isort:|pylint:|nosec|pragma|mypy:)", re.I)


@dataclass(frozen=True)
class Style:
    """What the project's formatter and isort settings say about imports: the line length,
    and whether each imported name gets its own statement (`force-single-line`)."""

    line_length: int = 88
    single_line: bool = False
    limit: int | None = None  # where the project's linters report a line too long (if any)
    # the quote of a string migrate writes from nothing (`patch.object(old, "A")` becomes
    # `patch("new.A")`), and whether a setting names it (else the string beside it decides)
    quote: tuple[str, bool] = ('"', False)


def project_style(root: Path) -> Style:
    """The project's line length and `force-single-line`, as `split/style.py` reads them
    (ruff, isort, black; from `root` up to the repository root)."""
    from ..split.style import detect_style

    return migrate_style(detect_style(root))


def migrate_style(found: SplitStyle, text: str = "") -> Style:
    """What `migrate` needs of a project's style (`split/style.py`'s), for a file of
    `text` (its quote, where the project's tools keep the quotes they find)."""
    from ..split.quotes import new_quote
    from .long_lines import line_limit

    return Style(found.line_length, found.force_single_line, line_limit(found),
                 new_quote(found, text))


@dataclass(frozen=True)
class Alias:
    """One imported name, with the comments that belong to it."""

    name: str
    asname: str | None = None
    comment: str | None = None  # on its line
    before: tuple[str, ...] = ()  # own-line comments above it

    @property
    def text(self) -> str:
        return f"{self.name} as {self.asname}" if self.asname else self.name

    @property
    def bound(self) -> str:
        return self.asname or self.name.partition(".")[0]


@dataclass(frozen=True)
class FromImport:
    """`from <dots><module> import <aliases>`, with the comments of the original."""

    dots: int
    module: str  # "" for `from . import x`
    aliases: tuple[Alias, ...]
    head: str | None = None  # comment after `(`
    tail: tuple[str, ...] = ()  # own-line comments before `)`

    @property
    def target(self) -> str:
        return "." * self.dots + self.module

    def key(self) -> tuple[str, str]:
        return (self.target.lower(), self.target)


@dataclass(frozen=True)
class PlainImport:
    """`import <module> [as <asname>]`."""

    module: str
    asname: str | None = None

    @property
    def target(self) -> str:
        return self.module

    def key(self) -> tuple[str, str]:
        return (self.module.lower(), self.module)


Statement = FromImport | PlainImport


def _comments(ws: cst.BaseParenthesizableWhitespace | None) -> tuple[str | None, list[str]]:
    """The comment ending the line, and own-line comments, of a stretch of whitespace."""
    if not isinstance(ws, cst.ParenthesizedWhitespace):
        return None, []
    first = ws.first_line.comment.value if ws.first_line.comment else None
    return first, [line.comment.value for line in ws.empty_lines if line.comment]


def dotted(node: cst.BaseExpression | None) -> str:
    return cst.helpers.get_full_name_for_node_or_raise(node) if node is not None else ""


def read_from(node: cst.ImportFrom) -> FromImport:
    """The aliases of a (non-star) from-import with every comment inside its parentheses."""
    assert not isinstance(node.names, cst.ImportStar)
    head, pending = _comments(node.lpar.whitespace_after if node.lpar else None)
    aliases: list[Alias] = []
    for alias in node.names:
        comma = alias.comma
        comment, lines = _comments(comma.whitespace_after if isinstance(comma, cst.Comma) else None)
        asname = alias.asname.name if alias.asname else None
        aliases.append(Alias(dotted(alias.name), dotted(asname) if asname else None, comment,
                             tuple(pending)))
        pending = lines
    if node.rpar is not None:
        comment, lines = _comments(node.rpar.whitespace_before)
        if comment and aliases[-1].comment is None and not pending:
            aliases[-1] = replace(aliases[-1], comment=comment)
        elif comment:
            pending.append(comment)
        pending += lines
    return FromImport(len(node.relative), dotted(node.module), tuple(aliases), head, tuple(pending))


def render(statement: Statement, style: Style, trailing: str = "", indent: int = 0) -> str:
    """The statement's text (one line, or parenthesised one name per line), with `trailing`
    (a comment, with its leading spaces) after its first line; `indent`: the columns
    before it (an import inside a function)."""
    if isinstance(statement, PlainImport):
        as_text = f" as {statement.asname}" if statement.asname else ""
        return f"import {statement.module}{as_text}{trailing}\n"
    start = f"from {statement.target} import "
    room = style.line_length - indent  # the columns the statement has after its indent
    names = ", ".join(a.text for a in statement.aliases)
    alone = statement.aliases[0] if len(statement.aliases) == 1 else None
    if alone is not None and alone.comment and not (statement.head or statement.tail or alone.before) \
            and not trailing and len(start) + len(names) <= room:
        return f"{start}{names}  {alone.comment}\n"
    commented = statement.head or statement.tail or any(a.comment or a.before for a in statement.aliases)
    if not commented and len(start) + len(names) + len(trailing) <= room:
        return f"{start}{names}{trailing}\n"
    # the line's comment stays on the statement's first line, where flake8 and mypy read
    # a statement's pragma (isort puts it there too)
    first = "  " + statement.head if statement.head else trailing
    lines = [f"{start}({first}\n"]
    for alias in statement.aliases:
        lines.extend(f"    {comment}\n" for comment in alias.before)
        lines.append(f"    {alias.text},{'  ' + alias.comment if alias.comment else ''}\n")
    lines.extend(f"    {comment}\n" for comment in statement.tail)
    return "".join(lines) + f"){trailing if statement.head else ''}\n"


def replacement(
    original: cst.SimpleStatementLine, parts: Sequence[Statement], style: Style, indent: int = 0
) -> list[cst.SimpleStatementLine]:
    """The lines that replace `original` (a one-statement import line): ordered by module,
    the original's leading comments on the first, its trailing comment on the first (a
    pragma such as `# noqa` on each)."""
    if style.single_line:
        parts = [single for part in parts for single in _one_per_name(part)]
    ordered = sorted(parts, key=lambda p: p.key())
    trailing = original.trailing_whitespace
    comment = trailing.comment.value if trailing.comment else None
    out = []
    for index, part in enumerate(ordered):
        keep = comment if comment and (index == 0 or PRAGMA.match(comment)) else None
        text = render(part, style, f"{trailing.whitespace.value or '  '}{keep}" if keep else "",
                      indent)
        line = cst.parse_statement(text)
        assert isinstance(line, cst.SimpleStatementLine)
        if index == 0:
            line = line.with_changes(leading_lines=original.leading_lines)
        out.append(line)
    return out


def _one_per_name(part: Statement) -> list[Statement]:
    """`force-single-line`: one statement per imported name (the comments go along)."""
    if isinstance(part, PlainImport) or len(part.aliases) == 1:
        return [part]
    return [FromImport(part.dots, part.module, (alias,), part.head if i == 0 else None,
                       part.tail if i == len(part.aliases) - 1 else ())
            for i, alias in enumerate(part.aliases)]


def joined(
    original: cst.SimpleStatementLine, parts: Sequence[Statement | str], style: Style
) -> cst.SimpleStatementLine:
    """One line holding several statements (`import os; from m import a`) keeps them there;
    `parts` are statements, or the text of statements kept as they were."""
    texts = [p if isinstance(p, str) else render(p, Style(10**6)).rstrip("\n") for p in parts]
    line = cst.parse_statement("; ".join(texts) + "\n")
    assert isinstance(line, cst.SimpleStatementLine)
    return line.with_changes(leading_lines=original.leading_lines,
                             trailing_whitespace=original.trailing_whitespace)


def relative_to(target: str, package: str) -> tuple[int, str] | None:
    """`target` (absolute) as seen from `package` with a relative import: (dots, rest), or
    None when they share no top-level package."""
    tparts, pparts = target.split("."), package.split(".") if package else []
    common = 0
    while common < min(len(tparts), len(pparts)) and tparts[common] == pparts[common]:
        common += 1
    if common == 0:
        return None
    return len(pparts) - common + 1, ".".join(tparts[common:])


def absolute(dots: int, module: str, package: str) -> str | None:
    """The absolute name of `from <dots><module>` written in `package`; None if invalid."""
    if dots == 0:
        return module
    parts = package.split(".") if package else []
    if dots - 1 > len(parts) or (dots - 1 == len(parts) and not module):
        return None
    base = parts[: len(parts) - (dots - 1)]
    return ".".join([*base, *([module] if module else [])]) or None


def fresh(wanted: Iterable[str], taken: set[str]) -> str:
    """The first of `wanted` not taken (then numbered), and mark it taken."""
    options = list(wanted)
    for option in options:
        if option not in taken:
            taken.add(option)
            return option
    number = 2
    while f"{options[-1]}_{number}" in taken:
        number += 1
    taken.add(f"{options[-1]}_{number}")
    return f"{options[-1]}_{number}"
