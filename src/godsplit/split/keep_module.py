"""keep-module-name's code for a new module or a package facade: the moved classes and
functions whose `__module__` it sets back to the old module's name (the runtime is
`runtime/keep_module_name.py`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import libcst as cst

from ..types import Finding, SplitConfig
from . import runtime
from .analyze import Analysis, Unit


def keep_names(analysis: Analysis, units: list[Unit], split: SplitConfig) -> list[str]:
    """The classes and functions (not tasks: their names are pinned) keep-module-name
    renames among `units`, with the classes a metaclass call at the top makes."""
    gone = analysis.deleted_names  # `def init(): ...; init(); del init`: gone by then
    return list(dict.fromkeys(name for unit in units for name, how in definitions(
        analysis, unit, split.task_decorators) if how != "task" and name not in gone))


def definitions(analysis: Analysis, unit: Unit, tasks: Collection[str],
                ) -> Iterator[tuple[str, str]]:
    """The classes and functions `unit` defines, by name, with how: "def" (a `class` or
    `def` statement, also in an `if`/`try`/`with` block), "task" (the function of a Celery
    task), "made" (a class a metaclass call at the top makes)."""
    from .made_classes import made_at_top
    from .transforms import task_decorator

    # those an `if`/`try`/`with` block defines too (typing_extensions' `if
    # hasattr(typing, "X"): X = typing.X` / `else: class X: ...`)
    todo: list[cst.CSTNode] = [analysis.module.body[i] for i in unit.stmts]
    while todo:
        stmt = todo.pop(0)
        if isinstance(stmt, (cst.If, cst.Try, cst.With, cst.Else, cst.ExceptHandler,
                             cst.Finally, cst.IndentedBlock)):
            blocks = [getattr(stmt, a, None) for a in ("body", "orelse", "handlers",
                                                         "finalbody")]
            todo[:0] = [x for b in blocks if b is not None
                        for x in (b if isinstance(b, (list, tuple)) else [b])]
        elif isinstance(stmt, cst.ClassDef):
            yield stmt.name.value, "def"
        elif isinstance(stmt, cst.FunctionDef):
            yield stmt.name.value, "def" if task_decorator(stmt, tasks) is None else "task"
        else:
            yield from ((name, "made") for name in made_at_top(stmt, analysis.module))


def this_module(taken: Collection[str]) -> str:
    """An expression for the name the module written was imported as, in the code godsplit
    writes into it (`taken`: the names the module binds): `__name__`, unless the module
    rebinds `__name__` (yt-dlp's utils pretend to be their parent package: `__name__ =
    __name__.rsplit('.', 1)[0]`), then its spec's name (a script has no spec)."""
    return 'getattr(__spec__, "name", __name__)' if "__name__" in taken else "__name__"


def keep_module_name(names: list[str], old_module: str, future_annotations: bool,
                     conditional: Collection[str] = (), taken: Collection[str] = (),
                     overloads: bool = False, depth: int = 0) -> str:
    """The keep-module-name code for `names` (`old_module`: an expression), for a file with
    `from __future__ import annotations` or not; a name in `conditional` (bound only under
    a condition) is looked up, so that it may be missing; its local variables shadow no
    name in `taken`; `overloads`: the source may use `@overload` (`uses_overload`).
    `depth`: written into a new module `depth` levels inside the package of new modules
    beside the old module (0: into the package facade). The objects renamed are those
    reporting any module of that package: a class made by a metaclass call reports the
    module of the metaclass' `__new__`, which can be another new module (in the old
    module it was the old module)."""
    if not names:
        return ""
    items = [f"globals().get({n!r})" if n in conditional else n for n in names]
    here = this_module(taken)
    return runtime.render("keep_module_name", {
        "old_module": old_module,
        "here": f'{here}.rsplit(".", {depth})[0]' if depth else here,
        "objects": "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")",
    }, {"overloads"} if overloads else (), future_annotations=future_annotations, taken=taken)


def uses_overload(analysis: Analysis) -> bool:
    """Whether the source may register `@overload` variants, which `typing.get_overloads`
    finds by their function's `__module__` (keep-module-name re-registers them)."""
    return any("overload" in code for code in analysis.codes)


_CLASS_SET = re.compile(r"\.__class__\s*=(?!=)")


def own_class(analysis: Analysis) -> set[str]:
    """The live facade's `own_class` section when the source may give its module a class
    (`sys.modules[__name__].__class__ = _Module`, for module properties): the facade's
    class then extends that class instead of replacing it."""
    return {"own_class"} if any(_CLASS_SET.search(code) for code in analysis.codes) else set()



_OWN_CLASS_SET = re.compile(r"modules\[\s*__name__\s*\]\.__class__\s*=(?!=)\s*([\w.]+)?")


def own_class_findings(analysis: Analysis, split: SplitConfig) -> list[Finding]:
    """GS157 (error) where the module gives itself a class under the live facade: the
    facade's class would extend that class (its properties, `__getattr__` and `isinstance`
    hold, a patch reaches moved code), so `type()` of the module would be another class
    (round 31, trial31: `type(m) is X` was False after "verified"). The facade cannot be
    of X itself: X has no `__setattr__` that hands a patch on, and adding one would change
    a class of the project. `facade = "static"` keeps X."""
    if split.facade != "live":
        return []
    findings = []
    for index, code in enumerate(analysis.codes):
        found = _OWN_CLASS_SET.search(code)
        if found is None:
            continue
        cls = f"`{found.group(1)}`" if found.group(1) else "that class"
        findings.append(Finding(
            "GS157", "error", f"the module gives itself a class here: the live facade's class "
            f"would extend it, so `type()` of the module would be that subclass, not {cls}; "
            "set `facade = \"static\"` for this split, which keeps the module's class (a patch "
            "set on the module then reaches only the code kept in it)",
            str(analysis.path), analysis.code_line(index)))
    return findings
