"""Findings about what changes identity when code moves: doctests and picklable classes.

Pickles and serialized exceptions record `__module__`; `DocTestSuite(old_module)` only
collects objects whose `__module__` is the old module. `keep-module-name` fixes both.
"""

from __future__ import annotations

import libcst as cst

from ..types import FACADE, Finding, SplitConfig
from .analyze import Analysis
from .layout import Layout

SOURCE_ERRORS = frozenset({"GS116", "GS117"})  # plan errors no mapping can fix: the source must change
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
    if split.keep_module_name:
        return []
    path = str(analysis.path)
    out = []
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
                    "`keep-module-name = true` to keep the old one", path, analysis.stmt_lines[index],
                ))
            if (
                isinstance(stmt, (cst.ClassDef, cst.FunctionDef))
                and ">>>" in analysis.code(index)
                and _docstrings(stmt)
            ):
                out.append(Finding(
                    "GS209", "warning", f"{stmt.name.value} has doctests: DocTestSuite(old module) "
                    "will no longer collect them; set `keep-module-name = true` or collect "
                    f"them from {module}", path, analysis.stmt_lines[index],
                ))
    return out


def _compared_strings(node: cst.CSTNode) -> list[tuple[cst.SimpleString, cst.BaseExpression]]:
    """String literals that are an operand of a comparison (`x != "pkg.mod"`,
    `name in ("pkg.mod",)`), with the other side."""
    found: list[tuple[cst.SimpleString, cst.BaseExpression]] = []

    def strings(expr: cst.BaseExpression) -> list[cst.SimpleString]:
        if isinstance(expr, cst.SimpleString):
            return [expr]
        if isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
            return [e.value for e in expr.elements if isinstance(e.value, cst.SimpleString)]
        return []

    class Visitor(cst.CSTVisitor):
        def visit_Comparison(self, node: cst.Comparison) -> None:
            operands = [node.left, *(t.comparator for t in node.comparisons)]
            for i, operand in enumerate(operands):
                others = operands[:i] + operands[i + 1:]
                found.extend((s, others[0]) for s in strings(operand) if others)

    node.visit(Visitor())
    return found


def module_name_findings(
    analysis: Analysis, module_of: dict[int, str], layout: Layout
) -> list[Finding]:
    """Moved code that compares a module's name (`__name__`, `__module__`) with the old
    module's (`f_globals["__name__"] != "bs4.element"`, to find the first frame outside
    the module): the code now runs in a module of another name, so the comparison gives
    another answer. `__name__ == "old.mod"` is not reported: godsplit writes the old name
    for `__name__`; nor a name from elsewhere (`modname in ("pkg_resources", "site")`)."""
    out, old_module = [], layout.old_module
    for unit in analysis.units:
        module = module_of.get(unit.id)
        if module is None or module == FACADE or old_module not in analysis.code(unit.first):
            continue
        for index in unit.stmts:
            for string, other in _compared_strings(analysis.module.body[index]):
                text = analysis.module.code_for_node(other)
                if string.evaluated_value != old_module or (
                        isinstance(other, cst.Name) and other.value == "__name__") or (
                        "__name__" not in text and "__module__" not in text):
                    continue  # a module's name compared, not a distribution's or a file's
                line = analysis.stmt_lines[index] + analysis.code(index)[
                    :analysis.code(index).find(string.value)].count("\n")
                out.append(Finding(
                    "GS117", "error", f"moved code compares a module name with "
                    f"{string.value}, the old module's; it would run in "
                    f"{layout.dotted(module)}, whose name differs, and the comparison "
                    "would change its answer: compare with the module's prefix "
                    f"(`.startswith({string.value})`) in the source first",
                    str(analysis.path), line,
                ))
    return out
