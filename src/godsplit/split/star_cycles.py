"""A late star import that closes an import cycle, whose names new modules read.

trio's `_core/_run.py` ends with `from ._generated_run import *`, and `_generated_run.py`
imports `_NO_SEND`, `GLOBAL_RUN_CONTEXT`, `Task` from `._run`. Such an import stays in the
old module (`late_imports`); a star import was still copied to the end of each new module
that reads names no binding provides, where it ran while the old module was importing
that new module, before the names the other module wants were bound: an ImportError at
apply, the split rolled back after a plan with no errors.
"""

from __future__ import annotations

import re
import symtable
from collections.abc import Collection, Sequence
from dataclasses import replace

from ..types import Finding
from .analyze import Analysis, Unit
from .namespace_bound import MODULE_NAMES
from .nodes import globals_read

_ANY = "*"  # code that may read any name (`globals()`, `eval`), or that does not compile


def reads_unbound(analysis: Analysis, units: Sequence[Unit]) -> set[str]:
    """The globals code of `units` reads that no binding of the source provides (nor a
    builtin): only a star import can provide them (`*` when it may read any name)."""
    bound = set(analysis.binders) | MODULE_NAMES
    found: set[str] = set()
    for unit in units:
        for index in unit.stmts:
            code = analysis.code(index)
            if re.search(r"\b(?:globals|vars|eval|exec)\s*\(", code):
                return {_ANY}  # it may read any name: keep the star import
            try:
                table = symtable.symtable(code, "<godsplit>", "exec")
            except SyntaxError:
                return {_ANY}
            found |= globals_read(table) - bound
    return found


def stranded_star(analysis: Analysis, units: Sequence[Unit], module: str,
                  stars: Sequence[Unit]) -> list[Finding]:
    """GS112 when `stars`, late star imports that close a cycle (trio's `from
    ._generated_run import *` at the end of `_run.py`: `_generated_run` imports names from
    `_run`), stay in the old module while `module` reads names no binding provides, which
    only a star import could give it. Copied to the end of the new module it would run
    while the old module is still importing that new module, before the names the other
    module wants are bound: an ImportError, and the split rolled back."""
    unknown = sorted(n if n != _ANY else "any name, through globals() or eval"
                     for n in reads_unbound(analysis, units))
    if not stars or not unknown:
        return []
    # the definitions reading them: what suggest keeps in the old module (`names`)
    readers = sorted({n for u in units if reads_unbound(analysis, [u]) for n in u.binds
                      if not n.startswith("__")})
    more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
    lines = [str(star.line) for star in stars]
    which = (f"the star import on line {lines[0]} closes" if len(lines) == 1 else
             f"the star imports on lines {', '.join(lines[:-1])} and {lines[-1]} close")
    return [Finding(
        "GS112", "error", f"{which} an import cycle (the module imported imports the old "
        f"module while the old module loads), so {'it stays' if len(lines) == 1 else 'they stay'}"
        " in the old module; "
        f"{module} reads names no binding provides ({', '.join(unknown[:3])}{more}), which "
        "only a star import gives: keep the code reading them in the old module (`keep`)",
        str(analysis.path), stars[0].line, tuple(readers))]


def staying_stars(findings: list[Finding], analysis: Analysis,
                  anchored: Collection[int]) -> list[Finding]:
    """GS110 of a star import that closes an import cycle says what happens to it: it is
    not copied into new modules (it stays in the old module only)."""
    lines = {analysis.units[uid].line for uid in anchored if uid in analysis.star_imports}
    return [replace(f, message="star import: the names it provides cannot be tracked; it "
                    "closes an import cycle, so it stays in the old module only (a new module "
                    "reading a name only it provides is refused: GS112)")
            if f.code == "GS110" and f.path == str(analysis.path) and f.line in lines else f
            for f in findings]
