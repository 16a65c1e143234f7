"""Where a module binds names only when it runs: its star imports and its writes through
`globals()` (`for n in NAMES: globals()[n] = ...`, `globals().update(...)`).

Reading the source cannot list those names, so a count of the names before a split read
from the source (`godsplit verify`, which has only the old text) is a lower bound there,
and a name the module has after the split is not known to be new. `apply` counts the
names before by importing the module, before the split, and sees them all; `verify`
does the same where it must (`imported_before`): it imports the old text from a scratch
copy of the import root (`scratch.mirrored`) in which it stands in place of the facade.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..types import FileChange, SplitConfig
from .analyze import Analysis
from .classify import globals_aliases, writes_globals
from .layout import make_layout
from .scratch import mirrored
from .verify import Snapshot, snapshot


def runtime_binders(analysis: Analysis) -> list[str]:
    """Each place `analysis`'s module binds names at run time only, in words, by line."""
    aliases = globals_aliases(analysis.module)
    found = []
    for unit in analysis.units:
        if unit.id in analysis.star_imports:
            found.append((unit.line, f"a star import at line {unit.line}"))
        elif any(writes_globals(analysis.module.body[i], aliases) for i in unit.stmts):
            found.append((unit.line, f"a write through `globals()` at line {unit.line}"))
    return [words for _, words in sorted(found)]


def imported_before(split: SplitConfig, root: Path, import_root: Path, module: str,
                    data: bytes, setup: str | None, python: str,
                    timeout: int = 120) -> Snapshot | None:
    """`module` imported in a fresh interpreter as it was before the split (`data`: the old
    source's bytes), or None when that import fails or does not come from the copy (an
    import hook ahead of `sys.path`)."""
    layout = make_layout(split, root)
    changes = [FileChange(split.source, data)]
    if layout.kind == "package":  # the facade's package goes: `pkg/big.py` comes back
        changes += [FileChange(path, None) for path in layout.package_dir.rglob("*.py")]
    with mirrored(import_root, changes) as mirror:
        found = snapshot(mirror, module, setup, (), python, timeout)
        inside = isinstance(found, Snapshot) and os.path.realpath(found.file).startswith(
            os.path.realpath(mirror) + os.sep)
    return found if isinstance(found, Snapshot) and inside else None
