"""The names a new module imports that its text never names, which linters take for unused.

A name the module needs only for `typing.get_type_hints` (a type alias holds it in a
string: `Analysis.hint_reads`), and a private name a class reads mangled (`__secret` in a
method of `Box` reads the top-level `_Box__secret`; pyflakes and ruff do not mangle): their
imports get a targeted `# noqa: F401` (`import_noqa.hint_noqa`), or `ruff --fix` and autoflake
would delete them.
"""

from __future__ import annotations

import re

from .analyze import Analysis, Unit
from .imports import identifiers

_MANGLED = re.compile(r"^_[A-Za-z0-9]\w*__\w+$")


def hint_only(analysis: Analysis, units: list[Unit]) -> set[str]:
    """Names the module needs only for `get_type_hints`, or reads only mangled."""
    hinted = set().union(*(analysis.hint_reads.get(u.id, ()) for u in units))
    named = set().union(*(identifiers(analysis.code(i)) for u in units for i in u.stmts))
    return (hinted - {r.name for u in units for r in u.reads
                      if r.name not in analysis.hint_reads.get(u.id, ())}) | {
        r.name for u in units for r in u.reads if _MANGLED.match(r.name) and r.name not in named}
