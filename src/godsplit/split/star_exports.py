"""Which names a star import of the source binds, and which it rebinds, when godsplit
can read the module without running it.

`import json`, then `from .compat import *`: when `compat` exports a `json` of its own
(`import simplejson as json`), the star import rebinds it, and moved code reading `json`
must see that value (`bindings.bindings`). The star-imported module is found as a file,
never imported: relative to the source's package, or under the source's import root or
the standard library's directory; an extension module by its `.pyi` stub there
(matplotlib's `_image`). Its exports are its `__all__` when that is a list of strings,
else the public names its top level binds (a stub's imports are not among them). A name
it binds with the same import as the source (`import json` in both: the same object), or
imports from the source itself (a late import closing a cycle: trio's `_generated_run`
imports `Task` from `_run`), is not rebound. A module not found that way (an installed
package, an extension without a stub, `os.path`), or an `__all__` built at run time, binds
nothing known: such a star import is taken not to rebind a name an import bound before it.
"""

from __future__ import annotations

import ast
import sysconfig
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node

from ..files import module_name_for

if TYPE_CHECKING:
    from .analyze import Analysis

Origin = tuple[str, ...] | None  # how a name is bound: ("json",), ("os.path", "join"); None: other


def star_rebinds(
    path: Path, module: cst.Module, codes: Sequence[str], units: Mapping[int, Sequence[int]]
) -> dict[int, frozenset[str]]:
    """Star-import unit id (`units`: id -> its statements) -> the names it binds to another
    object than the source's own imports of them (empty when unknown)."""
    if not units:
        return {}
    source = path.resolve()
    dotted = module_name_for(source)[0]
    try:
        own = _origins(ast.parse("".join(codes)).body, dotted, source)
    except SyntaxError:
        return {}
    out = {}
    for uid, stmts in units.items():
        names: set[str] = set()
        for _, _, exported in _star_modules(source, module, stmts):
            names |= {n for n, origin in exported.items() if origin is None or (
                origin != own.get(n) and origin != (dotted, n))}  # (its own name: the same)
        out[uid] = frozenset(names)
    return out


def star_unread(analysis: Analysis) -> list[str]:
    """The absolute names of the modules the source star-imports in which godsplit reads no
    name (an installed package, an extension module without a stub or with an empty one)."""
    dotted, _ = module_name_for(analysis.path.resolve())
    package = dotted.split(".") if analysis.path.name == "__init__.py" else dotted.split(".")[:-1]
    out = []
    for node, name, exported in _star_modules(analysis.path.resolve(), analysis.module,
                                              _star_stmts(analysis)):
        if not exported:
            level = len(node.relative)
            base = package[:len(package) - level + 1] if level else []
            out.append(".".join([*base, *([name] if name else [])]))
    return out


def _star_stmts(analysis: Analysis) -> list[int]:
    return [i for u in analysis.star_imports for i in analysis.units[u].stmts]


def _star_modules(source: Path, module: cst.Module, stmts: Sequence[int]
                  ) -> Iterator[tuple[cst.ImportFrom, str, dict[str, Origin]]]:
    """Each star import among `stmts` (top-level statements of `module`, the source at the
    resolved path `source`): the statement, the module it names, and what godsplit reads
    that module exports (its file or stub; empty when it finds neither)."""
    for index in stmts:
        for node in _star_froms(module.body[index]):
            name = (get_full_name_for_node(node.module) or "") if node.module else ""
            found = _module_file(source, len(node.relative), name)
            if found is None:
                yield node, name, {}
            else:
                stat = found.stat()
                yield node, name, _exports(str(found), stat.st_mtime_ns, stat.st_size)


def _star_froms(stmt: cst.CSTNode) -> Iterator[cst.ImportFrom]:
    if isinstance(stmt, cst.ImportFrom):
        if isinstance(stmt.names, cst.ImportStar):
            yield stmt
        return
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return
    for child in stmt.children:
        yield from _star_froms(child)


def _module_file(source: Path, level: int, dotted: str) -> Path | None:
    parts = dotted.split(".") if dotted else []
    if level:
        base = source.parent
        for _ in range(level - 1):
            base = base.parent
        roots = [base]
    else:
        roots = [module_name_for(source)[1], Path(sysconfig.get_paths()["stdlib"])]
    for root in roots:
        target = root.joinpath(*parts)
        for suffix in (".py", ".pyi"):  # a stub: an extension module's names (matplotlib)
            candidates = [target.parent / f"{target.name}{suffix}"] if parts else []
            for candidate in [*candidates, target / f"__init__{suffix}"]:
                if candidate.is_file():
                    return candidate
    return None


def star_bound(analysis: Analysis) -> frozenset[str]:
    """Every name the source's star imports bind, as far as godsplit can read the modules
    (their files or stubs)."""
    return frozenset(n for _, _, exported in _star_modules(
        analysis.path.resolve(), analysis.module, _star_stmts(analysis)) for n in exported)


@lru_cache(maxsize=64)
def _exports(path: str, mtime: int, size: int) -> dict[str, Origin]:
    """`from <path's module> import *`: the names it binds, each with how the module binds
    it. Its static `__all__`, else its public top-level names; none when `__all__` is
    computed, or the file does not parse."""
    file = Path(path)
    try:
        body = ast.parse(file.read_bytes()).body
    except (SyntaxError, ValueError, OSError):
        return {}
    listed: list[str] | None = None
    for node in _top_level(body):
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            items = _strings(node.value)
            if items is None:
                return {}  # built at run time
            listed = (listed or []) + items if isinstance(node, ast.AugAssign) else items
    origins = _origins(body, module_name_for(file)[0], file)
    if listed is not None:
        return {n: origins.get(n) for n in listed}
    stub = file.suffix == ".pyi"  # a stub's `from m import X` does not export X
    return {n: o for n, o in origins.items() if not n.startswith("_") and not (stub and o)}


def _origins(body: list[ast.stmt], dotted: str, file: Path) -> dict[str, Origin]:
    """Each name the top level binds -> the import that binds it (absolute), or None when
    something else binds it, or two bindings differ."""
    package = dotted if file.name == "__init__.py" else dotted.rpartition(".")[0]
    out: dict[str, Origin] = {}

    def bind(name: str, origin: Origin) -> None:
        out[name] = origin if out.get(name, origin) == origin else None

    for node in _top_level(body):
        if isinstance(node, ast.Import):  # `import a.b` binds `a`, as `import a` does
            for alias in node.names:
                top = alias.name.split(".")[0]
                bind(alias.asname or top, (alias.name if alias.asname else top,))
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".") if package and node.level else []
            parts = parts[:len(parts) - node.level + 1] if node.level > 1 else parts
            base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                if alias.name != "*":
                    bind(alias.asname or alias.name, (base, alias.name))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bind(node.name, None)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor,
                               ast.With, ast.AsyncWith)):
            for target in _targets(node):
                for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name)):
                    bind(name, None)
    return out


def _targets(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [i.optional_vars for i in node.items if i.optional_vars is not None]
    target = getattr(node, "target", None)
    return [target] if isinstance(target, ast.expr) else []


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs at its top level, inside `if`/`try`/`with`/loops too."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _top_level(getattr(node, field, []))
        for handler in getattr(node, "handlers", []):
            yield from _top_level(handler.body)


def _strings(value: ast.expr | None) -> list[str] | None:
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    items = [e.value for e in value.elts if isinstance(e, ast.Constant)]
    if len(items) != len(value.elts) or not all(isinstance(i, str) for i in items):
        return None
    return [str(i) for i in items]
