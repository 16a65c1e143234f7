"""The import check's GS424: each class and function reports the module the plan says.

Users rely on `__module__`: pickles, `repr`s, Celery's task names, doctest discovery and
registries keyed by module read it. The probe normalises the split's module names in what
it compares otherwise (a moved class's signature is the same wherever it lives), so a
keep-module-name rename that did not happen compared equal and the split said "verified"
(round 32: colander's class made by a metaclass call said `colander.schema_node`). The
probe records each `__module__` as it is (`probe.homes`), and the plan says what each
should be (`planned_homes`): the old module's name where the definition stays in the old
module or keep-module-name renames it, else its new module's. A `__module__` the code sets
to another value (yarl's URL says "yarl") must stay what it was, unless the name moved
without keep-module-name and reports its new module (yt-dlp's utils rebind `__name__` to
their parent package's, which their moved functions no longer see).
"""

from __future__ import annotations

from ..types import FACADE, Finding, Plan, SplitConfig
from .analyze import Analysis
from .assign import Assignment
from .keep_module import definitions, keep_names
from .layout import Layout
from .needs import MAIN
from .verify import Snapshot


def planned_homes(analysis: Analysis, assignment: Assignment, split: SplitConfig,
                  layout: Layout) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each class and function a `class` or `def` statement of the source defines (and,
    under keep-module-name, each class a metaclass call at the top makes), with the modules
    its `__module__` may name after the split: the old module if the definition stays or
    keep-module-name renames it, else its new module (both where the source defines the
    name twice and the two go to different places). A class a metaclass call makes in
    moved code is left out without keep-module-name: a metaclass with a `__new__` of its
    own gives it the metaclass's module."""
    kept = set(keep_names(analysis, list(analysis.units), split)) if split.keep_module_name \
        else set()
    homes: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for unit in analysis.units:
        module = assignment.module_of.get(unit.id, FACADE)
        for name, how in definitions(analysis, unit, split.task_decorators):
            if module == MAIN or (how == "made" and name not in kept and module != FACADE):
                unsure.add(name)  # (`__main__.py`: not run by an import)
            elif name in kept or module == FACADE:
                homes.setdefault(name, set()).add(layout.old_module)
            else:
                homes.setdefault(name, set()).add(layout.dotted(module))
    return tuple((n, tuple(sorted(h))) for n, h in sorted(homes.items()) if n not in unsure)


def home_findings(before: Snapshot, after: Snapshot, plan: Plan, path: str) -> list[Finding]:
    """GS424: the classes, functions and methods whose `__module__` after the split is not
    what it was nor what the plan says it becomes."""
    planned = dict(plan.homes)
    differ = []
    for key, was in sorted(before.homes.items()):
        homes = planned.get(key.split(".")[0])
        now = after.homes.get(key)
        if homes is None or now is None or now == was or (now in homes and (
                now != plan.old_module or was == plan.old_module)):
            continue  # (moved: its new module, whatever `__name__` said in the old one)
        why = (f"planned: {' or '.join(homes)}" if was == plan.old_module else
               "its own code set it")
        differ.append((key, f"{key} ({was} -> {now}; {why})"))
    if not differ:
        return []
    shown = ", ".join(text for _, text in differ[:5]) + (
        f" and {len(differ) - 5} more" if len(differ) > 5 else "")
    names = tuple(dict.fromkeys(key.split(".")[0] for key, _ in differ))
    return [Finding("GS424", "error", "classes or functions report another module "
                    f"(`__module__`) than planned, which pickles, reprs and lookups by module "
                    f"name read: {shown}", path, 1, names)]


def homes_note(before: Snapshot, after: Snapshot, plan: Plan) -> str:
    """What the GS400 line says of the `__module__`s compared."""
    planned = dict(plan.homes)
    compared = sum(k in after.homes and k.split(".")[0] in planned for k in before.homes)
    return (f"; the `__module__` of {compared} functions, classes and methods, as "
            "planned") if compared else ""
