"""GS119: the module's own code reads an object's `__module__` while classes and functions
move without keep-module-name.

Two kinds of read are exempted: the key of a private cache that nothing else sees
(`module_keys`, cmd2's `CommandParsers`), and an attribute of a standard-library module
that no code of the project sets (`foreign_reads`, rich's `sys.stdin.__module__`); and a
read only of an Enum class when no moved code is or makes one (`enum_guard`, hypothesis). What a
read answers depends on which objects reach it, and the moved ones are not only the
moved classes and functions: a nested function, a lambda or a class made by `type()` in
moved code reports the new module too.
Measured on the standard library and the packages installed beside godsplit, about half the reads are of a
parameter or a local (`cls.__module__` in `_generate_unique_filename(cls, ...)`), and
about a third of `self`, `cls`, `self.__class__` or `type(self)`, whose class can be a
moved subclass or a class a moved method was copied to; attrs passes its own classes to
the helpers that read its users' `cls.__module__`, and bottle's `Route.__repr__` reads
the module of a callback that can be a function nested in `Bottle.mount`. The reads of a
name bound only to an import or to a definition that stays (the only ones a static
check could prove unchanged) were under 1%, so the message names what the read can see
instead: the class that `self` belongs to and its moved subclasses, or the moved
definitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .enum_guard import enum_only, moved_enums
from .foreign_reads import stdlib_attribute_read
from .main_guards import is_main_block
from .module_keys import cache_key_only
from .nodes import path_to, walk

_SELVES = frozenset({"self", "cls", "mcs", "metacls"})
_SHOWN = 3


def _stores(stmt: cst.CSTNode) -> set[int]:
    """The nodes (ids) a statement assigns to or deletes."""
    out: set[int] = set()
    for node in walk(stmt):
        if isinstance(node, cst.Assign):
            out |= {id(t.target) for t in node.targets}
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.Del)):
            out.add(id(node.target))
    return out


def mentions_module(text: str) -> bool:
    """Whether source text may read an object's `__module__` (see `module_reads`)."""
    return "__module__" in text or "getmodule(" in text


def module_reads(stmt: cst.CSTNode) -> list[cst.CSTNode]:
    """The reads of an object's `__module__` in a statement (`cls.__module__`,
    `getattr(x, "__module__", None)`, `inspect.getmodule(x)`, which looks the object's
    `__module__` up in `sys.modules`), not the assignments to it."""
    stores = _stores(stmt)
    out: list[cst.CSTNode] = []
    for node in walk(stmt):
        if isinstance(node, cst.Attribute) and node.attr.value == "__module__":
            if id(node) not in stores:
                out.append(node)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and (
                node.func.value == "getattr") and len(node.args) >= 2 and isinstance(
                name := node.args[1].value, cst.SimpleString) and (
                name.evaluated_value == "__module__"):
            out.append(node)
        elif isinstance(node, cst.Call) and node.args and cst.helpers.get_full_name_for_node(
                node.func) in ("inspect.getmodule", "getmodule"):
            out.append(node)
    return out


def _receiver(read: cst.CSTNode) -> cst.BaseExpression:
    if isinstance(read, cst.Attribute):
        return read.value
    assert isinstance(read, cst.Call)
    return read.args[0].value


def _of_self(receiver: cst.BaseExpression) -> bool:
    """`self`, `cls`, `self.__class__`, `type(self)`: the object's own class."""
    if isinstance(receiver, cst.Name):
        return receiver.value in _SELVES
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "__class__":
        return _of_self(receiver.value)
    return (isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name)
            and receiver.func.value == "type" and len(receiver.args) == 1
            and _of_self(receiver.args[0].value))


def _path(node: cst.CSTNode, target: cst.CSTNode) -> list[cst.CSTNode]:
    """The classes and functions from `node` down to `target` (none: not under it)."""
    return [n for n in path_to(node, target) or [] if isinstance(n, (cst.ClassDef, cst.FunctionDef))]


def _classes(analysis: Analysis) -> dict[str, set[str]]:
    """Each class of the source -> the names of its bases."""
    return {stmt.name.value: {full.rpartition(".")[2] for arg in stmt.bases
                              if (full := cst.helpers.get_full_name_for_node(arg.value))}
            for stmt in analysis.module.body if isinstance(stmt, cst.ClassDef)}


def _family(bases: dict[str, set[str]], name: str) -> set[str] | None:
    """`name` and the classes of the source that derive from it, directly or not; None for a
    metaclass (its `cls` is a class it makes, not an instance of it)."""
    up, todo = set(), [name]
    while todo:
        current = todo.pop()
        up.add(current)
        todo += [b for b in bases.get(current, ()) if b not in up]
    if up & {"type", "ABCMeta", "EnumMeta", "EnumType"}:
        return None
    family, grown = {name}, True
    while grown:
        more = {c for c, b in bases.items() if b & family} - family
        family |= more
        grown = bool(more)
    return family


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _moved(analysis: Analysis, module_of: dict[int, str]
           ) -> Iterator[tuple[int, cst.ClassDef | cst.FunctionDef, str]]:
    """The top-level classes and functions that move: statement index, node, new module."""
    for unit in analysis.units:
        module = module_of.get(unit.id, FACADE)
        if unit.kind != "definition" or module == FACADE:
            continue
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
                yield index, stmt, module


def _line(analysis: Analysis, index: int, found: str,
          owners: Sequence[cst.CSTNode] = ()) -> int:
    """The line of `found`'s first occurrence in statement `index` (else its first line),
    within the classes and functions around it (`owners`, outermost first): the same
    expression in an earlier method is another read."""
    text = analysis.code(index)
    start = 0
    for owner in owners:
        if isinstance(owner, (cst.ClassDef, cst.FunctionDef)):
            head = re.search(rf"\b{'class' if isinstance(owner, cst.ClassDef) else 'def'}\s+"
                             rf"{owner.name.value}\b", text[start:])
            start += head.start() if head else 0
    at = text.find(found, start)
    return analysis.stmt_lines[index] + text[:at if at >= 0 else start].count("\n")


def _where(owners: list[cst.CSTNode]) -> str:
    """` in Class.method`: the classes and functions a read is in (or nothing)."""
    where = ".".join(o.name.value for o in owners
                     if isinstance(o, (cst.ClassDef, cst.FunctionDef)))
    return f" in {where}" if where else ""


def _what_changes(analysis: Analysis, module_of: dict[int, str], owners: list[cst.CSTNode],
                  receiver: cst.BaseExpression) -> str:
    moved = {stmt.name.value: module for _, stmt, module in _moved(analysis, module_of)}
    classes = [o.name.value for o in owners if isinstance(o, cst.ClassDef)]
    family = _family(_classes(analysis), classes[-1]) if classes and _of_self(receiver) else None
    hit = sorted(n for n in family or () if n in moved)
    if hit:
        return (f"whose class can be {_listed(hit)} (moving to "
                f"{_listed(sorted({moved[n] for n in hit}))})")
    names = list(moved)
    return (f"which can be one of the {len(names)} moved classes and functions "
            f"({_listed(names)}) or an object their code makes (a nested function, a class "
            "made by type())")


def read_findings(analysis: Analysis, module_of: dict[int, str]) -> list[Finding]:
    """GS119: each statement of the source that reads `__module__`, at the first read's line,
    naming the expression, where it is, and which moved definitions it can see."""
    out = []
    code = cst.Module([]).code_for_node
    enums: list[bool] = []  # whether moved code can be or make an Enum, once asked

    def moved() -> bool:
        enums[:] = enums or [moved_enums(analysis, module_of)]
        return enums[0]

    for index, stmt in enumerate(analysis.module.body):
        text = analysis.code(index)
        if not mentions_module(text):
            continue
        reads = [r for r in module_reads(stmt) if not cache_key_only(analysis, stmt, r)
                 and not stdlib_attribute_read(analysis, _receiver(r), _path(stmt, r))]
        reads = [r for r in reads if not enum_only(analysis, stmt, r, _receiver(r))
                 or moved()]
        for read in reads[:1]:
            found = code(read)
            owners = _path(stmt, read)
            seen = _what_changes(analysis, module_of, owners, _receiver(read))
            out.append(Finding(
                "GS119", "error", f"`{found}`{_where(owners)} reads an "
                f"object's __module__, {seen}: each would report its new module, so this "
                "code could answer otherwise (an "
                "import path, a repr, a lookup by module name); set `keep-module-name = "
                "true` to keep the old module's name on the moved classes and functions",
                str(analysis.path), _line(analysis, index, found, owners),
            ))
    return out


def _runs_at_import(analysis: Analysis, owners: list[cst.CSTNode]) -> bool:
    """Whether code at this place runs while the module is imported: top-level or class-body
    code, or a function or method its top-level code runs (`analysis.at_import`)."""
    defs = [o for o in owners if isinstance(o, cst.FunctionDef)]
    if not defs:
        return True
    first = owners.index(defs[0])
    if first == 0:
        return defs[0].name.value in analysis.at_import
    owner = owners[0]
    return first == 1 and isinstance(owner, cst.ClassDef) and (
        f"{owner.name.value}.{defs[0].name.value}" in analysis.at_import)


def import_time_findings(analysis: Analysis) -> list[Finding]:
    """GS216, under keep-module-name: a read of `__module__` that runs while the module is
    imported. keep-module-name sets the old module's name back once the new modules are
    imported (a class statement's decorators and the code after it ran with the new one):
    attrs' `Factory = _add_hash(...)` names generated methods' files after it, and a
    registry keyed by `cls.__module__` at import time would hold the new module's name."""
    out = []
    code = cst.Module([]).code_for_node
    for index, stmt in enumerate(analysis.module.body):
        text = analysis.code(index)
        if not mentions_module(text) or is_main_block(stmt):
            continue
        for read in module_reads(stmt):
            owners = _path(stmt, read)
            if not _runs_at_import(analysis, owners):
                continue
            found = code(read)
            out.append(Finding(
                "GS216", "warning", f"`{found}`{_where(owners)} may run while the module "
                "is imported (calls at import time are followed by name, through every "
                "method of that name): keep-module-name gives the moved classes and "
                "functions the old module's name only once the new modules are imported, "
                "so there a moved one still reports its new module (a name or registry key "
                "made then differs); keep what it reads then in the old module",
                str(analysis.path), _line(analysis, index, found, owners),
            ))
            break
    return out


Made = list[tuple[str, "cst.FunctionDef | cst.ClassDef"]]


def _made_when_run(stmt: cst.CSTNode, owner: str) -> Made:
    """The functions and classes a definition's code makes when it runs: `def`s and
    classes nested in its functions (a decorator's wrapper), each with where it is."""
    out: Made = []

    def visit(node: cst.CSTNode, where: str, running: bool) -> None:
        for child in node.children:
            if isinstance(child, (cst.FunctionDef, cst.ClassDef)):
                if running:
                    out.append((f"{child.name.value} in {where}", child))
                inner = isinstance(child, cst.FunctionDef) or running
                visit(child, f"{where}.{child.name.value}", inner)
            else:
                visit(child, where, running)

    visit(stmt, owner, isinstance(stmt, cst.FunctionDef))
    return out


def made_findings(analysis: Analysis, module_of: dict[int, str]) -> list[Finding]:
    """GS217, under keep-module-name, when the source reads `__module__`: the functions and
    classes moved code makes when it runs report the new module (their `__module__` is the
    `__name__` of the module whose code made them); keep-module-name reaches only the
    definitions that exist once the new modules are imported. bottle's `Bottle.mount` makes
    `mountpoint_wrapper` per call, and `Route.__repr__` names its module. One warning, at the
    first such definition."""
    made: Made = []
    line = 0
    for index, stmt, _ in _moved(analysis, module_of):
        found = _made_when_run(stmt, stmt.name.value)
        if found and not made:  # the line of the first: its `def` or `class`
            node = found[0][1]
            kind = "class " if isinstance(node, cst.ClassDef) else "def "
            line = _line(analysis, index, kind + node.name.value)
        made += found
    if not made:
        return []
    names = [name for name, _ in made]
    shown = _listed(names)
    return [Finding(
        "GS217", "warning", f"the source reads __module__, and moved code makes "
        f"{len(names)} function{'s' if len(names) != 1 else ''} or class"
        f"{'es' if len(names) != 1 else ''} when it runs ({shown}): these report their new "
        "module even with keep-module-name, which renames only what the new modules define; "
        "if the code reading __module__ can see them, keep their makers in the old module",
        str(analysis.path), line,
    )]
