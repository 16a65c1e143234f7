"""GS124 by the order the package's modules actually run: what its `__init__.py` imports.

`default_commands = []`, then `default_commands.append(fields_cmd)`, ...,
`default_commands.append(config_cmd)` after each command (beets' `ui/commands.py`): with
each command in a module of its own, the appends run in the order the modules run, and
`import_order.in_source_order` accepts that only when explicit imports between the new
modules order them. In the package layout the facade is the package's `__init__.py`, and
Python runs it before any of its submodules, however they are imported (`import
pkg.sub` imports `pkg` first): its imports, in the order they are written, decide the
order the new modules' code runs (each running its own imports first; a module already
started, in a cycle, is not run again). That order is found here from the texts the plan
writes, as the project's sorter left them, so a registration order the facade's imports
keep is accepted, and any other still refused.

Nothing is assumed where the order is not known statically: a sibling layout (its
package's modules can be imported without the facade), an import of a new module inside
a function, a class body or a conditional block that is not finished by then, an
`importlib.import_module` or `__import__` call, a module whose code is cut in two by an
import (where in it its events fall is not followed): the plan keeps its GS124. Those it
accepts get a GS153 note, and the facade's import block a comment naming the object, which
`retire` (removing the re-exports, so the order then depends on the consumers) looks for.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import FACADE, Finding
from .doc_length import comment_lines

if TYPE_CHECKING:
    from .layout import Layout

ORDER_MARK = "godsplit: GS153"  # in the facade's comment: `retire` finds it


def run_order(layout: Layout, modules: Sequence[str], texts: Mapping[Path, str],
              ) -> tuple[str, ...] | None:
    """The new modules (and FACADE) in the order their code (not their imports) runs when
    the package is imported, a module listed once per stretch of its code; None where it
    cannot be known (see the module's docstring)."""
    if layout.kind != "package" or not layout.facade_is_package or (
            layout.new_package != layout.old_module):
        return None
    keys = {layout.dotted(m): m for m in modules} | {layout.old_module: FACADE}
    bodies: dict[str, list[ast.stmt]] = {}
    packages: set[str] = {layout.old_module}
    for path, text in texts.items():
        try:
            relative = path.relative_to(layout.package_dir).with_suffix("")
        except ValueError:
            continue
        parts = relative.parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
            packages.add(".".join((layout.old_module, *parts)))
        try:
            bodies[".".join((layout.old_module, *parts))] = ast.parse(text).body
        except SyntaxError:
            return None
    for module in modules:  # a subpackage's `__init__.py` the plan does not write: unknown
        above = module.split(".")[:-1]
        inits = [layout.package_dir.joinpath(*above[:i], "__init__.py")
                 for i in range(1, len(above) + 1)]
        if any(init not in texts and init.exists() for init in inits):
            return None
    return _Runner(bodies, packages, keys).run(layout.old_module)


class _Unknown(Exception):
    """The order cannot be known statically."""


class _Runner:
    def __init__(self, bodies: dict[str, list[ast.stmt]], packages: set[str],
                 keys: dict[str, str]) -> None:
        self.bodies, self.packages, self.keys = bodies, packages, keys
        self.started: set[str] = set()
        self.finished: set[str] = set()
        self.trace: list[str] = []

    def run(self, entry: str) -> tuple[str, ...] | None:
        try:
            self._module(entry)
        except _Unknown:
            return None
        if not set(self.keys) <= self.finished:
            return None  # a new module the package's import does not run
        return tuple(self.trace)

    def _module(self, name: str) -> None:
        if name in self.started or name not in self.bodies:
            return
        parent = name.rpartition(".")[0]
        if parent in self.bodies:  # `import pkg.a.b` runs `pkg`, then `pkg.a`, first
            self._module(parent)
        self.started.add(name)
        for stmt in self.bodies[name]:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for target in self._targets(name, stmt):
                    self._module(target)
            elif _docstring(stmt) or _type_checking(stmt):
                continue
            else:
                self._lazy(name, stmt)
                key = self.keys.get(name, name)
                if not self.trace or self.trace[-1] != key:
                    self.trace.append(key)
        self.finished.add(name)

    def _lazy(self, name: str, stmt: ast.stmt) -> None:
        """An import of a package module inside `stmt` (a function, a class body, an
        `if`) may run it at any time: only one started already (whose code runs once)
        keeps the order known."""
        for node in ast.walk(stmt):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if not set(self._targets(name, node)) <= self.started:
                    raise _Unknown
            elif isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id in _DYNAMIC)
                    or (isinstance(node.func, ast.Attribute) and node.func.attr in _DYNAMIC)):
                raise _Unknown

    def _targets(self, name: str, stmt: ast.Import | ast.ImportFrom) -> list[str]:
        """The package's modules `stmt` in module `name` imports, in the order it does."""
        if isinstance(stmt, ast.Import):
            found = [alias.name for alias in stmt.names]
        else:
            base = stmt.module or ""
            if stmt.level:
                package = name if name in self.packages else name.rpartition(".")[0]
                for _ in range(stmt.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            found = [base] + [f"{base}.{alias.name}" for alias in stmt.names]
            for alias in stmt.names:  # `from pkg import a`: the submodule only where `pkg`
                # has no attribute `a` yet; one bound otherwise is not followed
                if f"{base}.{alias.name}" in self.bodies and base in self.bodies and (
                        f"{base}.{alias.name}" not in self.started) and _binds(
                        self.bodies[base], alias.name, f"{base}.{alias.name}"):
                    raise _Unknown
        out = []
        for full in found:  # `import pkg.a.b`: `pkg.a`, then `pkg.a.b`
            parts = full.split(".")
            out += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        return [m for m in dict.fromkeys(out) if m in self.bodies]


def _binds(body: list[ast.stmt], name: str, submodule: str) -> bool:
    """Whether top-level code of `body` binds `name` otherwise than by importing it (or
    from it) as `submodule` (relative imports counted as binding: not resolved here)."""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
                return True
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and (
                    node.name == name):
                return True
            if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                    (a.asname or a.name.split(".")[0]) == name for a in node.names) and not (
                    isinstance(node, ast.ImportFrom) and node.level == 0
                    and f"{node.module}.{name}" == submodule):
                return True
    return False


_DYNAMIC = frozenset({"import_module", "__import__", "reload"})


def _docstring(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str))


def _type_checking(stmt: ast.stmt) -> bool:
    """`if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`) without an `else`: never runs."""
    return isinstance(stmt, ast.If) and not stmt.orelse and is_type_checking(stmt.test)


def is_type_checking(test: ast.expr) -> bool:
    """An `if` test that is `TYPE_CHECKING` (or `typing.TYPE_CHECKING`): false at run time."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def in_run_order(modules: Sequence[str], trace: Sequence[str]) -> bool:
    """Whether code in `modules` (one per event, in source order) runs in that order: each
    module's events are consecutive, and the modules are single stretches of `trace` in
    that order. The old module's kept code comes after the new modules' imports: as
    `in_source_order`, only last."""
    runs = [m for i, m in enumerate(modules) if i == 0 or modules[i - 1] != m]
    if len(runs) != len(set(runs)) or FACADE in runs[:-1]:
        return False
    where = []
    for module in (m for m in runs if m != FACADE):
        at = [i for i, m in enumerate(trace) if m == module]
        if len(at) != 1:
            return False
        where.append(at[0])
    return where == sorted(where)


def order_note(subject: str, modules: Sequence[str], path: str, line: int) -> Finding:
    listed = ", ".join(dict.fromkeys(
        "the old module" if m == FACADE else m for m in modules))
    return Finding(
        "GS153", "info", f"code run at import time changes {subject} from several modules "
        f"({listed}); the package's `__init__.py` imports them so that it runs in source "
        "order: keep the order of its imports (a comment there says so); `retire` refuses "
        "to remove them", path, line)


def subject(note: Finding) -> str:
    return note.message.removeprefix("code run at import time changes ").partition(
        " from several modules")[0]


def marked(facade: str, notes: Sequence[Finding], marker: str) -> str:
    """The facade with a comment after godsplit's marker: the order of its imports is
    what keeps `notes`' objects in order, and `retire` must not remove them."""
    names = ", ".join(dict.fromkeys(subject(n) for n in notes))
    comment = "\n".join(comment_lines(f"{ORDER_MARK}: the order of the imports below runs "
                                      f"the code changing {names} in source order; keep it."))
    comment += "\n"
    out = facade.splitlines(keepends=True)
    at = next((i for i, text in enumerate(out) if text.startswith(marker)), None)
    if at is None:
        return facade
    at += 1
    while at < len(out) and out[at].startswith("# ") and not out[at - 1].rstrip().endswith(
            "now."):
        at += 1
    return "".join([*out[:at], comment, *out[at:]])


def _mark_line(facade: str) -> int | None:
    """The line of the facade's GS153 comment, if it has one."""
    return next((i for i, line in enumerate(facade.splitlines(), 1) if ORDER_MARK in line), None)


def retire_finding(facade: str, path: Path) -> Finding | None:
    """`retire` of a package whose `__init__.py` orders code changing an object (GS153):
    without its imports, the new modules run in the order their importers import them."""
    at = _mark_line(facade)
    if at is None:
        return None
    return Finding(
        "GS154", "error", "this package's imports run code in its modules that changes an "
        "object at import time in source order (GS153, the comment here names it); without "
        "them the modules would run in the order importers import them: map that code to "
        "one module, or import the modules in that order in the code kept here and delete "
        "the comment, then retire", str(path), at)


def migrate_finding(facade: str, path: Path, rewritten: Sequence[Path], root: Path,
                    ) -> Finding | None:
    """`migrate` pointing importers of a package whose `__init__.py` orders code changing
    an object (GS153) at its submodules: each still runs `__init__.py` first, except one
    imported while the package itself is (a cycle), which runs the submodule it names
    early."""
    at = _mark_line(facade)
    if at is None or not rewritten:
        return None
    shown = ", ".join(str(p.relative_to(root)) for p in rewritten[:5])
    more = f" and {len(rewritten) - 5} more" if len(rewritten) > 5 else ""
    return Finding(
        "GS154", "warning", "this package's imports run code in its modules that changes an "
        f"object at import time in source order (GS153); {shown}{more} now "
        f"import{'s' if len(rewritten) == 1 else ''} its submodules directly: Python "
        "still runs this `__init__.py` first, unless one of "
        "them is imported while the package itself is being imported (an import cycle), "
        "when the submodule it names runs before those imported here first and the order "
        "changes", str(path), at)
