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
from .analyze import Analysis
from .file_names import file_name_findings
from .locations import location_findings
from .made_classes import made_class_findings
from .module_reads import import_time_findings, made_findings, mentions_module, read_findings

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


def identity_findings(
    analysis: Analysis, module_of: dict[int, str], split: SplitConfig
) -> list[Finding]:
    moves = mentions_module(analysis.source.text) and any(
        module_of.get(u.id, FACADE) != FACADE and any(isinstance(
            analysis.module.body[i], (cst.ClassDef, cst.FunctionDef, cst.If, cst.Try))
            for i in u.stmts) for u in analysis.units if u.kind == "definition")
    located = location_findings(analysis, split)  # the module's own file, one level down
    located += file_name_findings(analysis, module_of)  # its name, in strings
    located += made_class_findings(analysis, module_of)  # `type(name, bases, ns)`
    if split.keep_module_name:
        return located + ([*import_time_findings(analysis), *made_findings(analysis, module_of)]
                          if moves else [])
    path = str(analysis.path)
    out = located + (read_findings(analysis, module_of) if moves else [])
    doctests: dict[str, list[tuple[str, int]]] = {}  # new module -> (name, line), in order
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
                doctests.setdefault(module, []).append((stmt.name.value, analysis.code_line(index)))
    return out + [_doctest_finding(module, found, path) for module, found in doctests.items()]


def _doctest_finding(module: str, found: list[tuple[str, int]], path: str) -> Finding:
    """GS209, once for the definitions with doctests that move to `module` (graphql-core's
    mapping had 39 warnings, one a definition): how many, the first few with their lines;
    `names`: all of them."""
    fix = ("DocTestSuite(old module) will no longer collect them; set `keep-module-name = "
           f"true` or collect them from {module}")
    if len(found) == 1:
        return Finding("GS209", "warning", f"{found[0][0]} has doctests: {fix}", path, found[0][1],
                       names=(found[0][0],))
    first = ", ".join(f"{name} (line {line})" for name, line in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return Finding("GS209", "warning", f"{len(found)} definitions with doctests move to "
                   f"{module}: {first}{more}; {fix}", path, found[0][1],
                   names=tuple(name for name, _ in found))
