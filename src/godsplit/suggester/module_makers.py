"""What GS424 asks suggest to keep: the code that gives a definition its `__module__`.

GS424 (the import check) names the functions and classes that report another module than
the plan says. The module a function or class reports is that of the code that made the
object bound under its name: a decorator returning a wrapper it names after the function
(`wrapper.__qualname__ = func.__qualname__`, without `functools.wraps`' `__module__`), a
metaclass, a base class's `__init_subclass__`. Moved away from that code, the definition
reports the code's new module, and keeping the definition in the old module does not
help (it still reports the code's module); keeping the code there does: whatever it makes
then reports the old module, as before. So the definitions of the module that GS424's
names are decorated, based or made with (read at the top of their `def` or `class`
statement) are kept; where none is, the names themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import libcst as cst

from ..split.analyze import Analysis


def makers(analysis: Analysis, names: Collection[str]) -> tuple[str, ...]:
    """The functions and classes defined at the top of the analysed module that the `def`
    and `class` statements binding `names` are decorated, based or made with (in source
    order): read from suggest's own analysis, not parsed again."""
    body = analysis.module.body
    defined = {stmt.name.value for stmt in body if isinstance(stmt, (cst.FunctionDef, cst.ClassDef))}
    found: dict[str, None] = {}
    for stmt in body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and stmt.name.value in names:
            for name in _made_with(stmt):
                if name in defined and name not in names:
                    found[name] = None
    return tuple(found)


def _made_with(stmt: cst.FunctionDef | cst.ClassDef) -> Iterator[str]:
    """The names the statement calls or reads to make its object: its decorators (the
    called name of `@deco(...)`), and a class's bases and keywords (`metaclass=`)."""
    parts: list[cst.BaseExpression] = [d.decorator for d in stmt.decorators]
    if isinstance(stmt, cst.ClassDef):
        parts += [arg.value for arg in (*stmt.bases, *stmt.keywords)]
    for part in parts:
        while isinstance(part, cst.Call):
            part = part.func
        if isinstance(part, cst.Name):
            yield part.value
