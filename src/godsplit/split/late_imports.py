"""Late imports that close an import cycle through another module of the project.

`from bs4.filter import SoupStrainer  # noqa: E402` at the end of `bs4/element.py`:
`bs4.filter` imports names from `bs4.element` at its top, so the source imports it only
once everything above is bound. Copied to the end of a new module, the import would run
while the old module (the facade) is still importing that new module, before the names
`bs4.filter` wants are bound: an ImportError. Such an import stays in the old module only;
the new modules that read its names get them from there, handed over once the old module
is done (see `kept_imports.kept_edges`). So does a block (`if`/`try`/`with`) below the first
definition that makes such an import, whatever else it does (`late_blocks`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import libcst as cst

from .analyze import Analysis, Unit
from .bindings import kept_rebinders as kept_rebinders
from .render import first_definition
from .type_guards import guards_of, import_time_statements
from .typestrings import module_file

_MAX_FILES = 200  # a bound on the project modules read to follow the cycle


def cyclic_late_imports(analysis: Analysis, source: Path) -> frozenset[int]:
    """The import units (and blocks making imports) below the source's first definition
    whose module imports the old module while it is imported itself (directly or through
    other project modules). What
    stays in the old module, in order, is no definition here: an import below `__all__`
    or `__module__ = "dill"` alone (dill's `_dill.py`) is no late import. Found once per
    analysis and source (it reads the project's files: bokeh's `models/tools.py`, 1.7 CPU
    seconds), for every plan made of it."""
    key = source.resolve()
    if key not in analysis.late_cycles:
        analysis.late_cycles[key] = _cyclic_late_imports(analysis, source)
    return analysis.late_cycles[key]


def _cyclic_late_imports(analysis: Analysis, source: Path) -> frozenset[int]:
    first = first_definition(analysis, skip=("facade",))
    out = set()
    loaded = _packages_above(source)
    imports: dict[Path, list[tuple[Path, Path]]] = {}  # each file read once (bokeh: 4,000 times)
    for unit in analysis.units:
        if unit.first <= first or not (unit.kind == "import" or _imports_in_block(analysis, unit)):
            continue
        # into an import block's `try:`/`if` (ansible's `try: from ...dependency_resolution
        # import ...` / `except ImportError: HAS_RESOLVELIB = False`)
        stmts = [s for i in unit.stmts for s in import_time_statements(
            ast.parse(analysis.code(i).strip()).body, analysis.guards)]
        if unit.kind != "import":  # a block's imports (its other code reads names only)
            stmts = [s for s in stmts if isinstance(s, (ast.Import, ast.ImportFrom))]
        itself = source.resolve() if _submodules_only(stmts, source) else None
        if any(_reaches(target, source, loaded, imports) for target in _files(stmts, source)
               if target.resolve() not in loaded and target.resolve() != itself):
            out.add(unit.id)
    return frozenset(out)


def _imports_in_block(analysis: Analysis, unit: Unit) -> bool:
    """Whether a unit of another kind than imports is a compound statement (`if`, `try`,
    `with`) with imports in it: trio's `if sys.platform == "win32": from ._io_windows
    import ... elif ...: from ._io_epoll import ... else: raise ...`, a definition (it
    binds and raises), whose imported modules import `Task` back from the old module."""
    return any(isinstance(analysis.module.body[i], (cst.If, cst.Try, cst.TryStar, cst.With))
               and re.search(r"\bimport\b", analysis.code(i)) is not None for i in unit.stmts)


def _files(stmts: list[ast.stmt], path: Path) -> Iterator[Path]:
    """The project files the imports among `stmts` (in the file at `path`) import; for
    `from pkg import name`, `pkg.name` too when it is a module; and the modules other
    statements look up in `sys.modules` by name."""
    for node in stmts:
        if isinstance(node, ast.Import):
            wanted = [(0, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            wanted = [(node.level, base), *((node.level, f"{base}.{a.name}".lstrip("."))
                                            for a in node.names if a.name != "*")]
        else:  # `_dill = sys.modules["dill._dill"]` (dill's _shims.py): the module itself
            wanted = [(0, name) for name in _modules_named(node)]
        for level, dotted in wanted:
            # importing `a.b.c` runs `a/__init__.py` and `a/b/__init__.py` first (ansible's
            # `from ansible.galaxy.dependency_resolution.versioning import ...` runs the
            # package's `__init__`, which imports the old module)
            parts = dotted.split(".") if dotted else []
            for end in range(1, len(parts)):
                if (parent := module_file(path, level, ".".join(parts[:end]))) is not None:
                    yield parent
            found = module_file(path, level, dotted or None)
            if found is not None:
                yield found


def _submodules_only(stmts: list[ast.stmt], source: Path) -> bool:
    """Whether the imports among `stmts` that name the old module itself (a package's
    `__init__.py`: httplib2's `from httplib2 import certs`) import only its submodules.
    Importing the old module while it loads runs nothing; only the submodules' own imports
    can close a cycle (a name of the old module's own would not be bound yet)."""
    for node in stmts:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            found = module_file(source, node.level, base or None)
            if found is not None and found.resolve() == source.resolve() and any(
                    a.name == "*" or module_file(
                        source, node.level, f"{base}.{a.name}".lstrip(".")) is None
                    for a in node.names):
                return False
    return True


def _modules_named(stmt: ast.stmt) -> Iterator[str]:
    """The modules a statement looks up in `sys.modules` by a literal name while it runs
    (not in the functions it defines)."""
    todo: list[ast.AST] = [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str) and ast.unparse(node.value) == "sys.modules"):
            yield node.slice.value
        todo.extend(ast.iter_child_nodes(node))


def _packages_above(source: Path) -> frozenset[Path]:
    """The `__init__.py` of each package that holds `source`: Python imports them before
    `source`, so an import of one while `source` loads runs nothing (param's `from . import
    serializer`: `param/__init__.py` imports `param.parameterized`, but is imported already)."""
    found = set()
    for folder in source.resolve().parents:
        init = folder / "__init__.py"
        if not init.is_file():
            break
        found.add(init)
    return frozenset(found - {source.resolve()})


def _reaches(start: Path, source: Path, loaded: frozenset[Path],
             imports: dict[Path, list[tuple[Path, Path]]]) -> bool:
    """Whether importing the file `start` imports `source` at import time (not through
    the files `loaded`, imported before it). `imports`: the files each file read so far
    imports at import time, with their resolved paths."""
    seen: set[Path] = set(loaded)
    todo = [start]
    target = source.resolve()
    while todo and len(seen) < _MAX_FILES:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if path not in imports:
            imports[path] = _imported(path)
        for found, resolved in imports[path]:
            if resolved == target:
                return True
            todo.append(found)
    return False


def _imported(path: Path) -> list[tuple[Path, Path]]:
    """The project files the file at `path` imports at import time, and their resolved
    paths (none when it cannot be read or parsed)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError, RecursionError):
        return []
    body = list(import_time_statements(tree.body, guards_of(tree.body, path)))
    return [(found, found.resolve()) for found in _files(body, path)]
