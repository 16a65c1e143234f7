"""GS129: objects made by class statements that are not classes, which record the module
their statement ran in.

zope.interface's `class IElement(Interface): ...` makes an `InterfaceClass` instance, not
a class: its metaclass is the class of `Interface`. It takes its `__module__` from the
statement's namespace, as a class does, and builds more from it while it is made
(`__identifier__`, `'zope.interface.interfaces.IElement'`; its hash and order are made from
its name and module). Moved, it records the new module in all of them, and keep-module-name
cannot give the old one back (its `__module__` is read-only, and what was made from it
stays made). zope.interface's own suite passed after a split of its `interfaces.py`, but
every interface there reported a new identity. The probe (`probe.made`) lists such objects
with the strings they hold that name the old module; a change is this warning: pickles and
reprs of moved classes change too, which the split accepts, but an identity its library
keys on is worth a decision (keep them in the old module)."""

from __future__ import annotations

from ..types import Finding
from .verify import Snapshot

SHOWN = 8  # names listed after the first, whose strings are shown


def made_findings(before: Snapshot, after: Snapshot, path: str) -> list[Finding]:
    """GS129 for the objects `probe.made` lists before the split whose strings changed."""
    changed = sorted(n for n in before.made if before.made[n] != after.made.get(n))
    if not changed:
        return []
    first = changed[0]
    shown = f"{first} ({before.made[first]} -> {after.made.get(first, 'gone')})"
    others = changed[1:SHOWN + 1]
    more = f" and {len(changed) - 1 - SHOWN} more" if len(changed) > SHOWN + 1 else ""
    shown += f"; also {', '.join(others)}{more}" if others else ""
    return [Finding(
        "GS129", "warning", f"{len(changed)} object{'s' * (len(changed) > 1)} made by class "
        "statements that are not classes (instances of a metaclass, such as zope.interface's "
        "interfaces) record the module their statement ran in, in values made from it, which "
        f"keep-module-name cannot give back: {shown}; what their library builds from "
        "them (identifiers, reprs, hashes, pickles) names the new module: keep them in the old "
        "module (`keep`) to keep the old one", path, 1, tuple(changed))]
