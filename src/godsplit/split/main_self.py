"""A `__main__` block that tests the module it is in without naming it.

`doctest.testmod()` with no module tests `sys.modules["__main__"]`, and `unittest.main()`
with no module loads the tests of `__main__`: under `python -m old.module`, before the split,
that was the god file itself. In a package layout the block runs from the package's
`__main__.py`, which holds none of that code: the call would find nothing (deepdiff's
`python -m deepdiff.diff` ran 19 doctests before a split, 0 after). Such a call is given the
old module (the facade, which holds or re-exports every name) instead.
"""

from __future__ import annotations

import libcst as cst

from ..types import FACADE, Finding, SplitConfig
from .analyze import Analysis

ALIAS = "_godsplit_module"

# the call, and the parameter naming the module it tests (its first positional one)
_SELF_TESTING = {
    "doctest.testmod": "m",
    "testmod": "m",
    "unittest.main": "module",
}


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else ""
    return ""


class _Retarget(cst.CSTTransformer):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        called = _dotted(updated_node.func)
        parameter = _SELF_TESTING.get(called)
        if parameter is None:
            return updated_node
        args = updated_node.args
        if any(a.keyword is None and a.star == "" for a in args) or any(
                a.star for a in args) or any(
                a.keyword is not None and a.keyword.value == parameter for a in args):
            return updated_node  # names its module (or may, through *args / **kwargs)
        self.calls.append(f"{called}()")
        if parameter == "m":  # testmod(m=None, ...): a module object
            new = cst.Arg(cst.Name(ALIAS))
        else:  # unittest.main(module="__main__", ...): a module or its name
            new = cst.Arg(cst.Name(ALIAS), keyword=cst.Name(parameter),
                          equal=cst.AssignEqual(cst.SimpleWhitespace(""),
                                                cst.SimpleWhitespace("")))
        return updated_node.with_changes(args=[new, *args] if parameter == "m" else [*args, new])


def retarget_main_block(stmt: cst.BaseStatement, old_module: str
                        ) -> tuple[cst.BaseStatement, list[str]]:
    """`stmt` (a `__main__` block moved to `__main__.py`) with its self-testing calls given
    `old_module`, imported first in the block; and those calls, as written (none: `stmt`)."""
    if not isinstance(stmt, cst.If) or not isinstance(stmt.body, cst.IndentedBlock):
        return stmt, []
    retarget = _Retarget()
    changed = stmt.visit(retarget)
    if not retarget.calls or not isinstance(changed, cst.If) or not isinstance(
            changed.body, cst.IndentedBlock):
        return stmt, []
    first = cst.parse_statement(f"import {old_module} as {ALIAS}\n")
    body = changed.body.with_changes(body=[first, *changed.body.body])
    return changed.with_changes(body=body), retarget.calls


def main_self(stmt: cst.BaseStatement, split: SplitConfig, old_module: str,
              findings: list[Finding], where: tuple[Analysis, int]) -> cst.BaseStatement:
    """`retarget_main_block` of the source's statement `where` (analysis, index), saying
    so (GS128): a warning when a `doctest.testmod()` will still miss the moved code's
    doctests (its `__module__` is the new module's unless `keep-module-name`)."""
    changed, calls = retarget_main_block(stmt, old_module)
    analysis, index = where
    for call in dict.fromkeys(calls):
        misses = "testmod" in call and not split.keep_module_name
        findings.append(Finding(
            "GS128", "warning" if misses else "info",
            f"the `__main__` block's `{call}` tested the module run as `__main__`, this file "
            f"under `python -m {old_module}`; in the package's `__main__.py` it would find "
            f"none of its code, so it now names `{old_module}`" + (
                ", where doctest finds the moved definitions only with `keep-module-name = "
                "true` (GS209)" if misses else ""), str(analysis.path), analysis.code_line(index)))
    return changed


def name_rebinds(analysis: Analysis, module_of: dict[int, str]) -> list[int] | None:
    """The statements of the old module that rebind `__name__` (yt-dlp's utils: `__name__ =
    __name__.rsplit('.', 1)[0]`), for `__main__.py` to run again on its own `__name__`,
    as the god file did under `python -m` (where it began as `"__main__"`): imported
    from the package, it is the package's, and `if __name__ == "__main__":` no longer
    runs. None unless each stays in the old module, binds nothing else, and reads no
    global but `__name__` (so running it again does the same to `"__main__"`)."""
    out: list[int] = []
    for uid in analysis.binders.get("__name__", ()):
        unit = analysis.units[uid]
        if module_of.get(uid, FACADE) != FACADE or unit.binds != {"__name__"} or any(
                r.name != "__name__" for r in unit.reads):
            return None
        out += unit.stmts
    return sorted(out) or None
