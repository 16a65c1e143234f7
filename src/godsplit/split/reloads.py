"""Where the project reloads the old module: `importlib.reload(old)`, through its aliases.

A reloaded module runs its code again in the same module object. Split, that code is the
facade's, whose imports of the new modules find them imported already: what they made at
import time (pagure's tests reload `pagure.lib.tasks` to make its Celery app anew from the
configuration of now) would stay that of the first import. The facade of a module the
project reloads carries `runtime/reload_modules.py`, which runs them again; no other does
(about 70 lines). Found statically, as `--rewrite-references` finds patch targets (the same
walk of the project's files and the same reading of imports): `reload(X)` or
`<anything>.reload(X)` (`importlib`, `imp`, an alias of either; a bare `reload` only
where the file binds it: Python 2's builtin, which Python 3 lacks, reloads nothing, as in
httplib2's legacy Python 2 tests) where `X` is the old
module's dotted name, a name an import binds to it (in any scope), `sys.modules["old"]` or
`import_module("old")`. A reload of a module held in a variable is not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider

from ..files import read_source
from ..nesting import check_text
from ..types import Finding, GodsplitError
from .project_walk import project_files
from .references import import_aliases

_CALLED = re.compile(rb"\breload(?:_module)?\s*\(|\breload(?:_module)?\s+as\b")  # a call, or renamed
RELOADERS = frozenset({"reload", "reload_module"})  # importlib's, imp's; six.moves'


@dataclass(frozen=True)
class Reload:
    """One call that reloads the old module."""

    path: Path
    line: int


class _Imports(cst.CSTVisitor):
    """What the file's imports (at any depth) bind to the old module, and to `reload`."""

    def __init__(self, old: str) -> None:
        self.old = old
        self.aliases: set[str] = set()
        self.reloaders: set[str] = set()  # the bare names that call a reload

    def visit_Import(self, node: cst.Import) -> None:
        self.aliases |= import_aliases(node, self.old)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.aliases |= import_aliases(node, self.old)
        if isinstance(node.names, cst.ImportStar):
            if node.module is not None and get_full_name_for_node(node.module) in (
                    "importlib", "imp"):
                self.reloaders.add("reload")
            return
        for alias in node.names:
            bound = alias.asname.name if isinstance(alias.asname, cst.AsName) else alias.name
            if not isinstance(bound, cst.Name):
                continue
            if get_full_name_for_node(alias.name) in RELOADERS:
                self.reloaders.add(bound.value)  # `from importlib import reload as r`
            elif bound.value == "reload":  # whatever it is, the file binds the name
                self.reloaders.add("reload")

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == "reload":
            self.reloaders.add("reload")

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.name.value == "reload":
            self.reloaders.add("reload")


class _Reloads(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, old: str, imports: _Imports, positions: bool = True) -> None:
        super().__init__()
        self.old, self.names = old, {old} | imports.aliases
        self.reloaders = imports.reloaders
        self.positions = positions  # without: 0 for each, from a first pass that only counts
        self.lines: list[int] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        called = (isinstance(func, cst.Attribute) and func.attr.value in RELOADERS) or (
            isinstance(func, cst.Name) and func.value in self.reloaders)
        if called and node.args and self._is_old(node.args[0].value):
            where = self.get_metadata(PositionProvider, node) if self.positions else None
            self.lines.append(where.start.line if where is not None else 0)

    def _is_old(self, arg: cst.BaseExpression) -> bool:
        if isinstance(arg, (cst.Name, cst.Attribute)):
            return get_full_name_for_node(arg) in self.names
        if isinstance(arg, cst.Subscript) and len(arg.slice) == 1:  # sys.modules["old"]
            index = arg.slice[0].slice
            return isinstance(index, cst.Index) and self._names_old(index.value)
        if isinstance(arg, cst.Call) and arg.args:  # import_module("old")
            func = get_full_name_for_node(arg.func) or ""
            return func.rpartition(".")[2] == "import_module" and self._names_old(
                arg.args[0].value)
        return False

    def _names_old(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.SimpleString) and node.evaluated_value == self.old


def search_project(root: Path, exclude: Collection[Path], wanted: Callable[[bytes], bool],
                   lines: Callable[[cst.Module], Sequence[int]]) -> list[tuple[Path, int]]:
    """(file, line) of what `lines` finds in each of the project's Python files (but
    `exclude`, resolved) whose bytes `wanted` accepts, parsed. A file that cannot be read
    or parsed is not searched (`apply --rewrite-references` and `migrate` name it)."""
    found: list[tuple[Path, int]] = []
    for path in project_files(root):
        if path.resolve() in exclude:
            continue
        try:
            data = path.read_bytes()
            if not wanted(data):
                continue
            text = read_source(path).text
            check_text(text, path)  # before LibCST: minutes on a 20,000-term chain
            found.extend((path, line) for line in lines(cst.parse_module(text)))
        except (OSError, GodsplitError, cst.ParserSyntaxError, RecursionError):
            continue
    return found


def find_reloads(root: Path, old: str, exclude: Collection[Path] = ()) -> tuple[Reload, ...]:
    """Every call in the project's Python files (but `exclude`, resolved) that reloads
    module `old`."""
    last = old.rpartition(".")[2].encode()

    def lines(module: cst.Module) -> list[int]:
        imports = _Imports(old)
        module.visit(imports)
        visitor = _Reloads(old, imports, positions=False)
        module.visit(visitor)
        if visitor.lines:  # positions cost twice the parse: only where there is one
            visitor = _Reloads(old, imports)
            MetadataWrapper(module, unsafe_skip_copy=True).visit(visitor)
        return visitor.lines

    return tuple(Reload(path, line) for path, line in search_project(
        root, exclude, lambda data: last in data and _CALLED.search(data) is not None, lines))


def reload_findings(reloads: Sequence[Reload], old: str) -> list[Finding]:
    """GS136 for each reload: why the facade carries the code that runs the new modules
    again."""
    return [Finding("GS136", "info", (
        f"the project reloads {old!r} here: its facade runs the new modules' code again on a "
        "reload (as the module ran all its code again), so what they make at import time is "
        "made anew"), str(r.path), r.line) for r in reloads]
