"""GS226: the project's pylint names a moved class by its old qualified name in
`ignored-classes`.

pylint checks no member of a class `ignored-classes` names (its attributes are set at run
time): ranger's `.pylintrc` has `ignored-classes=ranger.core.actions.Actions`, whose members
the file manager adds as it starts. Moved, the class's qualified name is the new module's
(`ranger.core.actions.macro.Actions`), which the entry no longer matches, and pylint reports
E1101 (no-member) on its reads of them again: 129 in ranger's `actions.py`, split. The
facade still binds the old name, but pylint names a class by where it is defined. Only the
configuration can fix that: the warning names the entry and the name to add.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..types import Finding
from .checker_config import Pylint


def ignored_moved(pylint: Pylint | None, old_module: str, moved: Iterable[tuple[str, str]],
                  dotted: Callable[[str], str]) -> list[Finding]:
    """A GS226 warning for each entry of pylint's `ignored-classes` that names a moved
    name (`moved`: (name, new module) pairs) by its old qualified name, where the new one
    is not listed too."""
    if pylint is None or not pylint.ignored_classes:
        return []
    where = dict(moved)
    out = []
    for entry in pylint.ignored_classes:
        module, _, name = entry.rpartition(".")
        if module != old_module or name not in where:
            continue
        new = f"{dotted(where[name])}.{name}"
        if new in pylint.ignored_classes:
            continue
        out.append(Finding(
            "GS226", "warning", f"pylint's ignored-classes ({pylint.path.name}) names {entry}, "
            f"which moves to {new}: pylint names a class by the module that defines it, so it "
            f"checks its members again (E1101 no-member on what is set at run time); add {new} "
            "to ignored-classes", str(pylint.path), _line(pylint, entry)))
    return out


def _line(pylint: Pylint, entry: str) -> int:
    """The first line of the configuration that names `entry` (else 1)."""
    try:
        lines = pylint.path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((n for n, text in enumerate(lines, 1) if entry in text), 1)
