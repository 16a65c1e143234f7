"""The first name of each class and function the module binds, as the import probe
(`probe.py`) records it (compared by `alias_order.py`).

Part of the probe's script: `probe_out.probe_source` writes this module's code where
`probe.py` imports it (the project's interpreter need not have godsplit), so it imports
only the standard library.
"""

from __future__ import annotations

import inspect
import types


def first_names(module: types.ModuleType, skip: set[str], moved: tuple[str, ...]
                ) -> dict[str, str]:
    """Each name of the module's namespace bound to a class or function of the split's
    modules (its `__module__` one of `moved`: doctest's finder looks at no other) -> the
    first name of that object in the namespace's order (itself, unless a name met before
    it binds the same object): the finder names the object's tests by it."""
    first: dict[int, str] = {}
    out: dict[str, str] = {}
    try:  # (what the module put in its place in `sys.modules` may have no namespace)
        items = list(vars(module).items())
    except TypeError:
        return out
    for name, value in items:
        if name in skip or name.lower().startswith("_godsplit"):
            continue
        try:  # (a proxy may raise whatever its target does)
            if not (inspect.isclass(value) or inspect.isroutine(value)) or getattr(
                    value, "__module__", None) not in moved:
                continue
        except Exception:
            continue
        out[name] = first.setdefault(id(value), name)
    return out
