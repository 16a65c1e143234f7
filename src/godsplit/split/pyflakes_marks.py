"""A targeted `# noqa: F401` on each import a split writes that pyflakes (the project's
flake8) takes for unused, where the module needs it.

docutils' `Node` has a property `document` whose annotations (`-> document | None`, the
setter's `value: document`) name the class `document`: in the god file that class was
defined further down; moved to `nodes/base.py`, the module imports it (late, a cycle) so
the annotations, which `typing.get_type_hints` evaluates in the module's globals, resolve
there. pyflakes resolves those annotations in the class body, where `document` is the
property, and reports the import unused (F401), so `flake8 --fix`-style tools (autoflake)
would delete it. Only module-level import lines (those godsplit writes: moved code keeps
its own imports inside its functions), only names the god file did not already import
unused, and only where the project's flake8 or ruff (its defaults, without a
configuration) selects F401 for the file: gevent's `if mswindows: import msvcrt; class
Handle ...` / `else: import fcntl`, moved whole with `Handle`, imports names only the
kept `Popen` reads (from the new module): ruff's F401 there, 4 in gevent 26.9's split.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import pyflakes.checker
import pyflakes.messages

from .loop_shadows import comment_row, noqa_comment
from .module_statements import module_level
from .style import Style


def mark_unused(texts: Mapping[Path, str], style: Style | None, source: Path,
                source_text: str | None) -> dict[Path, str]:
    """`texts` (the files of a split) with `# noqa: F401` on each module-level import line
    pyflakes reports unused there and not in the god file (`source_text`, as analysed:
    not read again; None, as for stubs: nothing to compare with, nothing marked)."""
    out = dict(texts)
    if style is None or not style.enables("F401") or source_text is None:
        return out
    try:
        before = {name for name, _ in _unused(source_text, source)}
    except SyntaxError:
        return out
    for path, text in texts.items():
        if path.suffix != ".py" or not style.enables("F401", path):
            continue
        try:
            found = [(n, row) for n, row in _unused(text, path) if n not in before]
        except SyntaxError:
            continue
        # ruff takes `X as X` for a re-export and reports no star import unused: only
        # flake8 needs the mark there, and ruff, where it reports unused noqa, RUF100 beside
        redundant = _redundant_aliases(text)
        not_ruff = {row for n, row in found if (n, row) in redundant or n.endswith("*")} - {
            row for n, row in found if (n, row) not in redundant and not n.endswith("*")}
        if style.flake8 is None or not style.flake8.enables("F401", path):  # ruff alone
            found = [(n, row) for n, row in found if row not in not_ruff]
        ruf100 = style.ruff is not None and style.ruff.enables("RUF100", path)
        lines = text.splitlines(keepends=True)
        outside = _module_level_imports(text)
        for row in sorted({row for _, row in found} & outside):
            if lines[row - 1].lstrip().startswith(("from ", "import ")):
                at = comment_row(lines, row - 1)
                body = lines[at].rstrip("\r\n")
                codes = ("F401", "RUF100") if ruf100 and row in not_ruff else ("F401",)
                lines[at] = noqa_comment(body, *codes) + lines[at][len(body):]
        out[path] = "".join(lines)
    return out


def _unused(text: str, path: Path) -> list[tuple[str, int]]:
    """(name, line) of each import pyflakes reports unused in `text`, but for a name a
    function of `text` declares `global` and reads: pyflakes takes that read for the
    function's own and the import for unused, ruff and Python for a use of the import.
    SCons' `Main.py` imports `ENABLE_JSON`, which `main` reads after `global ENABLE_JSON`:
    moved without `main` (with `_set_debug_values`, which only assigns it), the import is
    unused to both, and compared by name with the god file's pyflakes findings it was taken
    for one of the project's own and left unmarked (ruff's F401)."""
    tree = ast.parse(text)
    checker = pyflakes.checker.Checker(tree, filename=str(path))
    found = [(str(m.message_args[0]), m.lineno) for m in checker.messages
             if isinstance(m, pyflakes.messages.UnusedImport)]
    nodes = list(ast.walk(tree)) if found else []
    read = _read_through_global(nodes)
    if not read:  # (no function reads a `global` name: one walk, none per function)
        return found
    plain = {node.lineno for node in nodes if isinstance(node, ast.Import)}
    return [(name, row) for name, row in found if _bound(name, row in plain) not in read]


def _read_through_global(nodes: list[ast.AST]) -> set[str]:
    """The names a function declares `global` and reads (`global x` / `if x:`), of a
    module's `nodes` (all of them, as `ast.walk` gives them)."""
    read: set[str] = set()
    if not any(isinstance(node, ast.Global) for node in nodes):
        return read
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            declared = {n for g in ast.walk(node) if isinstance(g, ast.Global) for n in g.names}
            if declared:
                read.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name)
                            and isinstance(n.ctx, ast.Load) and n.id in declared)
    return read


def _bound(reported: str, plain: bool) -> str:
    """The name the import pyflakes reports as `reported` binds (`plain`: an `import`
    statement, not `from ... import`): `m.a as b` binds b, `m.a` from `from m import a`
    binds a, `a.b` from `import a.b` binds a."""
    name = reported.rpartition(" as ")[2]
    if " as " in reported:
        return name
    return name.split(".")[0] if plain else name.rpartition(".")[2]


def _redundant_aliases(text: str) -> set[tuple[str, int]]:
    """(name as pyflakes reports it, first line) of each import binding a name under its own
    name (`from m import a as a`, `import os as os`), which ruff does not report unused
    (pyflakes does), also in a statement importing other names plainly (a module facade's
    `from .part import (name, _private as _private)`)."""
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            prefix = "." * node.level + (f"{node.module}." if node.module else "")
        elif isinstance(node, ast.Import):
            prefix = ""
        else:
            continue
        found.update((prefix + alias.name, node.lineno)
                     for alias in node.names if alias.asname == alias.name)
    return found


def _module_level_imports(text: str) -> set[int]:
    """The first lines of the imports that run at module level: in the body, or in its
    `try:`/`if`/`with` blocks at any depth (ecdsa's `try: from gmpy2 import mpz` /
    `except ImportError: try: from gmpy import mpz`), not in a function or a class."""
    return {node.lineno for node in module_level(ast.parse(text).body)
            if isinstance(node, (ast.Import, ast.ImportFrom))}
