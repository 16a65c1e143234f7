"""GS415: a new module named as a name the old module has only at run time, found by the
import before the split (`verify.first_snapshot`)."""

from __future__ import annotations

from ..types import Finding, Plan
from .verify import Snapshot


def shadowed_at_run_time(plan: Plan, before: Snapshot) -> Finding | None:
    """GS415, GS106 found by the import before the split: a new module of a package facade named
    as a name the old module has only at run time (a star import of an extension module,
    `from matplotlib._image import *` giving `resample`): importing the submodule would
    replace that name on the package."""
    if plan.layout != "package":
        return None
    prefix = plan.old_module + "."
    attributes = {m.dotted[len(prefix):].split(".")[0] for m in plan.modules
                  if m.dotted.startswith(prefix)}
    clash = sorted(attributes & set(before.names))
    if not clash:
        return None
    return Finding(
        "GS415", "error", f"module name{'s' if len(clash) > 1 else ''} "
        f"{', '.join(map(repr, clash))} {'are' if len(clash) > 1 else 'is'} also a name "
        f"{plan.old_module} has when imported (bound at run time: a star import godsplit "
        "cannot read, or globals()); as a package attribute it would shadow that name: "
        "rename the module; nothing was written", str(plan.source), 1)
