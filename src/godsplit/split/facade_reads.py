"""Names the project's other code reads through the old module when it runs.

`apply --rewrite-references` points a patch of `old.mod.name` at the one new module whose
code looks `name` up. That is only the same patch when nothing else reads `name` through
the old module at call time: `import old.mod as m; m.name()` in a view, a `from old.mod
import name` inside a function, `getattr(m, "name")`, or the module object handed on
(`return m`, `x = m`: what reads it then is not known). Before the split one patch of
the old module reached those reads too; a patch of the new module does not (the facade
keeps the object it imported). Such a patch target stays on the old module, where the
live facade forwards it to every new module that looks the name up.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import module_name_for
from .relative_ban import absolute_target
from .typestrings import dotted_name

EVERY = "*"  # the module object is handed on: any of its names may be read through it
_PATCH_LIKE = frozenset({"object", "setattr", "delattr", "hasattr"})


@dataclass
class FacadeReads:
    """For one old module: a name read through it -> where (path, line), first found."""

    old: str
    where: dict[str, tuple[str, int]] = field(default_factory=dict)

    def read(self, name: str) -> tuple[str, int, bool] | None:
        """Where `name` is read through the old module (path, line, handed on), if it is."""
        if name in self.where:
            return (*self.where[name], False)
        return (*self.where[EVERY], True) if EVERY in self.where else None


def _aliases(tree: ast.AST, old: str, package: str) -> tuple[set[str], list[tuple[str, int]]]:
    """Dotted texts bound to the old module anywhere in the file, and the names imported
    from it inside a function (read when that runs)."""
    parent, _, last = old.rpartition(".")
    aliases: set[str] = set()
    local: list[tuple[str, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                       ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name == old:
                        aliases.add(alias.asname or old)
            elif isinstance(child, ast.ImportFrom):
                source = (absolute_target(package, child.level, child.module) if child.level
                          else child.module)
                for alias in child.names:
                    if source == parent and alias.name == last:
                        aliases.add(alias.asname or last)
                    elif source == old and in_function and alias.name != "*":
                        local.append((alias.name, child.lineno))
            visit(child, nested)

    visit(tree, False)
    return aliases, local


def _reads(tree: ast.AST, aliases: set[str]) -> Iterable[tuple[str, int]]:
    """(name, line) read through an alias: `alias.name` loaded, `getattr(alias, "name")`,
    and (EVERY, line) where the module object itself is returned or assigned. A name
    read only to be kept (`old = mod.name`, to restore it after a patch) is not counted:
    that is the same object through the old module or the new one until it is patched."""
    kept = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and (
                id(node) not in kept and dotted_name(node.value) in aliases):
            yield node.attr, node.lineno
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arg = node.args[1]
            if called == "getattr" and dotted_name(node.args[0]) in aliases and isinstance(
                    arg, ast.Constant) and isinstance(arg.value, str):
                yield arg.value, node.lineno
        elif isinstance(node, (ast.Return, ast.Assign, ast.AnnAssign, ast.Yield)) and (
                node.value is not None and dotted_name(node.value) in aliases):
            yield EVERY, node.lineno


def scan(path: Path, data: bytes, root: Path, reads: dict[str, FacadeReads]) -> None:
    """Add what `path` reads through each old module in `reads` (by old module)."""
    wanted = [r for r in reads.values()
              if re.search(rb"\b" + re.escape(r.old.rpartition(".")[2].encode()) + rb"\b", data)]
    if not wanted:
        return
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # find_references reports a file it cannot parse (GS212)
    name, _ = module_name_for(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    for found in wanted:
        aliases, local = _aliases(tree, found.old, package)
        hits = local + (list(_reads(tree, aliases)) if aliases else [])
        for read, line in sorted(hits, key=lambda hit: hit[1]):
            found.where.setdefault(read, (shown, line))


def collect(paths: Iterable[Path], root: Path, old_modules: Iterable[str],
            exclude: Collection[Path]) -> dict[str, FacadeReads]:
    """What the project's files (but `exclude`) read through each old module."""
    reads = {old: FacadeReads(old) for old in old_modules}
    for path in paths:
        if path.resolve() in exclude:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue  # find_references reports it (GS212)
        scan(path, data, root, reads)
    return reads


def stays_message(shown: str, where: tuple[str, int, bool], live: bool) -> str:
    """GS210's text for a patch target that other code also reads through the old module."""
    path, line, handed = where
    how = ("hands the old module on, and a patch of the new module would not reach what "
           "reads the name through it then" if handed else "reads it through the old module, "
           "which a patch of the new module would not reach")
    return (f"patch target {shown!r} stays: {path}:{line} {how}; " + (
                "the live facade forwards the patch to every module that looks it up" if live
                else "patch it in each module by hand (or use facade = \"live\")"))
