"""What `__name__` reads under `python -m` after a split (GS417).

`python -m pkg.big` ran the god file as `__main__`: everything in it that read `__name__`
read `"__main__"` (`log = logging.getLogger(__name__)` was the logger `"__main__"`). After a
package split, `python -m pkg.big` imports the package `pkg.big` as any import does and runs
only the `__main__` block as `__main__` (its `__main__.py`), so that code reads `"pkg.big"`;
after a sibling split the old file still runs as `__main__`, but moved code reads the old
module's name (`transforms` writes it in; a logger copy names it). Nothing godsplit can
give back without patching the package at run time, so the plan says what differs.

A package's `__init__.py` never ran as `__main__` under `python -m`: `python -m pkg` runs
`pkg/__main__.py` (or refuses a package without one) after importing `pkg` as `"pkg"`, so
there is nothing to say (round 30: pytz's `__init__.py`, with an `if __name__ ==
"__main__":` block, was told its code read "__main__" under `python -m pytz`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .facade import main_blocks
from .layout import Layout
from .main_guards import is_main_block, is_main_guard
from .module_loggers import Logger


def main_name_findings(
    analysis: Analysis, module_of: Mapping[int, str], layout: Layout,
    loggers: Mapping[str, Logger], copies: Mapping[str, Collection[Logger]],
) -> list[Finding]:
    """GS417 (warning): where a module with a `__main__` block reads `__name__` in code
    that under `python -m` will no longer run as `__main__`. `loggers`: the copyable module
    loggers; `copies`: each new module's copies of them."""
    main = main_blocks(analysis)
    if analysis.path.name == "__init__.py":
        return []
    guards = both_ways(analysis)
    found = _both_ways_findings(analysis, layout, guards) if layout.kind == "package" else []
    if not main and not guards:
        return found
    skip = {unit.id for unit in main}
    copied = {logger.unit for found in copies.values() for logger in found}
    package = layout.kind == "package"
    readers: list[Unit] = [
        unit for unit in analysis.units
        if unit.id not in skip and _reads_name(analysis, unit)
        and (package or module_of.get(unit.id, FACADE) != FACADE or unit.id in copied)]
    readers = [unit for unit in readers if unit not in guards or not found]
    if not readers:
        return found
    old = layout.old_module
    named = sorted(n for n, logger in loggers.items()
                   if any(logger.unit == unit.id for unit in readers))
    where = ", ".join(str(unit.line) for unit in readers)
    how = (f"`python -m {old}` imports the package `{old}` and runs only the `__main__` "
           "block as `__main__` (its `__main__.py`)" if package else
           "the code that moved (and the copies of its loggers) runs in its new modules")
    return [Finding(
        "GS417", "warning",
        f"under `python -m {old}` this file ran as `__main__`, so its code reading "
        f"`__name__` (line{'s' if len(readers) > 1 else ''} {where}) read \"__main__\"; after "
        f"the split {how}, and that code reads \"{old}\""
        + (f": under `python -m` the logger{'s' if len(named) > 1 else ''} "
           f"{', '.join(f'`{n}`' for n in named)} log{'' if len(named) > 1 else 's'} as "
           f"\"{old}\", not \"__main__\"" if named else "")
        + f" (`import {old}` is unchanged: there it read \"{old}\" before too)",
        str(analysis.path), readers[0].line), *found]


def both_ways(analysis: Analysis) -> list[Unit]:
    """The `__main__` guards that run code on import too: `if __name__ == "__main__": ...
    else: ...`, `if __name__ != "__main__": ...`. They are the module's code, kept in the
    old module (`classify`), not its `__main__` blocks."""
    return [unit for unit in analysis.units if unit.kind == "facade" and is_main_guard(
        stmt := analysis.module.body[unit.first]) and not is_main_block(stmt)]


def _both_ways_findings(analysis: Analysis, layout: Layout, guards: list[Unit]) -> list[Finding]:
    """GS409 (error) for each such guard in a package split: `python -m old` ran the branch
    meant for `__main__`; after the split it imports the package (the facade keeps the
    block: the other branch runs) and runs `__main__.py` only, which has no such branch."""
    old = layout.old_module
    return [Finding(
        "GS409", "error", f"`if __name__ {_operator(analysis, unit)} \"__main__\": ... else:` "
        "runs one branch on every import, so the block stays in the facade with the code kept "
        f"there; `python -m {old}` ran its other branch, and after a package split runs only "
        f"`{old}.__main__`, which does not have it: set `package` for this split (new modules "
        f"beside the old module, e.g. in `{analysis.path.stem}_parts`), which keeps the old "
        "module a file run as `__main__`",
        str(analysis.path), unit.line) for unit in guards]


def _operator(analysis: Analysis, unit: Unit) -> str:
    stmt = analysis.module.body[unit.first]
    assert isinstance(stmt, cst.If) and isinstance(stmt.test, cst.Comparison)
    return "==" if isinstance(stmt.test.comparisons[0].operator, cst.Equal) else "!="


class _NameReads(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Name(self, node: cst.Name) -> None:
        self.found = self.found or node.value == "__name__"

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `cls.__name__` is not the module's
        return False


def _reads_name(analysis: Analysis, unit: Unit) -> bool:
    """Whether the unit's statements name the module's `__name__` anywhere."""
    if not any("__name__" in analysis.codes[index] for index in unit.stmts):
        return False
    visitor = _NameReads()
    for index in unit.stmts:
        analysis.module.body[index].visit(visitor)
    return visitor.found
