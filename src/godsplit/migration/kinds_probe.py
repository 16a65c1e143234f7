"""The kind of every name each module binds, seen from a fresh interpreter: run by
`probe.probe` with `python -c` (the project's interpreter need not have godsplit).

Arguments: a JSON list of `[import root, module name or "", path]`, setup code, and the
split modules' names (comma-separated). It imports each item (by name when it is a module
of a package, else from its path) and prints one marked JSON line: per path, the kind of
every name it binds and the `__module__` of each class and function, or the error
importing it raised.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import types
from typing import Any


def kind(value: object, moved: set[str]) -> str:
    """What a name is bound to, told apart without evaluating lazy proxies (no
    `isinstance`: it reads a proxy's `__class__`, which evaluates Django's
    `SimpleLazyObject`): modules by name; classes and functions by qualified name; other
    objects by type, the split modules' own types by name only (moved objects change
    `__module__` on purpose)."""
    kind_of = type(value)
    if issubclass(kind_of, types.ModuleType):
        return "module " + str(value.__name__)  # type: ignore[attr-defined]
    if issubclass(kind_of, type):
        return "class " + str(value.__qualname__)  # type: ignore[attr-defined]
    if kind_of is types.FunctionType:
        return "function " + str(value.__qualname__)  # type: ignore[attr-defined]
    if callable(value):
        return "callable"
    where = kind_of.__module__
    return ("<split module>" if where in moved else where) + "." + kind_of.__qualname__


def module_of(value: object) -> str:
    """The `__module__` of a class or a function (what pickles and reprs name), else ""."""
    kind_of = type(value)
    if issubclass(kind_of, type) or kind_of is types.FunctionType:
        home = getattr(value, "__module__", "")
        return home if isinstance(home, str) else ""
    return ""


def imported(number: int, module: str, path: str) -> types.ModuleType:
    if module:
        return importlib.import_module(module)
    spec = importlib.util.spec_from_file_location(f"_godsplit_probe_{number}", path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def main(argv: list[str]) -> None:
    items = json.loads(argv[1])
    for root in dict.fromkeys(item[0] for item in items):
        sys.path.insert(0, root)
    if argv[2]:
        exec(argv[2], {})
    moved = set(argv[3].split(","))
    out: dict[str, Any] = {}
    for number, (_, module, path) in enumerate(items):
        try:
            loaded = imported(number, module, path)
        except BaseException as exc:
            out[path] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        names = {k: v for k, v in vars(loaded).items() if not k.startswith("__")}
        out[path] = {"names": {k: kind(v, moved) for k, v in names.items()},
                     "homes": {k: module_of(v) for k, v in names.items() if module_of(v)}}
    sys.stdout.flush()  # after what importing printed
    print("\ngodsplit-probe: " + json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
