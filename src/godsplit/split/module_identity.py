"""Import-time code that finds the module it runs in by name, which a split changes.

Three forms, found in installed libraries:

- a top-level call handed the module's own name with one of its objects,
  `deprecated(X509Req, __name__, "...", name="X509Req")`: such a call may wrap the module
  in `sys.modules` or set names on it (a deprecation proxy) while it imports: no mapping
  keeps what importing the module gives (GS116);
- a class created by a metaclass of the module whose code reads `sys.modules`
  (`setattr(sys.modules[dict_["__module__"]], "Meta" + name, meta)`): run for a moved
  class, it finds the class's new module there, and the old module lacks what it sets:
  such classes stay in the old module (`created_by_hooks`);
- moved code comparing a module's name with the old module's (`f_globals["__name__"] !=
  "bs4.element"`, a frame walk to the first frame outside the module): it now runs in a
  module of another name, so the comparison answers otherwise (GS117).

GS116 and GS117 (and `own_file`'s GS156) are `SOURCE_ERRORS`: no mapping fixes them, the source must change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .classify import (
    UnitKind,
    declares_only_by_assignment,
    globals_aliases,
    reads_globals_inside,
    writes_globals,
)
from .frame_globals import own_namespace_readers, sets_own_attribute
from .globals_use import execs_into_module
from .namespace_bound import namespace_readers
from .nodes import walk

if TYPE_CHECKING:
    from .analyze import Analysis
    from .layout import Layout


def _name_handed(stmt: cst.BaseStatement, defined: set[str]) -> tuple[str, str] | None:
    """(the call, the object) of `call(obj, __name__, ..., name="obj")` in a statement
    binding nothing: given the module's name and the name of one of its globals, it may
    set that name on the module (a call handed only `__name__` and an object, as a plugin
    registry is, reads the name, which the moved code keeps)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or not all(
            isinstance(small, cst.Expr) for small in stmt.body):
        return None
    for node in walk(stmt, into_scopes=False):
        if not isinstance(node, cst.Call):
            continue
        values = [a.value for a in node.args]
        if not any(isinstance(v, cst.Name) and v.value == "__name__" for v in values):
            continue
        objects = [v.value for v in values if isinstance(v, cst.Name) and v.value in defined]
        named = {v.evaluated_value for v in values if isinstance(v, cst.SimpleString)}
        if objects and named & defined:
            return cst.helpers.get_full_name_for_node(node.func) or "a call", objects[0]
    return None


def _hooks(module: cst.Module, codes: Sequence[str]) -> set[str]:
    """Classes of the module whose code reads `sys.modules`."""
    return {stmt.name.value for stmt, code in zip(module.body, codes, strict=True)
            if isinstance(stmt, cst.ClassDef) and "sys.modules" in code}


def _metaclass(stmt: cst.ClassDef, hooks: Collection[str], metas: Mapping[str, str]
               ) -> str | None:
    """The hook metaclass this class is created by: its `metaclass=`, or its base's."""
    for arg in stmt.keywords:
        if arg.keyword is not None and arg.keyword.value == "metaclass" and isinstance(
                arg.value, cst.Name) and arg.value.value in hooks:
            return arg.value.value
    for arg in stmt.bases:
        if isinstance(arg.value, cst.Name) and arg.value.value in metas:
            return metas[arg.value.value]
    return None


def created_by_hooks(module: cst.Module, codes: Sequence[str]) -> set[int]:
    """The classes (statement indices) created by a metaclass of the module whose code reads
    `sys.modules`: they stay in the old module, the one `cls.__module__` names. (`codes`:
    each statement's text, generated once: not the whole module's again.)"""
    hooks = _hooks(module, codes) if any("sys.modules" in code for code in codes) else set()
    metas: dict[str, str] = {}  # class -> the hook metaclass that creates it
    out = set()
    for index, stmt in enumerate(module.body):
        if isinstance(stmt, cst.ClassDef) and (meta := _metaclass(stmt, hooks, metas)):
            metas[stmt.name.value] = meta
            out.add(index)
    return out


SOURCE_ERRORS = frozenset({"GS116", "GS117", "GS156"})  # no mapping fixes them (`own_file`)


def identity_errors(analysis: Analysis, module_of: Mapping[int, str], layout: Layout
                    ) -> list[Finding]:
    return _handed_errors(analysis, module_of) + _compared_errors(analysis, module_of, layout)


def _handed_errors(analysis: Analysis, module_of: Mapping[int, str]) -> list[Finding]:
    path = str(analysis.path)
    moved = {u.id for u in analysis.units if module_of.get(u.id, FACADE) != FACADE
             and u.kind == "definition"}
    if not moved:
        return []
    out = []
    defined = {n for u in analysis.units if u.kind == "definition" for n in u.binds}
    for index, stmt in enumerate(analysis.module.body):
        found = _name_handed(stmt, defined)
        if found is not None:
            call, obj = found
            out.append(Finding(
                "GS116", "error", f"{call}({obj}, __name__, ...) hands this module's name "
                "to a call while it imports: such a call may wrap the module in sys.modules "
                "or set names on it, and after a split the objects it changes are in other "
                "modules than the one it names; this file cannot be split safely (leave it "
                "out, or keep everything but what this call never reaches)", path,
                analysis.code_line(index),
            ))
    return out


def _compared(stmt: cst.BaseStatement) -> Iterator[tuple[cst.SimpleString, str]]:
    """String literals that are an operand of a comparison (`x != "pkg.mod"`, `name in
    ("pkg.mod",)`), with the code of the first other operand."""
    code = cst.Module([]).code_for_node
    for node in walk(stmt):
        if not isinstance(node, cst.Comparison):
            continue
        operands = [node.left, *(t.comparator for t in node.comparisons)]
        for i, operand in enumerate(operands):
            other = code(operands[1 if i == 0 else 0])
            items = operand.elements if isinstance(operand, (cst.Tuple, cst.List, cst.Set)) else ()
            for value in [operand, *(e.value for e in items)]:
                if isinstance(value, cst.SimpleString):
                    yield value, other


def _compared_errors(analysis: Analysis, module_of: Mapping[int, str], layout: Layout
                     ) -> list[Finding]:
    """GS117. Not for `__name__ == "old.mod"` (godsplit writes the old name for
    `__name__`), nor for a name that is no module's `__name__` or `__module__`
    (pkg_resources' `modname in ("pkg_resources", "site")`)."""
    out, old = [], layout.old_module
    for unit in analysis.units:
        module = module_of.get(unit.id, FACADE)
        if module == FACADE or old not in analysis.code(unit.first):
            continue
        for index in unit.stmts:
            for string, other in _compared(analysis.module.body[index]):
                if string.evaluated_value != old or other == "__name__" or (
                        "__name__" not in other and "__module__" not in other):
                    continue
                code = analysis.code(index)
                out.append(Finding(
                    "GS117", "error", f"moved code compares a module name with "
                    f"{string.value}, the old module's; it would run in "
                    f"{layout.dotted(module)}, whose name differs, and the comparison "
                    "would change its answer: compare with the module's prefix "
                    f"(`.startswith({string.value})`) in the source first",
                    str(analysis.path),
                    analysis.stmt_lines[index] + code[:code.find(string.value)].count("\n"),
                ))
    return out


def _keywords_bound(stmt: cst.BaseStatement, functions: Collection[str]) -> set[str]:
    """The keyword names of a top-level call of one of `functions`."""
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(
        stmt.body) == 1 else None
    call = small.value if isinstance(small, cst.Expr) else None
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name)
            and call.func.value in functions):
        return set()
    return {a.keyword.value for a in call.args if a.keyword is not None}


def _godsplit_own(names: set[str]) -> bool:
    return bool(names) and all(n.lower().startswith("_godsplit") for n in names)


def stays_in_old_module(
    module: cst.Module, codes: Sequence[str], kinds: list[UnitKind],
    bound: MutableMapping[int, set[str]], reads: Mapping[int, Mapping[str, list[bool]]],
    rebinds: Mapping[int, Collection[str]], own_reads: Collection[int] = (),
) -> tuple[set[int], set[int], set[int], set[int], set[int]]:
    """The statements that write the module's namespace through `globals()` (`writers`),
    the functions and classes whose code finds the module it runs in (`inside`), every
    statement that stays in the old module for either reason (`kinds` set to "facade"),
    the `TYPE_CHECKING` blocks declaring what such code binds, and the kept statements
    reading the namespace at import time (a snapshot, not a write). Code reading a name
    bound only through the namespace stays too (`namespace_bound`; `rebinds`: the names
    each statement's functions bind with `global`), and so does code reading the module
    through an import of itself at import time (`own_reads`: `self_import`)."""
    namespace = globals_aliases(module)  # `_globals = globals()`
    # a facade's own machinery is not the module's code: its live-facade helpers
    # (`sys.modules[__name__]`) and its hand-over to modules that imported it mid-way
    # (`globals()[n]`); ansible's package facade then read its `if TYPE_CHECKING:` aliases
    # as bound at run time (a false GS113)
    own = {i for i, code in enumerate(codes)
           if "_godsplit_sys." in code or _godsplit_own(bound.get(i, set()))}
    writers = {i for i, stmt in enumerate(module.body) if (any(
        f in codes[i] for f in ("globals()", "locals()", "vars()", *namespace)))
        and writes_globals(stmt, namespace) and i not in own}
    writers |= {i for i, stmt in enumerate(module.body)  # `sys.modules[__name__].X = 1`
                if "modules[" in codes[i] and sets_own_attribute(stmt) and i not in own}
    writers |= {i for i, stmt in enumerate(module.body)
                if "exec(" in codes[i] and execs_into_module(stmt)}
    # the alias, and a statement that binds names and writes through it (`if FAST:
    # build(D, _globals)` / `else: X = ...`), stay where `globals()` is the old module's
    aliasing = {i for i in range(len(kinds)) if bound.get(i, set()) & namespace}
    # a function or class calling globals() (`def _initialize(g=globals())`) means the
    # old module's namespace; what a `TYPE_CHECKING` block declares of the names such
    # code binds (`require = working_set.require`) is read from there too
    inside = {i for i, stmt in enumerate(module.body)
              if any(f in codes[i] for f in ("globals()", "__name__", "eval(", "exec("))
              and reads_globals_inside(stmt) and i not in own}
    declared = {i for i, stmt in enumerate(module.body) if kinds[i] == "type_checking"
                and (writers or inside) and declares_only_by_assignment(stmt)}
    # `_declare_state("dict", _finders={})` calls such a function, which binds its keyword
    # arguments' names (`globals().update(kw)`): it binds them, and a plain `_finders =
    # None` before it only declares them: both stay
    functions = {stmt.name.value for i in inside if isinstance(stmt := module.body[i],
                                                               cst.FunctionDef)}
    for index, stmt in enumerate(module.body):
        if names := _keywords_bound(stmt, functions):
            bound[index] |= names
            writers.add(index)
    by_call = {n for i in writers for n in bound.get(i, set())}
    declared |= {i for i, stmt in enumerate(module.body) if i not in writers and kinds[i] ==
                 "definition" and bound.get(i) and bound[i] <= by_call and isinstance(
                     stmt, cst.SimpleStatementLine)}
    inside |= created_by_hooks(module, codes)  # or `sys.modules[cls.__module__]` in a metaclass
    inside |= {i for i in own_namespace_readers(module, codes) if i not in own}  # f_globals
    # a snapshot of the namespace taken at import time (scipy's `pairs =
    # list(globals().copy().items())`, which its `__all__` is computed from) is the old
    # module's: in a new module it would list that module's names only
    reading = {i for i, stmt in enumerate(module.body) if i not in own | writers | aliasing
               and reads_namespace(stmt, namespace)}
    binding = {i: {*bound.get(i, ()), *rebinds.get(i, ())} for i in range(len(kinds))}
    readers = namespace_readers(module, codes, kinds, binding, writers | inside)
    kept = set()
    for index in sorted(writers | aliasing | inside | declared | reading | readers | {*own_reads}):
        if kinds[index] in ("definition", "type_checking") and bound.get(index):
            kinds[index] = "facade"
            kept.add(index)
    # what reads those at import time (`XMLSchema = XMLSchema10`) runs after them
    names = {n for i in kept & (inside | reading | {*own_reads}) for n in bound[i]}
    for index in range(len(kinds)):
        if kinds[index] == "definition" and bound.get(index) and any(
                flags[0] and name in names for name, flags in reads.get(index, {}).items()):
            kinds[index] = "facade"
            kept.add(index)
            names |= bound[index]
    return writers, inside, kept | writers, declared, reading & kept


def reads_namespace(stmt: cst.BaseStatement, aliases: Collection[str]) -> bool:
    """Whether top-level code reads the module's namespace while it runs: calls
    `globals()` (at the top level `locals()`, `vars()` and `dir()` too, with no argument)
    or reads a name bound to it (`_globals = globals()`), outside any function."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    return any(
        (isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Name)
         and node.func.value in ("globals", "locals", "vars", "dir"))
        or (isinstance(node, cst.Name) and node.value in aliases)
        for node in walk(stmt, into_scopes=False))
