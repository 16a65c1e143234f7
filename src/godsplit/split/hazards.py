"""Findings about what changes identity when code moves: doctests, picklable classes, and
the module's own code reading `__module__`.

Pickles and serialized exceptions record `__module__`; `DocTestSuite(old_module)` only
collects objects whose `__module__` is the old module; code that reads `__module__`
(Django's `Field.deconstruct` builds an import path from `self.__class__.__module__`,
typing_extensions looks `base.__module__` up in an allow-list) answers otherwise when
the classes it reads report a new module. `keep-module-name` fixes all three.
"""

from __future__ import annotations

import libcst as cst

from ..types import FACADE, Finding, SplitConfig
from . import imports
from .analyze import Analysis
from .nodes import walk

_EXCEPTION_SUFFIXES = ("Error", "Exception", "Warning", "Exit", "Interrupt")


def _bases(node: cst.ClassDef) -> list[str]:
    names = []
    for arg in node.bases:
        name = cst.helpers.get_full_name_for_node(arg.value)
        if name:
            names.append(name.rpartition(".")[2])
    return names


def _docstrings(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class Visitor(cst.CSTVisitor):
        def visit_SimpleString(self, string: cst.SimpleString) -> None:
            value = string.evaluated_value
            if isinstance(value, str) and ">>>" in value:
                found.append(value)

    node.visit(Visitor())
    return found


def _stores(stmt: cst.CSTNode) -> set[int]:
    """The nodes (ids) a statement assigns to or deletes."""
    out: set[int] = set()
    for node in walk(stmt):
        if isinstance(node, cst.Assign):
            out |= {id(t.target) for t in node.targets}
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.Del)):
            out.add(id(node.target))
    return out


def module_reads(stmt: cst.CSTNode) -> list[cst.CSTNode]:
    """The reads of an object's `__module__` in a statement (`cls.__module__`,
    `getattr(x, "__module__", None)`), not the assignments to it."""
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
    return out


def _of_a_module(read: cst.CSTNode, modules: set[str]) -> bool:
    """The read is of an attribute of a module the source imports (`sys.stdin.__module__`,
    rich's check for IDLE): no definition of the source, so no split changes it."""
    target = read.value if isinstance(read, cst.Attribute) else (
        read.args[0].value if isinstance(read, cst.Call) else None)
    name = cst.helpers.get_full_name_for_node(target) if target is not None else None
    return name is not None and "." in name and name.partition(".")[0] in modules


def _imported_modules(analysis: Analysis) -> set[str]:
    """The names only `import x` statements at the top level bind (x is a module; not one
    that may be the source itself: `import pkg.big` in `pkg/big.py`)."""
    path = analysis.path
    me = path.parent.name if path.stem == "__init__" else path.stem
    found: set[str] = set()
    for stmt in analysis.module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            for alias in small.names if isinstance(small, cst.Import) else ():
                dotted = cst.helpers.get_full_name_for_node_or_raise(alias.name)
                if dotted.rpartition(".")[2] != me:
                    found.add(imports.bound_name(alias))
    others = {n for u in analysis.units if u.kind not in ("import", "type_checking")
              for n in u.binds | u.rebinds}
    return found - others


def _read_findings(analysis: Analysis) -> list[Finding]:
    """GS119: each statement of the source that reads `__module__`, at the read's line."""
    out = []
    code = cst.Module([]).code_for_node
    modules = _imported_modules(analysis)
    for index, stmt in enumerate(analysis.module.body):
        text = analysis.code(index)
        if "__module__" not in text:
            continue
        reads = [r for r in module_reads(stmt) if not _of_a_module(r, modules)]
        for read in reads[:1]:
            found = code(read)
            line = analysis.stmt_lines[index] + text[:max(text.find(found), 0)].count("\n")
            out.append(Finding(
                "GS119", "error", f"`{found}` reads an object's __module__: moved classes and "
                "functions would report their new module, so this code would answer "
                "otherwise (an import path, a repr, a lookup by module name); set "
                "`keep-module-name = true` to keep the old one", str(analysis.path), line,
            ))
    return out


def identity_findings(
    analysis: Analysis, module_of: dict[int, str], split: SplitConfig
) -> list[Finding]:
    if split.keep_module_name:
        return []
    path = str(analysis.path)
    out = []
    if "__module__" in analysis.source.text and any(
            module_of.get(u.id, FACADE) != FACADE and any(isinstance(
                analysis.module.body[i], (cst.ClassDef, cst.FunctionDef, cst.If, cst.Try))
                for i in u.stmts) for u in analysis.units if u.kind == "definition"):
        out += _read_findings(analysis)
    for unit in analysis.units:
        module = module_of.get(unit.id)
        if module is None or module == FACADE or unit.kind != "definition":
            continue
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if isinstance(stmt, cst.ClassDef) and any(
                b.endswith(_EXCEPTION_SUFFIXES) for b in _bases(stmt)
            ):
                out.append(Finding(
                    "GS208", "warning", f"exception class {stmt.name.value} moves to {module}: "
                    "pickled or serialized instances record the new module; set "
                    "`keep-module-name = true` to keep the old one", path, analysis.code_line(index),
                ))
            if (
                isinstance(stmt, (cst.ClassDef, cst.FunctionDef))
                and ">>>" in analysis.code(index)
                and _docstrings(stmt)
            ):
                out.append(Finding(
                    "GS209", "warning", f"{stmt.name.value} has doctests: DocTestSuite(old module) "
                    "will no longer collect them; set `keep-module-name = true` or collect "
                    f"them from {module}", path, analysis.code_line(index),
                ))
    return out
