"""The deprecated facade: reading a moved name through the old path warns, once per name.

Copied to the end of a facade (`facade = "deprecated"`). The facade still imports every
new module (so tasks, signals and registries load as before) and still re-exports each
name for type checkers; at run time the moved names are taken out of the module, so
`old.name` and `from old import name` go through the module `__getattr__` (PEP 562). It
warns with a DeprecationWarning naming the new home the first time each name is read,
and returns the name's current value in its new module. A `__getattr__` or `__dir__`
the module had is still asked for every other name (reloaded, the one found on the first
run: the second run finds this one's own).
"""

SLOT_MOVED: dict[str, str] = {}  # moved name -> the module that defines it now

# godsplit-runtime: begin

# godsplit: deprecated facade. Reading a moved name through this module
# warns once, naming the module that defines it now (`godsplit migrate`
# rewrites such uses).
import importlib as _godsplit_importlib
import warnings as _godsplit_warnings

_GODSPLIT_MOVED: dict[str, str] = SLOT_MOVED
_GODSPLIT_WARNED: set[str] = set()
# the module's own; run again (a reload), not those below
_godsplit_getattr = globals().get(
    "_godsplit_getattr", globals().get("__getattr__"))
_godsplit_dir = globals().get("_godsplit_dir", globals().get("__dir__"))


def _godsplit_deprecate() -> None:
    namespace = globals()
    public = [n for n in namespace if not n.startswith("_")]
    namespace.setdefault("__all__", public)
    for name in _GODSPLIT_MOVED:
        namespace.pop(name, None)


_godsplit_deprecate()


def __getattr__(name: str) -> object:
    home = _GODSPLIT_MOVED.get(name)
    if home is None:
        if _godsplit_getattr is not None:
            return _godsplit_getattr(name)
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    if name not in _GODSPLIT_WARNED:
        _GODSPLIT_WARNED.add(name)
        _godsplit_warnings.warn(
            f"{__name__}.{name} is deprecated: import it from {home}",
            DeprecationWarning, stacklevel=2,
        )
    return getattr(_godsplit_importlib.import_module(home), name)


def __dir__() -> list[str]:
    names = _godsplit_dir() if _godsplit_dir is not None else globals()
    # not a global moved code has not created yet (`global x`)
    return sorted({*names, *(
        n for n, home in _GODSPLIT_MOVED.items()
        if hasattr(_godsplit_importlib.import_module(home), n)
    )})
