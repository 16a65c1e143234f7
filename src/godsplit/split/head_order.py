"""Where generated imports go in a module's head: before the source's import-only `if`
blocks when that keeps behaviour.

pycodestyle before 2.6 (flake8 3.7, pinned by projects that still support Python 2) ends
the import block at a top-level `if` (`if sys.version_info <= (3,):` choosing `BytesIO`):
every import after it is E402. Ruff and newer pycodestyle allow the `if`. Generated
imports (a new module's imports of its siblings, the facade's re-exports) placed after the
source's imports were E402 under the older one (asn1crypto's `core.py`). Placed before
the first such `if` they are clean under both.

That keeps behaviour when what they move before only imports modules outside the project
(and binds constants): the project's modules then load in the same order, and a split
already assumes no new module relies on the effect of an import it does not make (each
gets only the imports it uses). Nothing moves before code that does more (a guard that
raises, `sys.path.insert(...)`, a test that calls), before an import of the project's own
modules, or before a statement that binds or reads a name the generated imports bind.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

_STATEMENTS = (ast.Import, ast.ImportFrom, ast.If, ast.Try, ast.Pass, ast.Assign, ast.Expr)


def generated_at(texts: Sequence[str], generated: str, project: str) -> int | None:
    """The index in `texts` (a head's statements, in order) before which `generated`
    (import statements) goes: the first top-level `if` of the head's last stretch of
    statements that are safe to run after them; None when there is none (they go last)."""
    try:
        bound = _names(ast.parse(generated))
    except SyntaxError:
        return None
    at: int | None = None
    for i, text in enumerate(texts):
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return None
        if not _movable(tree, bound, project):
            at = None
        elif at is None and any(isinstance(stmt, ast.If) for stmt in tree.body):
            at = i
    return at


def _movable(tree: ast.Module, bound: set[str], project: str) -> bool:
    """Whether `tree` only imports modules outside `project` and binds constants, with
    tests that call nothing, and touches none of `bound`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, _STATEMENTS):
            return False
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
            return False  # a call, not a docstring
        if isinstance(node, ast.Assign) and not isinstance(node.value, (ast.Name, ast.Constant)):
            return False
        if isinstance(node, (ast.Call, ast.Await, ast.NamedExpr)):
            return False
        if isinstance(node, ast.ImportFrom) and (
                node.level or (node.module or "").split(".")[0] == project):
            return False
        if isinstance(node, ast.Import) and any(
                alias.name.split(".")[0] == project for alias in node.names):
            return False
    return not _names(tree) & bound


def _names(tree: ast.AST) -> set[str]:
    """Every name `tree` binds or reads."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def place_generated(
    items: list[tuple[float, str]], generated_pos: float, project: str,
) -> list[tuple[float, str]]:
    """A new module's head `items` (position, text) with the generated imports (those at
    `generated_pos`, after the source's imports) moved before the source's import-only
    `if` blocks where `generated_at` finds it keeps behaviour."""
    source = sorted(item for item in items if item[0] < generated_pos)
    generated = "".join(text for pos, text in items if pos == generated_pos)
    at = generated_at([text for _, text in source], generated, project) if generated else None
    if at is None:
        return items
    return [(source[at][0] - 0.5 if pos == generated_pos else pos, text) for pos, text in items]
