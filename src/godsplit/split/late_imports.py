"""Late imports that close an import cycle through another module of the project.

`from bs4.filter import SoupStrainer  # noqa: E402` at the end of `bs4/element.py`:
`bs4.filter` imports names from `bs4.element` at its top, so the source imports it only
once everything above is bound. Copied to the end of a new module, the import would run
while the old module (the facade) is still importing that new module, before the names
`bs4.filter` wants are bound: an ImportError. Such an import stays in the old module only;
the new modules that read its names get them from there, handed over once the old module
is done (see `needs.kept_edges`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst

from .analyze import Analysis
from .layout import module_name_for
from .render import first_definition

_MAX_FILES = 200  # a bound on the project modules read to follow the cycle


def cyclic_late_imports(analysis: Analysis, old_module: str, old_package: str,
                        source: Path) -> frozenset[int]:
    """The import units below the source's first definition whose module imports the old
    module while it is imported itself (directly or through other project modules)."""
    first = first_definition(analysis)
    late = [u for u in analysis.units if u.kind == "import" and u.first > first]
    if not late:
        return frozenset()
    _, root = module_name_for(source)
    out = set()
    for unit in late:
        targets = [t for i in unit.stmts for t in _targets(analysis.module.body[i], old_package)]
        if any(_reaches(root, t, old_module) for t in targets):
            out.add(unit.id)
    return frozenset(out)


def _targets(stmt: cst.BaseStatement, package: str) -> list[str]:
    """The dotted modules an import statement imports (relative ones resolved)."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return []
    code = cst.Module([stmt]).code
    try:
        tree = ast.parse(code)
    except SyntaxError:  # pragma: no cover - the source parsed
        return []
    return [t for node in tree.body for t in _imported(node, package)]


def _imported(node: ast.stmt, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = _absolute(node.module, node.level, package)
        if base is None:
            return []
        # `from pkg import mod` may import a module
        return [base, *(f"{base}.{a.name}" for a in node.names if a.name != "*")]
    return []


def _absolute(module: str | None, level: int, package: str) -> str | None:
    if not level:
        return module
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, *([module] if module else [])]) or None


def _file(root: Path, dotted: str) -> tuple[Path, str] | None:
    """The project file of a dotted module and the package its relative imports use."""
    path = root.joinpath(*dotted.split("."))
    if (path / "__init__.py").is_file():
        return path / "__init__.py", dotted
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py"), dotted.rpartition(".")[0]
    return None


def _top_level_imports(path: Path, package: str) -> list[str]:
    """Modules a file imports while it is imported (not inside functions or classes)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return []
    out: list[str] = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            if isinstance(node, ast.If) and _type_checking(node.test):
                todo.extend(node.orelse)  # `if TYPE_CHECKING:` never runs
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, field, ()):
                    todo.extend(child.body if isinstance(child, ast.ExceptHandler) else [child])
        else:
            out.extend(_imported(node, package))
    return out


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _reaches(root: Path, start: str, old_module: str) -> bool:
    """Whether importing `start` imports `old_module` at import time (a project module)."""
    seen: set[str] = set()
    todo = [start]
    while todo and len(seen) < _MAX_FILES:
        dotted = todo.pop()
        if dotted in seen:
            continue
        seen.add(dotted)
        found = _file(root, dotted)
        if found is None:
            continue
        for target in _top_level_imports(*found):
            if target == old_module or target.startswith(old_module + "."):
                return True
            todo.append(target)
    return False
