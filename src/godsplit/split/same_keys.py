"""GS420: two registrations into one registry under the same key expression, whose
modules surely run in the reverse of their source order after the split.

`@register(str) def early` and, further down, `@register(str) def late`: in the source
`late` wins. Split with `late` in a new module and `early` kept in the old module (whose
own code runs after the new modules'), or with `late`'s module imported before `early`'s
(the facade's order, `package_order`), `early` wins: a lookup under that key finds
another entry. GS218 warns of registrations in another order; this is the case the plan
can prove changes a lookup. Keys spelled differently that are one object at run time
(dill's `ClassType` and `TypeType`, both `type`) are the import check's to find (GS419).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import libcst as cst

from ..types import FACADE
from .analyze import Analysis
from .nodes import walk

_CODE = cst.Module([])


def _keys(analysis: Analysis, unit: int, name: str) -> set[tuple[str, str]]:
    """The (registrar, key) pairs of a unit: `@register(K)` on its definition (the
    decorator's first argument), `name[K] = v` or `name.attr[K] = v` at top level."""
    out: set[tuple[str, str]] = set()
    for index in analysis.units[unit].stmts:
        stmt = analysis.module.body[index]
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            for decorator in stmt.decorators:
                call = decorator.decorator
                if isinstance(call, cst.Call) and call.args and call.args[0].keyword is None and (
                        _keyed_by_first(analysis, call.func, name)):
                    out.add((_CODE.code_for_node(call.func),
                             _CODE.code_for_node(call.args[0].value)))
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = small.targets if isinstance(small, cst.Assign) else ()
                for target in (t.target for t in targets):
                    if isinstance(target, cst.Subscript) and len(target.slice) == 1 and (
                            isinstance(index_ := target.slice[0].slice, cst.Index)):
                        held = _CODE.code_for_node(target.value)
                        if held.split(".")[0].split("[")[0] == name:
                            out.add((held + "[]", _CODE.code_for_node(index_.value)))
    return out


def _keyed_by_first(analysis: Analysis, func: cst.BaseExpression, name: str) -> bool:
    """Whether `func` is a function of the module (one binding) whose first parameter is
    the key it stores under in `name`'s object (`def register(t): ... name[t] = f`, or
    `name.attr[t] = f`, in it or a function it defines): not `@app.route(path)` storing
    under the function's name."""
    ids = analysis.binders.get(func.value, ()) if isinstance(func, cst.Name) else ()
    unit = analysis.units[ids[0]] if len(ids) == 1 else None
    stmt = analysis.module.body[unit.stmts[0]] if unit is not None and len(
        unit.stmts) == 1 else None
    if not isinstance(stmt, cst.FunctionDef) or not stmt.params.params:
        return False
    first = stmt.params.params[0].name.value
    for node in walk(stmt):
        if isinstance(node, cst.Assign):
            for target in (t.target for t in node.targets):
                if isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(
                        index := target.slice[0].slice, cst.Index) and isinstance(
                        index.value, cst.Name) and index.value.value == first and (
                        _CODE.code_for_node(target.value).split(".")[0] == name):
                    return True
    return False


def reversed_keys(analysis: Analysis, name: str, units: Iterable[int],
                  where: dict[int, str], trace: Sequence[str] | None,
                  ) -> tuple[str, int, int] | None:
    """The first key expression two of `units` (changing `name`'s object) register under
    from two modules that surely run in the reverse of the source order: the old module's
    kept code runs after every new module's; two new modules, by `trace` (the order their
    code runs, where known). The key, the earlier and the later unit."""
    keyed: dict[tuple[str, str], list[int]] = {}
    for unit in sorted(units, key=lambda u: analysis.units[u].line):
        for pair in sorted(_keys(analysis, unit, name)):
            keyed.setdefault(pair, []).append(unit)
    for (registrar, key), found in sorted(keyed.items()):
        for i, early in enumerate(found):
            for late in found[i + 1:]:
                if _runs_before(where[late], where[early], trace):
                    return f"{registrar.removesuffix('[]')}[{key}]" if registrar.endswith(
                        "[]") else f"@{registrar}({key})", early, late
    return None


def _runs_before(first: str, second: str, trace: Sequence[str] | None) -> bool:
    """Whether the code of module `first` surely runs before that of `second`."""
    if first == second or first == FACADE:
        return False
    if second == FACADE:
        return True
    if trace is None:
        return False
    at = {m: [i for i, t in enumerate(trace) if t == m] for m in (first, second)}
    return len(at[first]) == 1 and len(at[second]) == 1 and at[first][0] < at[second][0]
