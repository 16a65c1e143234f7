"""godsplit: split god files into focused modules behind a facade, and prove nothing broke.

The Python API returns the same frozen dataclasses the command line prints::

    import godsplit

    result = godsplit.plan("app/tasks.py")        # finds godsplit.toml from the cwd up
    for split in result.splits:
        print(split.plan.old_module, [m.name for m in split.plan.modules])
    if not result.errors:
        godsplit.apply("app/tasks.py")

Bad usage, configuration or input raises `GodsplitError`; nothing else is raised on
purpose, nothing is printed and nothing exits. Subpackages, one per capability:
`godsplit.split` (the split engine), `godsplit.sizegate` (`check`), `godsplit.suggester`
(`suggest`) and `godsplit.cli` (the command line, the only user of click and rich).
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # (`import godsplit` does not import typing)
if TYPE_CHECKING:
    from typing import Any

    from .api import (
        apply,
        check,
        load,
        migrate,
        plan,
        retire,
        status,
        suggest,
        update_baseline,
        verify,
    )
    from .types import Config, Finding, GodsplitError, Plan

# Imported on first use, so that `godsplit check` (and `import godsplit.x`) pays only for
# the modules it needs.
_LAZY = {
    "apply": "api", "check": "api", "load": "api", "migrate": "api", "plan": "api",
    "retire": "api", "status": "api", "suggest": "api", "update_baseline": "api", "verify": "api",
    "Config": "types", "Finding": "types", "GodsplitError": "types", "Plan": "types",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Config",
    "Finding",
    "GodsplitError",
    "Plan",
    "__version__",
    "apply",
    "check",
    "load",
    "migrate",
    "plan",
    "retire",
    "status",
    "suggest",
    "update_baseline",
    "verify",
]
