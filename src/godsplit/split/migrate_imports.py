"""The one place `migrate` writes import statements: render, order and merge them.

An import is held as `Alias` items (name, alias, the comments around it) so a statement
can be split by new module, merged with another, and rendered again without losing a
comment: short statements without comments go on one line, others are parenthesised one
name per line. Statements made from one original are ordered by module name, and a new
`from m import ...` joins an earlier one-line import of the same module when the result
still fits. Issue 12 (a project-aware sorter: isort/ruff settings) plugs in here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import libcst as cst

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

# Comments that speak about their own line: kept on every statement a line becomes.
PRAGMA = re.compile(r"#\s*(noqa|type:|pyright:|isort:|pylint:|nosec|pragma|mypy:)", re.I)


@dataclass(frozen=True)
class Style:
    """What the project's formatter settings say about imports (line length, for now)."""

    line_length: int = 88


def project_style(root: Path) -> Style:
    """`line-length` of ruff (ruff.toml, .ruff.toml, [tool.ruff]) or black, else 88."""
    for name, keys in (("ruff.toml", ()), (".ruff.toml", ()), ("pyproject.toml", ("tool", "ruff")),
                       ("pyproject.toml", ("tool", "black"))):
        path = root / name
        try:
            table: object = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for key in keys:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        length = table.get("line-length") if isinstance(table, dict) else None
        if isinstance(length, int) and not isinstance(length, bool) and length > 0:
            return Style(length)
    return Style()


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


def render(statement: Statement, style: Style, trailing: str = "") -> str:
    """The statement's text (one line, or parenthesised one name per line), with `trailing`
    (a comment, with its leading spaces) after it."""
    if isinstance(statement, PlainImport):
        as_text = f" as {statement.asname}" if statement.asname else ""
        return f"import {statement.module}{as_text}{trailing}\n"
    start = f"from {statement.target} import "
    names = ", ".join(a.text for a in statement.aliases)
    commented = statement.head or statement.tail or any(a.comment or a.before for a in statement.aliases)
    if not commented and len(start) + len(names) + len(trailing) <= style.line_length:
        return f"{start}{names}{trailing}\n"
    lines = [f"{start}({'  ' + statement.head if statement.head else ''}\n"]
    for alias in statement.aliases:
        lines.extend(f"    {comment}\n" for comment in alias.before)
        lines.append(f"    {alias.text},{'  ' + alias.comment if alias.comment else ''}\n")
    lines.extend(f"    {comment}\n" for comment in statement.tail)
    return "".join(lines) + f"){trailing}\n"


def replacement(
    original: cst.SimpleStatementLine, parts: Sequence[Statement], style: Style
) -> list[cst.SimpleStatementLine]:
    """The lines that replace `original` (a one-statement import line): ordered by module,
    the original's leading comments on the first, its trailing comment on the first (a
    pragma such as `# noqa` on each)."""
    ordered = sorted(parts, key=lambda p: p.key())
    trailing = original.trailing_whitespace
    comment = trailing.comment.value if trailing.comment else None
    out = []
    for index, part in enumerate(ordered):
        keep = comment if comment and (index == 0 or PRAGMA.match(comment)) else None
        text = render(part, style, f"{trailing.whitespace.value or '  '}{keep}" if keep else "")
        line = cst.parse_statement(text)
        assert isinstance(line, cst.SimpleStatementLine)
        if index == 0:
            line = line.with_changes(leading_lines=original.leading_lines)
        out.append(line)
    return out


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


def _single_from(line: cst.BaseStatement) -> cst.ImportFrom | None:
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
        small = line.body[0]
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            return small
    return None


def _is_import_line(line: cst.BaseStatement) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body)


def _sorted_names(names: Sequence[str]) -> bool:
    return list(names) == sorted(names) or list(names) == sorted(names, key=_by_type)


def _by_type(name: str) -> tuple[int, str]:
    """isort/ruff `order-by-type`: CONSTANTS, then Classes, then other names."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name


def merge(
    body: Sequence[cst.BaseStatement], new: set[int], style: Style, place: bool = False
) -> list[cst.BaseStatement]:
    """Merge each new one-line `from m import ...` (ids in `new`) into an earlier import of
    the same module in the same block, when only imports lie between. Into a statement the
    project wrote, only when the result is one line without comments; two new statements
    merge into the form `render` gives. With `place` (the block's imports were sorted),
    new lines go to their sorted place in their section."""
    out: list[cst.BaseStatement] = []
    for line in body:
        node = _single_from(line)
        merged_into = -1
        if id(line) in new and node is not None and isinstance(line, cst.SimpleStatementLine) \
                and not line.trailing_whitespace.comment:
            merged_into = _merge_into(out, read_from(node), new, style)
        if merged_into < 0:
            out.append(line)
    return _place(out, new) if place else out


def _sort_key(line: cst.BaseStatement) -> tuple[int, str] | None:
    """isort's order inside a section (straight imports first, then by module, ignoring
    case); None for a line that is not one import statement."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    small = line.body[0]
    if isinstance(small, cst.Import):
        return 0, dotted(small.names[0].name).lower()
    if isinstance(small, cst.ImportFrom):
        return 1, ("." * len(small.relative) + dotted(small.module)).lower()
    return None


def _runs(body: Sequence[cst.BaseStatement]) -> list[list[cst.BaseStatement]]:
    """Runs of one-statement import lines with no blank line or comment between them."""
    runs: list[list[cst.BaseStatement]] = []
    current: list[cst.BaseStatement] = []
    for line in body:
        if _sort_key(line) is not None and (not current or not getattr(line, "leading_lines", ())):
            current.append(line)
            continue
        if current:
            runs.append(current)
        current = [line] if _sort_key(line) is not None else []
    if current:
        runs.append(current)
    return runs


def imports_sorted(body: Sequence[cst.BaseStatement]) -> bool:
    """Every run of imports in `body` is in isort's order (the project sorts its imports)."""
    for run in _runs(body):
        keys = [_sort_key(line) or (9, "") for line in run]
        if keys != sorted(keys):
            return False
    return True


def _place(body: list[cst.BaseStatement], new: set[int]) -> list[cst.BaseStatement]:
    """Within each run of import lines (a section: no blank line between them) that was
    sorted before the new lines came, put the new lines in their sorted place."""
    out: list[cst.BaseStatement] = []
    index = 0
    while index < len(body):
        end = index
        while end < len(body) and _sort_key(body[end]) is not None and (
            end == index or not getattr(body[end], "leading_lines", ())
        ):
            end += 1
        run = body[index:end]
        if not any(id(line) in new for line in run):
            out.extend(run or body[index:index + 1])
            index = max(end, index + 1)
            continue
        keys = [_sort_key(line) for line in run if id(line) not in new]
        if keys == sorted(keys, key=lambda k: k or (9, "")) and not any(
            id(line) in new and getattr(line, "leading_lines", ()) for line in run[1:]
        ):
            head = run[0]
            leading = getattr(head, "leading_lines", ())
            bare = [head.with_changes(leading_lines=()), *run[1:]]
            bare.sort(key=lambda line: _sort_key(line) or (9, ""))
            bare[0] = bare[0].with_changes(leading_lines=leading)
            run = bare
        out.extend(run)
        index = end
    return out


def _merge_into(
    out: list[cst.BaseStatement], incoming: FromImport, new: set[int], style: Style
) -> int:
    """Merge `incoming` into the nearest earlier import of its module in `out`; its index."""
    for index in range(len(out) - 1, -1, -1):
        earlier = out[index]
        if not _is_import_line(earlier):
            return -1
        target = _single_from(earlier)
        if target is None or not isinstance(earlier, cst.SimpleStatementLine):
            continue
        existing = read_from(target)
        if existing.target != incoming.target or earlier.trailing_whitespace.comment:
            continue
        merged = _merged(existing, incoming)
        text = render(merged, style)
        ours = id(earlier) in new
        if not ours and (text.count("\n") > 1 or merged.head or merged.tail
                         or any(a.comment or a.before for a in merged.aliases)):
            return -1
        statement = cst.parse_statement(text)
        assert isinstance(statement, cst.SimpleStatementLine)
        out[index] = statement.with_changes(leading_lines=earlier.leading_lines)
        if ours:
            new.add(id(out[index]))
        return index
    return -1


def _merged(existing: FromImport, incoming: FromImport) -> FromImport:
    names = list(existing.aliases)
    have = {(a.name, a.asname) for a in names}
    added = [a for a in incoming.aliases if (a.name, a.asname) not in have]
    texts = [a.text for a in names]
    if _sorted_names(texts):
        key = _by_type if texts != sorted(texts) else (lambda n: (0, n))
        combined = sorted([*names, *added], key=lambda a: key(a.text))
    else:
        combined = [*names, *added]
    return replace(existing, aliases=tuple(combined))


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
