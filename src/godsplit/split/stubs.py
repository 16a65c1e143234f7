"""Split a `.pyi` stub beside the god file along the split's mapping.

A type checker reads `big.pyi` instead of `big.py`. When `big.py` is split, each new
module `pkg/x.py` gets a stub `pkg/x.pyi` holding the stub definitions of the names that
moved to `x.py` (an `@overload` group, a class body, an `if sys.version_info` block: each
as one top-level statement, byte-for-byte), with the stub's imports it reads (re-based)
and imports of the sibling stubs' names it reads. The facade's stub (`__init__.pyi`, or
the `.pyi` beside a module facade) keeps what the old stub had for itself (its
docstring, `__all__`, its re-exports, what the facade keeps) and re-exports every moved
name as `from .x import A as A`, the form a stub needs for a public re-export.

Names only the stub defines follow their readers: a TypeVar (or ParamSpec,
TypeVarTuple) is copied into each stub that reads it, as typeshed does; another helper
(an alias, a protocol) goes to the one stub that reads it, or to the shared module's stub
when several do (the first reader's when the split has no shared module), and the others
import it. A new module no stub name goes to still gets a stub: without one, type
checkers would check the untyped code the old stub hid.

When the old stub is formatter-clean, the new stubs are formatted (which only changes
the blank lines between statements that now meet); when not, each statement keeps its own
lines, and only the lines between statements are the formatter's. Generated imports are
sorted by the project's sorter. Both in one call per tool for all stubs of a split.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from ..files import read_source
from ..types import FACADE, GodsplitError, SplitConfig
from .analyze import Analysis, Unit, analyze
from .assign import DEFAULT_SHARED, Assignment
from .layout import Layout
from .module_head import docstring_for, header_comments
from .nodes import find_all
from .normalize import Block, normalize
from .render import _import_text
from .style import Style

_BUILTINS = frozenset(dir(builtins))
_TYPE_PARAMETERS = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple"})
_IMPORTS = ("future", "import", "type_checking")


def stub_of(source: Path) -> Path | None:
    """The `.pyi` stub beside a source module, if there is one."""
    stub = source.with_suffix(".pyi")
    return stub if stub.is_file() else None


def facade_stub(layout: Layout) -> Path:
    return layout.facade_path.with_suffix(".pyi")


def module_stub(layout: Layout, module: str) -> Path:
    return layout.path(module).with_suffix(".pyi")


def read_stub(path: Path) -> Analysis | None:
    """The stub, analyzed like a module; None when it cannot be read or parsed (then it
    is left as it is)."""
    try:
        return analyze(read_source(path))
    except (GodsplitError, OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class StubSplit:
    """Where each stub unit goes: unit id -> the modules (FACADE or a new module) that get
    it; a type parameter may go to several, every other unit to one."""

    homes: Mapping[int, tuple[str, ...]]
    shared: str

    def home(self, uid: int) -> str:
        return self.homes[uid][0]


def _is_type_parameter(stub: Analysis, unit: Unit) -> bool:
    """`_T = TypeVar("_T")` (or ParamSpec, TypeVarTuple; `typing.TypeVar` too)."""
    if len(unit.stmts) != 1 or len(unit.binds) != 1:
        return False
    stmt = stub.module.body[unit.first]
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    if not isinstance(small, cst.Assign) or not isinstance(small.value, cst.Call):
        return False
    func = small.value.func
    name = func.attr.value if isinstance(func, cst.Attribute) else (
        func.value if isinstance(func, cst.Name) else "")
    return name in _TYPE_PARAMETERS


def place(
    stub: Analysis, analysis: Analysis, assignment: Assignment, order: Sequence[str],
    shared: str = DEFAULT_SHARED,
) -> StubSplit:
    """Where each of the stub's definitions goes: with the code of the name it describes;
    a name only the stub defines, where the stubs that read it are."""
    home_of: dict[str, str] = {}
    for name, ids in analysis.binders.items():
        found = next((assignment.module_of[i] for i in ids if i in assignment.module_of), None)
        if found is not None:
            home_of[name] = found
    homes: dict[int, tuple[str, ...]] = {}
    pending: list[Unit] = []
    for unit in stub.units:
        if unit.kind in (*_IMPORTS, "docstring"):
            continue
        known = [home_of[n] for n in sorted(unit.binds) if n in home_of]
        if unit.kind != "definition":
            homes[unit.id] = (FACADE,)
        elif known:
            homes[unit.id] = (known[0],)
        else:
            pending.append(unit)
    readers_of: dict[str, list[int]] = {}
    for unit in stub.units:
        for read in unit.reads:
            readers_of.setdefault(read.name, []).append(unit.id)
    rank = {m: i for i, m in enumerate(order)}
    while pending:
        # a helper goes where its readers go: place one whose readers are all placed (the
        # first one left when helpers read each other in a cycle)
        ready = next((u for u in pending if all(
            r in homes or r == u.id for n in u.binds for r in readers_of.get(n, ())
        )), pending[0])
        pending.remove(ready)
        readers = {m for n in ready.binds for r in readers_of.get(n, ()) if r != ready.id
                   for m in homes.get(r, ())}
        modules = sorted(readers - {FACADE}, key=lambda m: rank.get(m, len(rank)))
        if _is_type_parameter(stub, ready):
            homes[ready.id] = tuple(sorted(readers, key=lambda m: rank.get(m, -1))) or (FACADE,)
        elif not modules:
            homes[ready.id] = (FACADE,)
        elif len(modules) == 1:
            homes[ready.id] = (modules[0],)
        else:
            homes[ready.id] = (shared if shared in rank else modules[0],)
    return StubSplit(homes, shared)


def split_stub(
    stub: Analysis, analysis: Analysis, assignment: Assignment, split: SplitConfig,
    layout: Layout, order: Sequence[str], style: Style | None, root: Path | None = None,
    kept_imported: Collection[str] = (),
) -> dict[Path, str]:
    """The text of each new stub: one per new module in `order`, and the facade's.
    `kept_imported`: names kept in the old module that new modules import from it."""
    placed = place(stub, analysis, assignment, order, split.shared or DEFAULT_SHARED)
    typed = {n for u in stub.units if u.kind != "docstring" for n in u.binds}
    files: dict[Path, tuple[str, str, str]] = {}  # path -> (head, imports, body)
    width = min(style.lint_line_length or style.line_length, style.doc_length or 999) if style else 88
    has_docstring = any(u.kind == "docstring" for u in stub.units)
    for module in order:
        head = header_comments(stub)
        if has_docstring:
            head += docstring_for(module, layout, width)
        package = layout.package_of(module)
        moved = {n for u in analysis.units if assignment.module_of.get(u.id) == module
                 for n in u.binds}
        missing = _untyped(analysis, moved - typed)
        imports, body = _contents(stub, placed, layout, module, package, missing)
        files[module_stub(layout, module)] = (head, imports, body)
    facade = _facade_head(stub)
    missing = _untyped(analysis, set(kept_imported) - typed)
    imports, body = _contents(stub, placed, layout, FACADE, layout.facade_package, missing)
    files[facade_stub(layout)] = (facade, imports, body)
    return _assemble(stub, files, style, root)


def _untyped(analysis: Analysis, names: Collection[str]) -> dict[str, str]:
    """The declaration of each name the old stub did not type, that another module now
    imports from the stub's module (the facade imports every moved name): the typeshed
    idiom for a type not written yet (`Incomplete`), for a class, a function or a value."""
    out = {}
    for name in sorted(names):
        unit = analysis.unit_of(name)
        nodes = [analysis.module.body[i] for i in unit.stmts] if unit is not None else []
        if any(isinstance(n, cst.ClassDef) and n.name.value == name for n in nodes):
            out[name] = (f"class {name}:\n    def __init__(self, *args: Incomplete, **kwargs: "
                         "Incomplete) -> None: ...\n    def __getattr__(self, name: str) -> "
                         "Incomplete: ...\n")
        elif any(isinstance(n, cst.FunctionDef) and n.name.value == name for n in nodes):
            out[name] = (f"def {name}(*args: Incomplete, **kwargs: Incomplete) -> "
                         "Incomplete: ...\n")
        else:
            out[name] = f"{name}: Incomplete\n"
    return out


def _facade_head(stub: Analysis) -> str:
    docstring = next((u for u in stub.units if u.kind == "docstring"), None)
    return header_comments(stub) + (stub.code(docstring.first) if docstring else "")


def _contents(
    stub: Analysis, placed: StubSplit, layout: Layout, module: str, package: str,
    untyped: Mapping[str, str],
) -> tuple[str, str]:
    """(the import lines, the definitions) of the stub of `module` (or FACADE), with the
    declarations of `untyped` names; the facade's imports end with its re-exports."""
    units = [u for u in stub.units if module in placed.homes.get(u.id, ())]
    bound = {n for u in units for n in u.binds}
    needed = {r.name for u in units for r in u.reads} - bound
    importing = [u for u in stub.units if u.kind in ("import", "type_checking")]
    if module == FACADE:  # the facade keeps the old stub's re-exports, and re-exports
        needed |= {n for u in importing for n in _reexported(stub, u)}
    if untyped and any("Incomplete" in u.binds for u in importing):
        needed.add("Incomplete")
    # imports of the names defined in other stubs (re-exports: every moved name), under
    # the `if sys.version_info ...` that defines them
    moved: list[tuple[Unit, str, list[str]]] = []
    for unit in stub.units:
        homes = placed.homes.get(unit.id, ())
        names = sorted(unit.binds - bound) if module == FACADE else sorted(unit.binds & needed)
        if homes and module not in homes and names:
            moved.append((unit, placed.home(unit.id), names))
    sibling_lines: list[str] = []
    late: list[str] = []
    for unit, target, names in moved:
        ref = layout.old_ref(module) if target == FACADE else (
            layout.facade_ref(target) if module == FACADE else layout.module_ref(module, target))
        text, reads = _guarded(stub, unit, [f"{n} as {n}" if module == FACADE else n
                                            for n in names], ref)
        (late if reads else sibling_lines).append(text)
        needed |= reads
    while True:  # `if sys.version_info >= ...:` around imports reads `sys`
        more = {r.name for u in importing if u.binds & needed for r in u.reads} - needed
        if not more:
            break
        needed |= more
    lines = ["from _typeshed import Incomplete\n"] if untyped and "Incomplete" not in needed else []
    unbound = needed - {n for u in stub.units for n in u.binds}
    star = bool(unbound - _BUILTINS) or module == FACADE  # a name only `*` can provide
    for unit in stub.units:
        if unit.kind == "future":
            lines.append(stub.code(unit.first).lstrip("\n"))
        elif unit.kind in ("import", "type_checking"):
            if unit.id in stub.star_imports:
                keep = {"*"} if star else set()
            else:
                keep = needed & unit.binds
            if keep:
                text = _import_text(stub, unit, keep, layout.old_package, package, False)
                lines.append(text.lstrip("\n"))
    body = "".join(stub.code(i) for u in units for i in u.stmts)
    if untyped:
        body += ("\n\n# godsplit: not typed by the old stub; other modules import it from here\n"
                 + "".join(untyped.values()))
    return "".join(lines + sibling_lines + late), body


def _guarded(stub: Analysis, unit: Unit, names: list[str], ref: str) -> tuple[str, set[str]]:
    """`from <ref> import <names>`; for names an `if sys.version_info ...:` block defines,
    the same `if` around it (each branch importing what it defines), and the names its
    tests read."""
    stmt = stub.module.body[unit.first]
    if len(unit.stmts) != 1 or not isinstance(stmt, cst.If):
        return f"from {ref} import {', '.join(names)}\n", set()
    wanted = {n.split(" ")[0]: n for n in names}
    out, reads = [], set()
    branch: cst.If | cst.Else | None = stmt
    keyword = "if"
    while branch is not None:
        test = ""
        if isinstance(branch, cst.If):
            test = " " + stub.module.code_for_node(branch.test)
            reads |= _names_in(branch.test)
        found = sorted(_bound_in(branch.body) & wanted.keys())
        line = f"from {ref} import {', '.join(wanted[n] for n in found)}" if found else "pass"
        if found or isinstance(branch, cst.If):
            out.append(f"{keyword}{test}:\n    {line}\n")
        keyword = "elif"
        branch = branch.orelse if isinstance(branch, cst.If) else None
        if isinstance(branch, cst.Else):
            keyword = "else"
    return "".join(out), reads


def _names_in(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)  # `sys.version_info`: `sys`, not `version_info`
            return False

    node.visit(_Names())
    return found


def _bound_in(block: cst.BaseSuite) -> set[str]:
    """The names the statements of a block bind (definitions, assignments, imports)."""
    found: set[str] = set()
    for stmt in getattr(block, "body", ()):
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            found.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
                    [small.target] if isinstance(small, cst.AnnAssign) else [])
                found |= {t.value for t in targets if isinstance(t, cst.Name)}
        elif isinstance(stmt, cst.If):
            found |= _bound_in(stmt.body) | (_bound_in(stmt.orelse.body) if stmt.orelse else set())
    return found


def _reexported(stub: Analysis, unit: Unit) -> set[str]:
    """The names an import of the old stub re-exports: `X as X`, and `from . import X`."""
    names: set[str] = set()
    for index in unit.stmts:
        stmt = stub.module.body[index]
        imports: list[cst.Import | cst.ImportFrom] = [*find_all(stmt, cst.Import),
                                                      *find_all(stmt, cst.ImportFrom)]
        for node in imports:
            if isinstance(node.names, cst.ImportStar):
                continue
            relative_only = isinstance(node, cst.ImportFrom) and node.module is None
            for alias in node.names:
                asname = alias.asname
                target = asname.name if asname is not None else None
                if relative_only or (isinstance(target, cst.Name) and isinstance(
                        alias.name, cst.Name) and target.value == alias.name.value):
                    names.add(target.value if isinstance(target, cst.Name) else
                              cst.helpers.get_full_name_for_node_or_raise(alias.name))
    return names


def _assemble(
    stub: Analysis, files: Mapping[Path, tuple[str, str, str]], style: Style | None,
    root: Path | None,
) -> dict[Path, str]:
    """Each stub's text: its imports sorted, and its definitions formatted when the old
    stub was formatter-clean (else as they were, with their own blank lines)."""
    bodies = {path: body.lstrip("\n") for path, (_, _, body) in files.items()}
    imports = {path: text for path, (_, text, _) in files.items()}
    if style is not None and files:
        anchor = next(iter(files))
        original = stub.source.text
        blocks = [Block(original)] + [b for path in files for b in (
            Block(imports[path], sort=True), Block(bodies[path]))]
        done = normalize(blocks, style, anchor, root)
        clean = done[0].strip("\n") == original.strip("\n")
        for i, path in enumerate(files):
            imports[path] = done[1 + 2 * i]
            bodies[path] = done[2 + 2 * i] if clean else _between(bodies[path],
                                                                  done[2 + 2 * i])
    out = {}
    for path, (head, _, _) in files.items():
        parts = [p.strip("\n") + "\n" for p in (head, imports[path], bodies[path]) if p.strip()]
        out[path] = "\n".join(parts)
    return out


def _between(text: str, formatted: str) -> str:
    """`text` with the lines between its top-level statements (blank lines, comments) as
    they are in `formatted`, the formatter's version of it: definitions that now meet are
    spaced as the formatter spaces them, and each keeps its own lines."""
    try:
        mine, theirs = ast.parse(text).body, ast.parse(formatted).body
    except SyntaxError:
        return text
    if len(mine) != len(theirs):
        return text
    lines, ours = text.splitlines(keepends=True), formatted.splitlines(keepends=True)
    out: list[str] = []
    end = 0
    for stmt, twin in zip(mine, theirs, strict=True):
        out += ours[end:_first_line(twin) - 1]
        out += lines[_first_line(stmt) - 1:stmt.end_lineno]
        end = twin.end_lineno or 0
    return "".join(out + ours[end:])


def _first_line(stmt: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(stmt, "decorator_list", [])
    return min([stmt.lineno, *(d.lineno for d in decorators)])
