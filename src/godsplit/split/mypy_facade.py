"""A new module's import-time import from the old module, written for mypy's order.

The old module (the facade) imports every new module at its top; a new module that
imports names from it at its top closes an import cycle through the facade, and mypy
checks the whole cycle as one SCC in an order its imports tie on. pyOpenSSL 26.4.0's
`SSL.py` appends to its own `__all__` at import time (`__all__.append("OP_COOKIE_
EXCHANGE")` in a `try:`); moved, that code does `from OpenSSL.SSL import __all__`, and
under `mypy --strict` the module holding it was checked before the facade ("Cannot
determine type of __all__"), and one holding `Context` before the one binding its
`@_requires_keylog` decorators ("Cannot determine type", "Untyped decorator"): 10-12 new
errors, where the god file had none.

In a project that configures mypy, such an import is written

    if TYPE_CHECKING:  # mypy: no import cycle through the old module here
        __all__: list[str]
    else:
        from OpenSSL.SSL import __all__

Python runs the import as before (TYPE_CHECKING is False). mypy sees no edge to the facade
from this module, so the facade is checked last and the new modules in the order their
own imports give. `__all__` is declared with the type mypy infers for the source's
`__all__ = ["...", ...]`; other names are imported under `TYPE_CHECKING` (an edge mypy
ranks last), only when mypy knows their type without inferring it (classes, functions,
imports, annotated assignments): a name whose type comes from a plain assignment is left
as it was.
"""

from __future__ import annotations

import ast

from ..types import FACADE, Edge
from .analyze import Analysis
from .mypy_order import can_order
from .style import Style

_DECLARED = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)


def _statements(analysis: Analysis, name: str) -> list[ast.stmt] | None:
    out: list[ast.stmt] = []
    for uid in analysis.binders.get(name, ()):
        for index in analysis.units[uid].stmts:
            try:
                out += ast.parse(analysis.code(index).strip()).body
            except SyntaxError:
                return None
    return out


def _all_is_str_list(analysis: Analysis) -> bool:
    """The source binds `__all__` once, to a list of strings (`+=` of such lists after)."""
    body = _statements(analysis, "__all__") or []
    sets = [s for s in body if isinstance(s, ast.Assign)]
    grown = [s for s in body if isinstance(s, ast.AugAssign)]
    if len(sets) != 1 or len(sets) + len(grown) != len(body):
        return False
    values = [s.value for s in sets] + [s.value for s in grown]
    return all(isinstance(v, ast.List) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts) for v in values)


def _declared(analysis: Analysis, name: str) -> bool:
    """Every top-level binding of `name` gives mypy its type without inference."""
    body = _statements(analysis, name)
    return bool(body) and all(
        isinstance(s, _DECLARED) or (isinstance(s, ast.AnnAssign) and isinstance(
            s.target, ast.Name)) for s in body or ())


def typed_facade_import(analysis: Analysis, style: Style | None, edge: Edge, text: str,
                        conditional: frozenset[str]) -> str | None:
    """The import of `edge` (written as `text`) from the facade, in the form above, or None
    when it is not such an import or a name's type would need inference."""
    if style is None or not style.mypy or edge.target != FACADE or edge.deferred or not (
            edge.names) or set(edge.names) & conditional or not can_order(analysis):
        return None
    declare = [n for n in edge.names if n == "__all__"]
    if declare and not _all_is_str_list(analysis):
        return None
    others = [n for n in edge.names if n != "__all__"]
    if not all(_declared(analysis, n) for n in others):
        return None
    source = next((line.split(" import ")[0] for line in text.splitlines()
                   if line.startswith("from ")), None)
    if source is None:
        return None
    typed = [f"    {n}: list[str]\n" for n in declare] + (
        [f"    {source} import {', '.join(others)}\n"] if others else [])
    kept = "".join(f"    {line}\n" if line.strip() else "\n"
                   for line in text.strip("\n").splitlines())
    return ("\nif TYPE_CHECKING:  # mypy: no import cycle through the old module here\n"
            + "".join(typed) + "else:\n" + kept)
