"""Import-time reads of the module's own names through an import of the module itself.

polars' `datatypes/classes.py` imports itself (`import polars.datatypes.classes as pldt`)
and its `Categories` class reads `pldt.UInt32` as a default argument, while the module is
imported. In the old module that is its own namespace, which already holds `UInt32`; in
a new module it is the facade, mid-import, which holds `UInt32` only once the line
re-exporting it has run (the facade's imports are in the sorter's order): AttributeError
on a partially initialized module, and suggest found no mapping without plan errors. Such
a read is a read of the module's namespace, as `globals()` is: the statement stays in the
old module (`module_identity.stays_in_old_module`), where it runs after the re-exports.
"""

from __future__ import annotations

from collections.abc import Collection, MutableMapping
from pathlib import Path

import libcst as cst

from .at_import import runs_at_import
from .nodes import walk


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _own_parts(path: Path) -> tuple[str, ...]:
    """The file's module path as far as its directories go (`pkg/sub/big.py`: pkg, sub,
    big; a package's `__init__.py`: its directory)."""
    resolved = path.with_suffix("")
    return resolved.parent.parts if resolved.name == "__init__" else resolved.parts


def _is_own(dotted: str, parts: tuple[str, ...]) -> bool:
    """Whether absolute module `dotted` names the file (its last components are the file's
    module path; one component alone only for a file with no package around it)."""
    names = tuple(dotted.split("."))
    return len(names) <= len(parts) and parts[-len(names):] == names and (
        len(names) > 1 or len(parts) == 1 or not (Path(*parts[:-1]) / "__init__.py").exists())


def own_aliases(module: cst.Module, path: Path | None) -> set[str]:
    """Dotted texts the module's top-level imports bind to the module itself: `pldt` for
    `import pkg.big as pldt`, `pkg.big` for `import pkg.big`, `big` for `from pkg import
    big` or (in `pkg/big.py`) `from . import big`."""
    if path is None:
        return set()
    parts = _own_parts(path)
    if not parts:
        return set()
    own: set[str] = set()
    for stmt in module.body:
        for node in walk(stmt, into_scopes=False):
            if isinstance(node, cst.Import):
                for alias in node.names:
                    name = _dotted(alias.name)
                    if _is_own(name, parts):
                        own.add(_dotted(alias.asname.name) if alias.asname and isinstance(
                            alias.asname.name, cst.Name) else name)
            elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
                base = _dotted(node.module) if node.module is not None else ""
                for alias in node.names:
                    name = _dotted(alias.name)
                    if node.relative:  # `from . import big` in big.py (not a package's own)
                        own_module = (len(node.relative) == 1 and not base and path.name !=
                                      "__init__.py" and name == parts[-1])
                    else:
                        own_module = _is_own(f"{base}.{name}", parts)
                    if own_module:
                        own.add(alias.asname.name.value if alias.asname and isinstance(
                            alias.asname.name, cst.Name) else name)
    return own


def own_module_reads(module: cst.Module, path: Path | None, lazy: bool,
                     reads: MutableMapping[int, dict[str, list[bool]]] | None = None,
                     names: Collection[str] = ()) -> dict[int, str]:
    """The top-level statements reading an attribute of the module itself, through an
    import of itself, while the module is imported, each with its first such read's text
    (`pldt.UInt32`). With `reads`, each such read of one of the module's `names` is added
    to its statement's reads as made at import time: the facade keeping the statement
    runs it after the line re-exporting the name."""
    aliases = own_aliases(module, path)
    found: dict[int, str] = {}
    for index, stmt in enumerate(module.body):
        if not aliases or _imports_only(stmt):
            continue
        for node in runs_at_import(stmt, annotations=not lazy):
            if not reads_alias(node, aliases):
                continue
            assert isinstance(node, cst.Attribute)
            found.setdefault(index, cst.Module([]).code_for_node(node))
            if reads is not None and node.attr.value in names:
                reads[index].setdefault(node.attr.value, [False, False])[0] = True
    return found


def reads_alias(node: cst.CSTNode, aliases: Collection[str]) -> bool:
    return isinstance(node, cst.Attribute) and _dotted(node.value) in aliases


def _imports_only(stmt: cst.BaseStatement) -> bool:
    """The import itself (`import pkg.big as pldt` reads nothing of the module)."""
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in stmt.body)
