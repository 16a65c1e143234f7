"""Import statements for new modules: keep only the names used, re-base relative imports.

Pure functions over LibCST nodes; the original style (aliases, parentheses, trailing
comments) is kept because the original nodes are reused.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import libcst as cst

from .rebased_width import within


def bound_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds: `import a.b` binds `a`, `import a.b as c` binds `c`."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    node: cst.BaseExpression = alias.name
    while isinstance(node, cst.Attribute):
        node = node.value
    assert isinstance(node, cst.Name)
    return node.value


def rebase_module(
    relative_dots: int, module: str | None, old_package: str, new_package: str
) -> tuple[int, str | None]:
    """Re-express `from <dots><module>` written in old_package for code in new_package."""
    if relative_dots == 0:
        return 0, module
    old_parts = old_package.split(".") if old_package else []
    base = old_parts[: len(old_parts) - (relative_dots - 1)] if relative_dots > 1 else old_parts
    target = base + (module.split(".") if module else [])
    new_parts = new_package.split(".") if new_package else []
    common = 0
    while common < min(len(base), len(new_parts)) and base[common] == new_parts[common]:
        common += 1
    if common < len(base) or not new_parts:
        # the target's package is not an ancestor of the new package: go absolute
        return 0, ".".join(target) or None
    dots = len(new_parts) - common + 1
    rest = target[common:]
    return dots, ".".join(rest) or None


class _Rebase(cst.CSTTransformer):
    def __init__(self, old_package: str, new_package: str, limit: int | None = None,
                 indent: str = "    ") -> None:
        self.old_package = old_package
        self.new_package = new_package
        self.limit = limit  # the line length, for an import inside a block (`rebased_width`)
        self.indent = indent
        self.blocks: list[str] = []

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        self.blocks.append(node.indent if node.indent is not None else self.indent)
        return True

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.blocks.pop()
        return updated_node

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        return rebase_import_from(updated_node, self.old_package, self.new_package)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if self.limit is None or not self.blocks or updated_node is original_node:
            return updated_node
        return within(original_node, updated_node, len("".join(self.blocks)), self.limit,
                      self.indent)


def rebase_import_from(node: cst.ImportFrom, old_package: str, new_package: str) -> cst.ImportFrom:
    dots = len(node.relative)
    if dots == 0 or old_package == new_package:
        return node
    module = cst.helpers.get_full_name_for_node(node.module) if node.module else None
    new_dots, new_module = rebase_module(dots, module, old_package, new_package)
    if (new_dots, new_module) == (dots, module):
        return node
    return node.with_changes(
        relative=[cst.Dot() for _ in range(new_dots)],
        module=cst.parse_expression(new_module) if new_module else None,
        whitespace_after_from=cst.SimpleWhitespace(" "),
    )


def rebase(node: cst.BaseStatement, old_package: str, new_package: str,
           limit: int | None = None, indent: str = "    ") -> cst.BaseStatement:
    """Re-base every relative import inside a statement (blocks included); with `limit`,
    one in a block that no longer fits has its names in parentheses (`rebased_width`)."""
    if old_package == new_package:
        return node
    result = node.visit(_Rebase(old_package, new_package, limit, indent))
    assert isinstance(result, cst.BaseStatement)
    return result


def imported_name(alias: cst.ImportAlias) -> str:
    """What scope analysis calls the binding: `import a.b` is `a.b` (reads of `a.b.c` use
    it), `import a.b as c` is `c`."""
    if alias.asname is not None:
        return bound_name(alias)
    return cst.helpers.get_full_name_for_node_or_raise(alias.name)


def filter_import_line(
    line: cst.SimpleStatementLine, keep: Collection[str], width: int = 88
) -> cst.SimpleStatementLine | None:
    """Keep only the aliases of an import line that bind a name in `keep`: the bound name
    (`a` of `import a.b`) or, for a dotted import, the dotted name read (`a.b`). What is
    left of a parenthesized import is written as a formatter writes it (`width`)."""
    smalls: list[cst.BaseSmallStatement] = []
    for small in line.body:
        if not isinstance(small, (cst.Import, cst.ImportFrom)) or isinstance(
            small.names, cst.ImportStar
        ):
            smalls.append(small)
            continue
        aliases = [a for a in small.names if bound_name(a) in keep or imported_name(a) in keep]
        if not aliases:
            continue
        if len(aliases) != len(small.names):
            small = trimmed(small, aliases, width)
        smalls.append(small)
    if not smalls:
        return None
    smalls[-1] = smalls[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return line.with_changes(body=smalls)


def drop_names(stmt: cst.BaseStatement, names: Collection[str]) -> cst.BaseStatement | None:
    """An import line without its aliases that bind one of `names` (None: none left)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or not all(
            isinstance(s, (cst.Import, cst.ImportFrom)) and not isinstance(s.names, cst.ImportStar)
            for s in stmt.body):
        return stmt
    bound = {bound_name(a) for s in stmt.body if isinstance(s, (cst.Import, cst.ImportFrom))
             and not isinstance(s.names, cst.ImportStar) for a in s.names}
    return stmt if not bound & set(names) else filter_import_line(stmt, bound - set(names))


def filter_type_checking(stmt: cst.If, keep: Collection[str], prune: bool = False
                         ) -> cst.If | None:
    """An `if TYPE_CHECKING:` block with only the imports of names in `keep` (None when
    none is left). A block holding anything but plain import lines is kept whole, or with
    `prune` (a new module's copy): without the classes, functions and assignments (pip's
    type aliases) that declare no name in `keep`, and
    with the imports of names in `keep` or in what it keeps (tomlkit's `class
    Encoder(Protocol)` beside the imports only some modules read)."""
    body = stmt.body
    if stmt.orelse is not None or not isinstance(body, cst.IndentedBlock):
        return stmt
    mixed = not all(_import_line(line) for line in body.body)
    if mixed and not prune:
        return stmt
    dropped = {id(line) for line in body.body
               if (declared := declared_names(line)) is not None and not declared & set(keep)}
    others = [line for line in body.body if not _import_line(line) and id(line) not in dropped]
    code = "".join(cst.Module([]).code_for_node(line) for line in others)
    keep = {*keep, *identifiers(code)}
    lines = []
    for line in body.body:
        if not _import_line(line):
            if id(line) not in dropped:
                lines.append(line)
            continue
        assert isinstance(line, cst.SimpleStatementLine)
        kept = filter_import_line(line, keep)
        if kept is not None:
            lines.append(kept)
    if not lines:
        return None
    if lines[0] is not body.body[0]:  # the first line kept takes the block's first place
        lines[0] = lines[0].with_changes(leading_lines=())
    return stmt.with_changes(body=body.with_changes(body=lines))


def declared_names(line: cst.BaseStatement) -> set[str] | None:
    """The names a class, a function or a line of plain assignments declares (`Row =
    Tuple[str, ...]` under `if MYPY_CHECK_RUNNING:`) or a `try:` of imports binds; None for
    anything else."""
    if isinstance(line, (cst.ClassDef, cst.FunctionDef)):
        return {line.name.value}
    if isinstance(line, cst.Try):  # `try: from typing import Self / except ImportError: ...`
        return _try_imports(line)
    if not isinstance(line, cst.SimpleStatementLine):
        return None
    names: set[str] = set()
    for small in line.body:
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
            [small.target] if isinstance(small, cst.AnnAssign) else [])
        if not targets or not all(isinstance(t, cst.Name) for t in targets):
            return None
        names |= {t.value for t in targets if isinstance(t, cst.Name)}
    return names


def _try_imports(block: cst.Try) -> set[str] | None:
    """The names a `try:` block made only of import lines binds (None: it runs more)."""
    suites = [block.body, *(h.body for h in block.handlers),
              *(part.body for part in (block.orelse, block.finalbody) if part is not None)]
    lines = [line for suite in suites if isinstance(suite, cst.IndentedBlock) for line in suite.body]
    smalls = [small for line in lines if isinstance(line, cst.SimpleStatementLine) for small in line.body]
    if not all(isinstance(s, cst.IndentedBlock) for s in suites) or not all(
            _import_line(line) for line in lines) or any(
            isinstance(small.names, cst.ImportStar) for small in smalls
            if isinstance(small, (cst.Import, cst.ImportFrom))):
        return None
    return {bound_name(alias) for small in smalls if isinstance(small, (cst.Import, cst.ImportFrom))
            and not isinstance(small.names, cst.ImportStar) for alias in small.names}


def identifiers(code: str) -> set[str]:
    """The identifiers in `code`, those in strings (annotations) too: what it may read."""
    return set(re.findall(r"[A-Za-z_]\w*", code))


def _import_line(line: cst.BaseStatement) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body)


def fix_commas(kept: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """The last kept alias has no comma: the source's magic trailing comma kept its long
    list one name a line; a formatter wraps what is left, if it must, by itself."""
    out = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
           if a.comma is cst.MaybeSentinel.DEFAULT else a for a in kept[:-1]]
    return [*out, kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]


def trimmed(
    small: cst.Import | cst.ImportFrom, kept: list[cst.ImportAlias], width: int
) -> cst.Import | cst.ImportFrom:
    """An import with only the `kept` aliases. A parenthesized one written a name a line
    becomes one line when that fits, else stays a name a line with its trailing comma (the
    source's `)` on a line of its own): what black and ruff format leave alone; cutting
    the last name gave `    Optional)`, which both rewrite."""
    fixed = small.with_changes(names=fix_commas(kept))
    if not isinstance(small, cst.ImportFrom) or not small.lpar or isinstance(
            small.names, cst.ImportStar):
        return fixed
    commas = [a.comma for a in small.names if isinstance(a.comma, cst.Comma)]
    space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    flat = small.with_changes(lpar=None, rpar=None, names=[
        *(a.with_changes(comma=space) for a in kept[:-1]),
        kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
    commented = any(_has_comment(c.whitespace_after) for c in commas) or _has_comment(
        small.lpar.whitespace_after)  # a comment needs its line
    if not commented and len(cst.Module([]).code_for_node(flat)) <= width:
        return flat
    trailing = small.names[-1].comma
    if not isinstance(trailing, cst.Comma) or not isinstance(
            trailing.whitespace_after, cst.ParenthesizedWhitespace):
        return fixed  # not one name a line in the source: a formatter wraps it
    return small.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=trailing)])


def _has_comment(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return False
    return whitespace.first_line.comment is not None or any(
        line.comment is not None for line in whitespace.empty_lines)


def from_import(module: str, names: Sequence[str], width: int = 88, comment: str = "") -> str:
    """`from <module> import a, b` (wrapped one per line when long; `comment`, such as
    `  # noqa: E402`, on its first line, where linters look for it)."""
    line = f"from {module} import {', '.join(names)}"
    if len(line + comment) <= width:
        return line + comment + "\n"
    body = "".join(f"    {name},\n" for name in names)
    return f"from {module} import ({comment}\n{body})\n"


def reexport(
    module: str, names: Sequence[str], width: int = 88, conditional: Collection[str] = (),
    listed: Collection[str] = (),
) -> str:
    """`from <module> import a as a`: the form linters and type checkers take as a public
    re-export; a name the module's `__all__` lists (`listed`) needs no alias."""
    def form(name: str) -> str:
        return name if name in listed else f"{name} as {name}"

    return guarded(module, [form(n) for n in names if n not in conditional],
                   [form(n) for n in names if n in conditional], width)


ONE_LINE = 10**6  # a width for blocks the project's sorter wraps: no magic trailing comma


GUARD_COMMENT = "bound there only under a condition"  # (`guard_marks` finds it by this)


def guarded(
    module: str, names: Sequence[str], conditional: Sequence[str], width: int = 88,
    comment: str = "",
) -> str:
    """Plain from-import of `names`; names bound only conditionally in `module` are
    imported one by one in `try/except ImportError`, as the original module may lack them."""
    text = from_import(module, names, width, comment) if names else ""
    for name in conditional:
        text += (
            f"try:\n    from {module} import {name}\n"
            f"except ImportError:  # {GUARD_COMMENT}\n    pass\n"
        )
    return text
