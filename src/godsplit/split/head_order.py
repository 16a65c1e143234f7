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
raises, `sys.path.insert(...)`, a test that calls anything else), before an import of the
project's own modules, or before a statement that binds or reads a name the generated
imports bind.

A test may call an interpreter or platform query (`platform.system()`,
`sys.platform.startswith("win")`, `hasattr(sys, "pypy_version_info")`; `_pure`): it has no
effect, and its answer is fixed for the process, so no project code loaded earlier can
change it (unlike `os.environ.get(...)` or `importlib.util.find_spec(...)`, which read
what an imported module may have set: those still keep the generated imports after).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence

_STATEMENTS = (ast.Import, ast.ImportFrom, ast.If, ast.Try, ast.Pass, ast.Assign, ast.Expr)


def generated_at(texts: Sequence[str], generated: str, project: str) -> int | None:
    """The index in `texts` (a head's statements, in order) before which `generated`
    (import statements) goes: the first top-level `if` of the head's last stretch of
    statements that are safe to run after them; None when there is none (they go last)."""
    try:
        bound = _names(ast.parse(generated))
        trees = [ast.parse(text) for text in texts]
    except SyntaxError:
        return None
    stdlib = _stdlib_names(trees)
    at: int | None = None
    for i, tree in enumerate(trees):
        if not _movable(tree, bound, project, stdlib):
            at = None
        elif at is None and any(isinstance(stmt, ast.If) for stmt in tree.body):
            at = i
    return at


def _movable(tree: ast.Module, bound: set[str], project: str, stdlib: dict[str, str]) -> bool:
    """Whether `tree` only imports modules outside `project` and binds constants, with
    tests that call nothing but interpreter queries, and touches none of `bound`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, _STATEMENTS):
            return False
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
            return False  # a call, not a docstring
        if isinstance(node, ast.Assign) and not isinstance(node.value, (ast.Name, ast.Constant)):
            return False
        if isinstance(node, ast.Call) and not _pure(node, stdlib):
            return False
        if isinstance(node, (ast.Await, ast.NamedExpr)):
            return False
        if isinstance(node, ast.ImportFrom) and (
                node.level or (node.module or "").split(".")[0] == project):
            return False
        if isinstance(node, ast.Import) and any(
                alias.name.split(".")[0] == project for alias in node.names):
            return False
    return not _names(tree) & bound


# Interpreter and platform queries: no effect, an answer fixed for the process.
_PURE_CALLS = frozenset({
    *(f"platform.{name}" for name in (
        "system", "machine", "release", "version", "python_implementation", "python_version",
        "python_version_tuple", "mac_ver", "win32_ver")),
    "sys.getwindowsversion", "sys.getfilesystemencoding", "sys.getdefaultencoding",
})
_PURE_VALUES = frozenset({"sys.platform", "sys.version", "sys.version_info", "sys.implementation",
                          "sys.implementation.name", "sys.byteorder", "sys.maxsize", "os.name"})
_STR_METHODS = frozenset({"startswith", "endswith", "lower", "upper", "casefold", "strip", "split"})
_BUILTINS = frozenset({"hasattr", "len", "str", "int", "tuple"})


def _stdlib_names(trees: Sequence[ast.Module]) -> dict[str, str]:
    """The head's names bound only by imports from the standard library, each with what
    it names (`plat` -> `platform`, `system` -> `platform.system`); builtins it leaves
    unbound map to `builtins.<name>`."""
    found: dict[str, str | None] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.asname or alias.name.split(".")[0]
                    top = alias.name.split(".")[0]
                    dotted = alias.name if alias.asname else top
                    ok = top in sys.stdlib_module_names and found.get(name, dotted) == dotted
                    found[name] = dotted if ok else None
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    name = alias.asname or alias.name
                    dotted = f"{node.module}.{alias.name}"
                    ok = (not node.level and (node.module or "").split(".")[0] in
                          sys.stdlib_module_names and found.get(name, dotted) == dotted)
                    found[name] = dotted if ok else None
            elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                found[node.id] = None
    names = {name: dotted for name, dotted in found.items() if dotted is not None}
    return {**{b: f"builtins.{b}" for b in _BUILTINS if b not in found}, **names}


def _dotted(node: ast.expr, stdlib: dict[str, str]) -> str | None:
    """What `node` (a name or attribute chain) names in the standard library, if it does."""
    if isinstance(node, ast.Name):
        return stdlib.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, stdlib)
        return f"{base}.{node.attr}" if base is not None else None
    return None


def _pure(call: ast.Call, stdlib: dict[str, str]) -> bool:
    """Whether `call` is an interpreter or platform query with plain arguments."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _STR_METHODS:
        value = func.value
        target_ok = (isinstance(value, ast.Constant) and isinstance(value.value, str)) or (
            _dotted(value, stdlib) in _PURE_VALUES) or (
            isinstance(value, ast.Call) and _pure(value, stdlib))
    else:
        name = _dotted(func, stdlib)
        target_ok = name in _PURE_CALLS or (
            name is not None and name.startswith("builtins.") and name[9:] in _BUILTINS)
    return target_ok and not call.keywords and all(_plain(arg, stdlib) for arg in call.args)


def _plain(node: ast.expr, stdlib: dict[str, str]) -> bool:
    """A constant, a tuple of them, a standard-library module, an interpreter value."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):
        return all(_plain(item, stdlib) for item in node.elts)
    if isinstance(node, ast.Call):
        return _pure(node, stdlib)
    dotted = _dotted(node, stdlib)
    return dotted is not None and (dotted in _PURE_VALUES or (
        "." not in dotted and dotted in sys.stdlib_module_names))


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
