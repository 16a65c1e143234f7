"""A new module's copy of an import-only `if`/`try` block, without what it does not use.

`if PY2: from itertools import imap as map ... else: from functools import reduce` with a
nested `try: from _thread import get_ident / except ImportError: ...`: a new module that
uses `reduce` gets the `if` with only that import in each branch, as a single import line
keeps only the names used (sortedcontainers' `sortedlist.py`: the unused `get_ident` was
pyflakes' F401 in every new module). An `if` test is evaluated either way, so each
branch is pruned on its own; a `try` block is kept whole when it binds a name used (its
imports may be its test: `try: import ujson; FAST = True / except ImportError: FAST =
False`), dropped when it binds none. In a module that uses only what the block sets
(`FAST`), its imports are its test, unused otherwise: each gets `# noqa: F401` where the
project reports F401 (`mark_tests`; pgcli's `try: import sshtunnel` was a new F401 under
ruff in the module that reads only `SSH_TUNNEL_SUPPORT`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import libcst as cst

from .import_noqa import rebound_later
from .imports import bound_name, filter_import_line
from .loop_shadows import noqa_comment
from .nodes import target_names, walk


def prune_import_block(stmt: cst.If | cst.Try, keep: Collection[str], width: int = 88
                       ) -> cst.If | cst.Try | None:
    """`stmt` (an import-only block) binding only names in `keep`; None when none is."""
    suites = [stmt.body, *([stmt.orelse.body] if isinstance(stmt.orelse, cst.Else) else [])]
    if isinstance(stmt, cst.Try) or not all(isinstance(s, cst.IndentedBlock) for s in suites) \
            or _walrus(stmt):  # `if PY2: import x` on one line; `if (V := 6) > 3: pass`
        return stmt if _binds(stmt) & set(keep) else None
    body = _lines(stmt.body, keep, width)
    orelse: cst.If | cst.Else | None = stmt.orelse
    if isinstance(orelse, cst.If):
        pruned = prune_import_block(orelse, keep, width)
        orelse = pruned if isinstance(pruned, cst.If) else None
    elif isinstance(orelse, cst.Else):
        lines = _lines(orelse.body, keep, width)
        orelse = orelse.with_changes(body=orelse.body.with_changes(body=lines)) if lines else None
    if not body and orelse is None:
        return None
    if not body:
        body = [cst.SimpleStatementLine([cst.Pass()])]
    return stmt.with_changes(body=stmt.body.with_changes(body=body), orelse=orelse)


def _lines(block: cst.BaseSuite, keep: Collection[str], width: int) -> Sequence[cst.BaseStatement]:
    """The lines of a branch that bind a name in `keep` (and its docstrings)."""
    assert isinstance(block, cst.IndentedBlock)
    lines: list[cst.BaseStatement] = []
    for line in block.body:
        if isinstance(line, (cst.If, cst.Try)):
            pruned = prune_import_block(line, keep, width)
            if pruned is not None:
                lines.append(pruned)
        elif isinstance(line, cst.SimpleStatementLine):
            kept = _simple(line, keep, width)
            if kept is not None:
                lines.append(kept)
        else:
            lines.append(line)
    if lines and not any(_binds(line) for line in lines):
        return []  # only `pass` or docstrings left
    return lines


def _simple(line: cst.SimpleStatementLine, keep: Collection[str], width: int
            ) -> cst.SimpleStatementLine | None:
    """An import line with the names in `keep`; `x = None` when `x` is in it."""
    if all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body):
        return filter_import_line(line, keep, width)
    if any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body):
        return line  # imports and assignments on one line: as it is
    if any(isinstance(s, cst.Assign) for s in line.body):
        return line if _binds(line) & set(keep) else None
    return line  # pass, a docstring


def _binds(node: cst.CSTNode) -> set[str]:
    """The names an import-only block binds: its imports' and its assignments'."""
    names: set[str] = set()
    for child in walk(node):
        if isinstance(child, (cst.Import, cst.ImportFrom)) and not isinstance(
                child.names, cst.ImportStar):
            names |= {bound_name(a) for a in child.names}
        elif isinstance(child, cst.Assign):
            for target in child.targets:
                names |= set(target_names(target.target))
        elif isinstance(child, cst.NamedExpr):
            names |= target_names(child.target)
    return names


def _walrus(stmt: cst.If) -> bool:
    """Whether the tests of an `if` (and its `elif`s) bind a name (`if (V := 6) > 3:`)."""
    tests = []
    while isinstance(stmt, cst.If):
        tests.append(stmt.test)
        stmt = stmt.orelse  # type: ignore[assignment]
    return any(isinstance(node, cst.NamedExpr) for test in tests for node in walk(test))


def mark_tests(stmt: cst.Try, keep: Collection[str]) -> cst.Try:
    """`stmt` with `# noqa: F401` on each import line of its body that binds no name in
    `keep`: kept as the block's test, not for a name; not where the block binds each of
    its names again later (the handler's `sshtunnel = None`: not reported unused)."""
    rebound = rebound_later(stmt)
    lines = []
    for line in stmt.body.body:
        if isinstance(line, cst.SimpleStatementLine) and all(
                isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body) and not (
                _binds(line) & set(keep)) and not any(
                isinstance(s, cst.ImportFrom) and isinstance(s.names, cst.ImportStar)
                for s in line.body) and not all(
                id(a) in rebound for s in line.body if isinstance(s, (cst.Import, cst.ImportFrom))
                and not isinstance(s.names, cst.ImportStar) for a in s.names):
            old = line.trailing_whitespace.comment
            comment = noqa_comment(old.value if old else "", "F401")
            line = line.with_changes(trailing_whitespace=line.trailing_whitespace.with_changes(
                whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(comment)))
        lines.append(line)
    return stmt.with_changes(body=stmt.body.with_changes(body=lines))
