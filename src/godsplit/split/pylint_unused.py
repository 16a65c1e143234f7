"""pylint's unused-import (W0611) in the files a split writes, where the project runs pylint.

A new module takes a guarded block of the source whole when it uses a name of it (`try:
from bson import SON, BSON` / `except ImportError: ...`: the import may be the block's
test), so it binds names it does not read; the flake8 side gets `# noqa: F401` where
pyflakes reports them (`import_blocks`, `pyflakes_marks`), and pylint reported each as
W0611 (round 32, mongomock: 5 new). A facade that is no package's `__init__.py` re-exports
names it does not read itself (`from .parts.a import f as f`): pylint reported every one.
So, where the project configures pylint and it reports unused-import: a new module's
import statement binding a name pylint takes for unused gets `# pylint:
disable=unused-import` before its comments (`checker_marks._pylint_inline`: not on a line
of its own above it, after which black wants a blank line), and a facade one `# pylint:
disable=unused-import` under its marker, for its re-exports.

pylint's rule, as far as it decides here: a module-level import whose name nothing in the
module reads (a string annotation counts; so does `__all__`) is unused, except a
`__future__` import, one in an `if TYPE_CHECKING:` block, a dunder name, an alias pylint's
`dummy-variables-rgx` matches (`import os as _os`), and any in an `__init__.py` unless
`init-import` is set.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from .checker_config import Pylint
from .module_statements import module_level

MARKER = "# godsplit: facade"  # render.MARKER (render imports the modules marking its text)

_DUNDER = re.compile(r"^__[a-z]+__$")
_OFF = re.compile(r"#\s*pylint:\s*disable\s*=[^#]*\b(unused-import|W0611|all)\b")
FACADE_PRAGMA = "# pylint: disable=unused-import\n"


def unused_imports(tree: ast.Module, pylint: Pylint, init: bool,
                   ) -> list[ast.Import | ast.ImportFrom]:
    """The module-level import statements of `tree` (an `__init__.py`'s when `init`) that
    bind a name pylint reports unused."""
    if init and not pylint.init_import:
        return []
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(
        n.ctx, ast.Store)}
    read |= {w for text in _annotation_strings(tree) for w in re.findall(r"\w+", text)}
    try:
        dummy = re.compile(pylint.dummy_variables_rgx)
    except re.error:
        dummy = re.compile(r"_+$")
    out = []
    for node in _imports(tree.body):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            if alias.name == "*" or _DUNDER.match(bound) or bound in read or (
                    alias.asname and dummy.match(alias.asname)):
                continue
            out.append(node)
            break
    return out


def _annotation_strings(tree: ast.Module) -> Iterator[str]:
    """The strings of annotations (`x: "Foo"`, `-> "list[Bar]"`) and of `__all__`, whose
    names pylint counts as read."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        elif isinstance(node, (ast.Assign, ast.AugAssign)) and "__all__" in {
                t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(t, ast.Name)}:
            roots.append(node.value)
    for root in roots:
        yield from (n.value for n in ast.walk(root) if isinstance(n, ast.Constant)
                    and isinstance(n.value, str))


def _imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements run at module level (not those of a def or class, nor of an
    `if TYPE_CHECKING:` block, which pylint does not report)."""
    return (node for node in module_level(body, _checked_at_run_time)
            if isinstance(node, (ast.Import, ast.ImportFrom)))


def _checked_at_run_time(node: ast.stmt, field: str) -> bool:
    """Not the body of an `if TYPE_CHECKING:` (its `else:` runs)."""
    return not (isinstance(node, ast.If) and field == "body" and ast.unparse(node.test) in (
        "TYPE_CHECKING", "typing.TYPE_CHECKING"))


def unused_edits(tree: ast.Module, lines: list[str], pylint: Pylint, init: bool,
                 ) -> list[tuple[int, str]]:
    """`checker_marks.for_checkers`' edits for pylint's unused-import: the line a facade's
    pragma goes before, or the first line of each statement to mark."""
    if not pylint.reports("unused-import"):
        return []
    found = unused_imports(tree, pylint, init)
    if not found or any(_OFF.match(line) for line in lines):  # (the file's own pragma)
        return []
    at = facade_pragma(lines, MARKER)
    if at is not None:
        return [(at, "facade-unused-import")]
    return [(node.lineno - 1, "unused-import") for node in found]


def facade_pragma(lines: list[str], marker: str) -> int | None:
    """Where a facade's file-wide pragma goes: after its marker and the pragmas under it
    (`# ruff: noqa: ...`, `# pylint: disable=...`); None in a file with no marker."""
    at = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    if at is None:
        return None
    at += 1
    while at < len(lines) and lines[at].startswith(("# ruff:", "# pylint:")):
        at += 1
    return at
