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

__version__ = "0.1.0"

from .api import apply, check, load, migrate, plan, retire, suggest, update_baseline, verify
from .types import Config, Finding, GodsplitError, Plan

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
    "suggest",
    "update_baseline",
    "verify",
]
