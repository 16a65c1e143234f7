"""Names another module of the project imports back from the old module inside a function
that the old module runs while it loads (GS158).

exchangelib 5.6.0's `fields.py` imports classes of `properties` inside its fields'
constructors (`RecipientAddressField.__init__`: `from .properties import RecipientAddress`),
and the class bodies of `properties.py` construct those fields while it loads (`MailTips`:
`recipient_address = RecipientAddressField()`, line 1287). In the god file `RecipientAddress`
is bound by then. Moved to a new module, `MailTips` runs while the facade imports that
module, before the facade has bound `RecipientAddress` (its own module's names are bound
in the facade only when that module is done): "cannot import name 'RecipientAddress' from
partially initialized module" (GS406 at the import check), which keeping `MailTips` alone
only moved to the next class (`Mailbox` through `MailboxField`).

Found statically here, for every such unit at once: for each name the old module imports at
its top from another module of the project (a file beside it, by a relative or absolute
`from ... import`), what calling it may run there: a function's body, a class's
construction methods along its bases there (`__init__`, `__new__`, ...), and the functions,
classes and `self.m` methods those read, followed; every `from <old module> import N` in
them; and the old module's units that run one of those names while it loads. Such a unit
stays in the old module, where it runs after the re-exports, as it ran after `N` before: its
names are pinned there (a mapping that names one of them is GS158), and suggest keeps them
before its first plan. Only the names `N`
the old module's own code binds above the unit count (a name bound by its imports is bound
before the re-exports; one bound below it was not bound then either). Over-approximates:
a function or class of that module counts as run where a unit reads it at import time and
calls, subclasses or decorates with it anywhere in its code (`models = (X,)` runs nothing).
"""

from __future__ import annotations

import ast
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..types import Finding, SplitConfig
from .analyze import Analysis, Unit
from .assign import Assignment
from .pinned import moved_units, pin_units

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Back:
    """A name the old module's unit needs bound in the old module while it runs: `name`,
    imported back at `path`:`line` by the code of `via` (the name the unit reads)."""

    name: str
    via: str
    path: str
    line: int


def _file(package_dir: Path, parts: list[str]) -> Path | None:
    base = package_dir.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if parts and path.is_file():
            return path
    return None


def _resolve(module: str | None, level: int, package: str) -> str:
    """The dotted module a `from` import names, made absolute from `package`."""
    if not level:
        return module or ""
    parts = package.split(".")
    base = parts[: len(parts) - level + 1] if level > 1 else parts
    return ".".join([*base, *([module] if module else [])])


def _top_imports(tree: ast.Module, package: str) -> Iterator[tuple[str, str, str]]:
    """(local name, absolute module, name there) of each top-level `from m import x`."""
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        stmt = todo.pop(0)
        if isinstance(stmt, (ast.If, ast.Try)):
            todo.extend([*stmt.body, *stmt.orelse, *getattr(stmt, "finalbody", [])])
            todo.extend(s for h in getattr(stmt, "handlers", []) for s in h.body)
        elif isinstance(stmt, ast.ImportFrom):
            module = _resolve(stmt.module, stmt.level, package)
            yield from ((a.asname or a.name, module, a.name) for a in stmt.names if a.name != "*")


_CONSTRUCT = ("__new__", "__init__", "__post_init__", "__set_name__", "__init_subclass__",
              "__class_getitem__", "__call__")


def _lazy(func: ast.AST, old: str, package: str) -> Iterator[tuple[str, int]]:
    """(name, line) of each `from <old> import name` in a function `func`."""
    for inner in ast.walk(func):
        if isinstance(inner, ast.ImportFrom) and _resolve(inner.module, inner.level, package) == old:
            yield from ((a.name, inner.lineno) for a in inner.names if a.name != "*")


class _Module:
    """A module of the project: what running one of its functions or classes may run."""

    def __init__(self, tree: ast.Module) -> None:
        self.defs = {s.name: s for s in tree.body if isinstance(s, (*_FUNCS, ast.ClassDef))}

    def mro(self, name: str) -> list[ast.ClassDef]:
        """The class `name` and the classes of this module it derives from."""
        out, todo = [], [name]
        while todo:
            node = self.defs.get(todo.pop(0))
            if isinstance(node, ast.ClassDef) and node not in out:
                out.append(node)
                todo.extend(b.id for b in node.bases if isinstance(b, ast.Name))
        return out

    def methods(self, name: str, wanted: Collection[str]) -> Iterator[tuple[str, ast.AST]]:
        """(class, method) of each method named in `wanted` along the class's bases here."""
        for cls in self.mro(name):
            yield from ((name, s) for s in cls.body if isinstance(s, _FUNCS) and s.name in wanted)

    def runs(self, name: str) -> list[ast.AST]:
        """The function bodies that calling (or instantiating) `name` may run: a function's,
        a class's construction methods, and what they read here, followed (`self.m`,
        `cls.m`, `super().m`: that method along the class's bases)."""
        node = self.defs.get(name)
        todo: list[tuple[str, ast.AST]] = (
            [("", node)] if isinstance(node, _FUNCS) else list(self.methods(name, _CONSTRUCT)))
        done: list[ast.AST] = []
        while todo:
            owner, func = todo.pop()
            if func in done:
                continue
            done.append(func)
            for inner in ast.walk(func):
                if isinstance(inner, ast.Name) and inner.id in self.defs and inner.id != owner:
                    read = self.defs[inner.id]
                    todo.extend([("", read)] if isinstance(read, _FUNCS) else
                                self.methods(inner.id, _CONSTRUCT))
                elif owner and isinstance(inner, ast.Attribute) and (
                        (isinstance(inner.value, ast.Name) and inner.value.id in ("self", "cls"))
                        or isinstance(inner.value, ast.Call)):  # super().m
                    todo.extend(self.methods(owner, (inner.attr,)))
        return done


@lru_cache(maxsize=64)
def _module_backs(path: Path, stamp: float, old: str, package: str
                  ) -> Mapping[str, tuple[tuple[str, int], ...]]:
    """For each top-level function and class of the module at `path`: what calling it
    may import from `old` in a function body (`_Module.runs`)."""
    try:
        module = _Module(ast.parse(path.read_bytes()))
    except (OSError, SyntaxError, ValueError):
        return {}
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    for name in module.defs:
        found = {back for func in module.runs(name) for back in _lazy(func, old, package)}
        if found:
            out[name] = tuple(sorted(found))
    return out


def import_backs(analysis: Analysis, old: str) -> dict[int, tuple[Back, ...]]:
    """For each unit of the old module (`old`, its dotted name) that reads at import time
    a name imported from a module of the project whose code imports names back from `old`
    inside a function: those names, bound by the old module's own code above the unit."""
    source = analysis.path
    package = old if source.name == "__init__.py" else old.rpartition(".")[0]
    if not package:
        return {}
    try:
        tree = ast.parse(analysis.source.text)
    except (SyntaxError, ValueError):
        return {}
    parents = source.resolve().parents
    if len(package.split(".")) >= len(parents):
        return {}
    root = parents[len(package.split("."))]
    imported: dict[str, tuple[str, str, str, int]] = {}  # local -> (name there, path, line)
    for local, module, name in _top_imports(tree, package):
        path = _file(root, module.split(".")) if module != old else None
        if path is None or path.resolve() == source.resolve():
            continue
        home = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for there, line in _module_backs(path.resolve(), path.stat().st_mtime, old,
                                         home).get(name, ()):
            shown = path.resolve().as_posix()
            shown = shown.removeprefix(root.as_posix() + "/")
            imported[f"{local}\0{there}"] = (local, there, shown, line)
    if not imported:
        return {}
    own = _own_lines(analysis)
    runs = _run_names(tree, analysis.stmt_lines)
    out: dict[int, tuple[Back, ...]] = {}
    for unit in analysis.units:
        reads = {r.name for r in unit.reads if r.import_time} & {
            n for index in unit.stmts for n in runs.get(index, ())}
        backs = tuple(Back(there, local, path, line) for local, there, path, line in
                      imported.values() if local in reads and own.get(there, unit.line) < unit.line)
        if backs and unit.kind == "definition":
            out[unit.id] = backs
    return out


def _run_names(tree: ast.Module, stmt_lines: Sequence[int]) -> dict[int, set[str]]:
    """For each top-level statement (by its index in the module's body): the names it
    calls, derives a class from or decorates with (`X(...)`, `class C(X)`, `@X`), anywhere
    in it; a name only read (`models = (X,)`) runs nothing."""
    out: dict[int, set[str]] = {}
    for stmt in tree.body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        names = out.setdefault(bisect_right(stmt_lines, first) - 1, set())
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                names.add(getattr(node.func, "id", ""))
            if isinstance(node, ast.ClassDef):
                names |= {getattr(b, "id", "") for b in [*node.bases, *(k.value for k in node.keywords)]}
            if isinstance(node, (*_FUNCS, ast.ClassDef)):
                names |= {getattr(d, "id", "") for d in node.decorator_list}
    return out


def _own_lines(analysis: Analysis) -> dict[str, int]:
    """Each name the old module's own code (not an import) binds: the first line binding it."""
    out: dict[str, int] = {}
    for unit in analysis.units:
        if unit.kind == "definition":
            for name in unit.binds:
                out[name] = min(out.get(name, unit.line), unit.line)
    return out


def moved_backs(analysis: Analysis, assignment: Assignment, old: str) -> list[Finding]:
    """GS158 for each unit `import_backs` finds that the assignment moves, naming what its
    cluster binds (suggest keeps those names before its first plan: `keeping.ahead`)."""
    backs = import_backs(analysis, old)
    return moved_units(analysis, assignment, backs, "GS158", lambda names, module, unit: message(
        names, module, unit.line, backs[unit.id]))


def pin_backs(analysis: Analysis, assignment: Assignment, split: SplitConfig,
              backs: Mapping[int, tuple[Back, ...]]) -> Assignment:
    """`assignment` with each unit of `backs` (and what must move with it) in the old
    module; one the mapping names to move is a GS158 error."""
    def why(unit: Unit) -> str:
        first = backs[unit.id][0]
        return (f"kept: the code at line {unit.line} runs `{first.via}` while the old module "
                f"loads, which imports `{first.name}` back from it ({first.path}:{first.line})")

    return pin_units(analysis, assignment, split, backs, "GS158",
                     lambda names, module, unit: message(names, module, unit.line, backs[unit.id]),
                     why)


def message(names: Collection[str], module: str, line: int, backs: tuple[Back, ...]) -> str:
    """GS158's text for the unit at `line` binding `names`, moved to `module`."""
    first = backs[0]
    more = sorted({b.name for b in backs} - {first.name})
    also = f" (and {', '.join(more)})" if more else ""
    return (f"{', '.join(sorted(names))} cannot move to {module}: while the old module loads, "
            f"the code at line {line} runs `{first.via}`, whose code imports `{first.name}`"
            f"{also} from the old module ({first.path}:{first.line}); moved, it runs while the "
            "facade imports its new module, before the facade binds that name (ImportError: "
            "a partially initialized module), so it stays in the old module, which runs it "
            "after the re-exports")
