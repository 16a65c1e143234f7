"""The names star-imported modules give, seen from a fresh interpreter: run by
`star_names.runtime_star_names` with `python -c` (the project's interpreter need not have
godsplit).

Arguments: the modules' names. It prints one marked JSON line: the names `import *` of
each module that imports gives (its `__all__`, else its public names).
"""

from __future__ import annotations

import importlib
import json
import sys


def star_names(module_names: list[str]) -> list[str]:
    out: list[str] = []
    for name in module_names:
        try:
            module = importlib.import_module(name)
        except BaseException:
            continue
        names = getattr(module, "__all__", None)
        out += [str(n) for n in names] if names is not None else [
            n for n in dir(module) if not n.startswith("_")]
    return out


if __name__ == "__main__":
    print("godsplit-star: " + json.dumps(star_names(sys.argv[1:])))
