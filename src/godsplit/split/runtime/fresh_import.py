"""Imported anew, the facade imports its new modules anew too.

Copied into a facade only where the project deletes the old module from `sys.modules`
to import it again (GS149, found by `split/module_deletes.py`; mock's tests do). Before
the split, that second import ran all of the module's code again and made new objects
beside the first import's; split, the facade's imports would find the first import's new
modules still in `sys.modules`, and share them. Two parts:

- `drop`, placed before the facade's imports of the new modules: on a fresh import (not
  a reload: `_godsplit_imported`, defined by the first run, is not in the module yet) it
  takes out of `sys.modules` each new module a previous import of the facade imported
  (its spec is marked), so the imports below run it anew. An `if` statement, which
  pycodestyle and ruff let come before imports (no E402). Nothing is dropped on the first
  import: a new module that project code imported directly, before the facade (the
  sibling layout, or a module mid-import that imported the facade), is not marked. A
  reload is left to `reload_modules`, which runs the new modules again in place.
- `mark`, at the end of the facade: marks the spec of each new module now imported.
"""

SLOT_MODULES: tuple[str, ...] = ()  # the new modules' dotted names

# godsplit-runtime: begin
import sys as _godsplit_sys

# godsplit-runtime: if drop
# godsplit: the project deletes this module from `sys.modules` to import it
# again: imported anew (not reloaded), it imports its new modules anew too,
# as it ran all of its code anew before the split (see the end).
if "_godsplit_imported" not in globals():
    for _godsplit_ref in SLOT_MODULES:
        _godsplit_old = _godsplit_sys.modules.get(_godsplit_ref)
        _godsplit_spec = getattr(_godsplit_old, "__spec__", None)
        if getattr(_godsplit_spec, "_godsplit_facade", False):
            del _godsplit_sys.modules[_godsplit_ref]
    del _godsplit_ref, _godsplit_old, _godsplit_spec
# godsplit-runtime: end
# godsplit-runtime: if mark


def _godsplit_imported() -> None:
    """Mark the new modules this import imported: imported anew, this module
    drops them from `sys.modules` (at its top) to import them anew."""
    for ref in SLOT_MODULES:
        spec = getattr(_godsplit_sys.modules.get(ref), "__spec__", None)
        if spec is not None:
            vars(spec)["_godsplit_facade"] = True


_godsplit_imported()
# godsplit-runtime: end
