"""Targeted `# noqa` comments on the import statements godsplit generates.

Each one answers a finding a linter would report on generated code with no other form
that fits: a re-export pyflakes takes for unused (F401), a late import (E402), a name too
long for the line limit (E501). They go where the project's linters look for them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from .loop_shadows import comment_row, noqa_comment
from .ruff_pin import parse_version, version_of
from .style import Style


def reexport_codes(style: Style | None, path: Path) -> str:
    """The codes of the targeted noqa on a facade's re-export that `__all__` does not list,
    where the project's flake8 reports them: pyflakes takes no `X as X` as a re-export
    (F401), flake8-tidy-imports reports it as an unneeded alias (I250). With RUF100 beside
    them where the project's ruff checks the file too and reports unused noqa codes: ruff
    takes `X as X` for a re-export, the F401 is unused to it, and a directive that names
    RUF100 is not reported (XlsxWriter's Makefile runs both)."""
    if style is None or not style.pyflakes or style.flake8 is None:
        return ""
    codes = [c for c in ("F401", "I250") if style.flake8.enables(c, path)]
    if codes and style.ruff is not None and style.ruff.enables("RUF100", path):
        codes.append("RUF100")
    return ",".join(codes)


_NOQA_ON_NAME = re.compile(
    r"^(from [^\n]+ import \()\n([ \t]+[^\n#]+?)(  # noqa: [A-Z]+\d+(?:, ?[A-Z]+\d+)*)\n\)",
    re.MULTILINE)


def noqa_long(text: str, style: Style | None) -> str:
    """`name as name,` of a name too long for the line limit: no form of a re-export
    fits, so it carries a targeted `# noqa: E501` (or the project's B950)."""
    limit = style.lint_line_length if style is not None else None
    if style is None or limit is None:
        return text
    code = style.long_line_code
    return re.sub(r"^([ \t]+(\w+) as \2,)$", lambda m: f"{m[1]}  # noqa: {code}"
                  if len(m[1]) > limit else m[1], text, flags=re.MULTILINE)


def noqa_too_long(text: str, style: Style) -> bool:
    """Whether a line of `text` with a `# noqa` (not for E501, or B950) is over the line
    limit."""
    limit = style.lint_line_length
    return limit is not None and any(
        len(line) > limit and "# noqa: " in line and style.long_line_code not in line
        for line in text.splitlines())


def mark_too_long(text: str, style: Style) -> str:
    """E501 (B950) on the list of each line of `text` that its noqa makes too long: isort
    6 and later leave such a line whole."""
    return "\n".join(f"{line}, {style.long_line_code}" if noqa_too_long(line, style) else line
                     for line in text.split("\n"))


def fence(text: str, code: str) -> str:
    """Each top-level import statement of `text` with a line marked `code` (E501) between
    `# isort: off` and `# isort: on`: isort 6.1.0 wraps `from m import \\` / `    a as a  #
    noqa: F401, E501` at the `as`, and its next run joins the lines again without the
    comment, so no form of it passes `isort --check` (edx-enterprise's facade)."""
    out: list[str] = []
    lines = text.split("\n")
    start = None
    for at, line in enumerate([*lines, ""]):
        if start is not None and (not line or not line[0].isspace()) and not line.startswith(")"):
            statement = lines[start:at]
            marked = any(re.search(rf"# noqa: [\w, ]*\b{code}\b", x) for x in statement)
            gap = [""] if marked and out and out[-1] else []  # isort wants it apart
            out += [*gap, "# isort: off", *statement, "# isort: on"] if marked else statement
            start = None
        if at < len(lines) and line.startswith(("from ", "import ")):
            start = at
        elif start is None and at < len(lines):
            out.append(line)
    return "\n".join(out)


# a formatter wraps a too long import with its noqa comment (for F401) after the closing
# parenthesis, where neither ruff nor flake8 looks for it (param's facade); one blank or
# tab starts each inner line (`[ \t]+` there backtracked exponentially in the lines of an
# import with no noqa after it: the fixture's facade never finished)
_NOQA_AFTER_PAREN = re.compile(
    r"^(from [^\n]+ import \()\n((?:[ \t][^\n]*\n)+?)\)(  # noqa: [A-Z]+\d+(?:, ?[A-Z]+\d+)*)$",
    re.MULTILINE)


# a one-line from-import of names with its noqa comment (E402, F401), at the top level or
# indented (a guarded re-export in `try:`, an import in an `if` block or a function body)
_ONE_LINE_NOQA = re.compile(
    r"^([ \t]*)(from \S+ import )(\w+(?: as \w+)?(?:, \w+(?: as \w+)?)*)(  # noqa: [^\n]+)$",
    re.MULTILINE)
PRAGMA_NOT_COUNTED = (0, 17, 0)  # ruff's isort stopped counting a pragma comment's width


def pinned_wraps(text: str, style: Style | None) -> str:
    """An import that only its `# noqa` comment makes longer than ruff's line length, where
    godsplit sorts with a ruff of 0.17 or later, which does not count a pragma comment, and
    the project's ruff may count it: a pin older than 0.17 (CourtListener's 0.14.11), or no
    pin at all (babel's sdist; its pre-commit config pins 0.5.1). ruff before 0.17, isort 5
    and 6 wrap such a line (I001). Written wrapped, the comment on the first line, it is
    clean under every version, at the top level and indented (a `try:` or `if` block, a
    function body), as long as the project's ruff keeps a magic trailing comma: with
    `split-on-trailing-comma = false` and no pin, the line stays as godsplit's ruff wants."""
    tool = style.ruff_tool if style is not None and style.sorter == "ruff" else None
    if style is None or tool is None or not tool.own or not _pragma_dropped(tool.version or (
            version_of(tool.executable) or "")):
        return text
    if tool.pin is not None and _pragma_dropped(tool.pin.version):
        return text
    if tool.pin is None and not style.ruff_magic_comma:
        return text
    width = style.ruff_line_length

    def wrapped(m: re.Match[str]) -> str:
        indent, head, names, comment = m.groups()
        if len(m[0]) <= width:
            return m[0]
        return (f"{indent}{head}({comment}\n"
                + "".join(f"{indent}    {name},\n" for name in names.split(", ")) + f"{indent})")

    return _ONE_LINE_NOQA.sub(wrapped, text)


def _pragma_dropped(version: str) -> bool:
    """Whether ruff `version` leaves a pragma comment out of the width its isort wraps at."""
    return bool(version) and parse_version(version) >= PRAGMA_NOT_COUNTED


def noqa_first(text: str) -> str:
    """A sorter wraps a long one-name import with its `# noqa: E402` (or pyflakes' F401)
    on the name's line, a formatter puts it after the closing parenthesis; flake8 looks on
    the statement's first line (ruff too, and sorters and formatters accept it there)."""
    text = _NOQA_AFTER_PAREN.sub(lambda m: f"{m[1]}{m[3]}\n{m[2]})", text)
    return _NOQA_ON_NAME.sub(lambda m: f"{m[1]}{m[3]}\n{m[2]}\n)", text)


_REEXPORT = re.compile(r"\b(\w+) as \1\b|import \*")
# `    from m import a as a`, its noqa comment after: one name in a `try:` (`guarded`)
_ONE_NAME = re.compile(r"^([ \t]+)from (\S+) import (\w+ as \w+)(  # noqa: [\w, ]+)$")


def mark(text: str, code: str, listed: frozenset[str] | None = None, width: int = 0) -> str:
    """`# noqa: <code>` (codes: comma-separated) on the first line of each top-level import
    statement of `text` (with `listed`: of those that re-export a name it does not list, or
    import `*`)."""
    statements: list[list[str]] = []
    for line in text.splitlines():
        if statements and (not line or line[0].isspace() or line.startswith(")")):
            statements[-1].append(line)
        else:
            statements.append([line])
    out = []
    for lines in statements:
        # re-exports: also those inside a top-level `try:` (a name bound only under a
        # condition, `imports.guarded`: pycodestyle's USER_CONFIG) or `if TYPE_CHECKING:`
        # (docutils' kept block): F401 under flake8
        nested = listed is not None and lines[0] in ("try:", "if TYPE_CHECKING:")
        for at, statement in _statements(lines, nested):
            if listed is None or any(m[1] not in listed for m in _REEXPORT.finditer(
                    "\n".join(statement))):
                end = comment_row(lines, at)
                lines[end] = noqa_comment(lines[end], *code.split(","))
                if end == at and at and width and len(lines[at]) > width and (
                        one := _ONE_NAME.match(lines[at])):  # the form sorters leave as it is
                    lines[at] = f"{one[1]}from {one[2]} import ({one[4]}\n{one[1]}    {one[3]},\n{one[1]})"
        out.extend(lines)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _statements(lines: list[str], nested: bool) -> Iterator[tuple[int, list[str]]]:
    """The import statements of one top-level statement's `lines` (its own, or with
    `nested`, those of its body, indented four spaces): (index of the first line, lines)."""
    if lines[0].startswith(("from ", "import ")):
        yield 0, lines
        return
    if not nested:
        return
    start = None
    for i, line in enumerate([*lines, "end"]):
        inner = line.startswith(("     ", "    )"))  # a continuation line
        if start is not None and not inner:
            yield start, lines[start:i]
            start = None
        if line.startswith(("    from ", "    import ")):
            start = i


def ends_import_block(code: str) -> bool:
    """Whether top-level `code` placed before imports makes them E402 (module level import
    not at top of file). pycodestyle and ruff both let a dunder assignment (`__all__ =
    [...]`, `__version__: str = "1"`) come first; code that does not parse counts."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return True
    return any(not _dunder_assignment(stmt) for stmt in body)


def _dunder_assignment(stmt: ast.stmt) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else (
        [stmt.target] if isinstance(stmt, ast.AnnAssign) else [])
    return len(targets) == 1 and isinstance(name := targets[0], ast.Name) and (
        len(name.id) > 4 and name.id.startswith("__") and name.id.endswith("__"))
