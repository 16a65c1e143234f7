"""Live globals: the old module reads globals rebound at run time from their one home.

Copied to the end of a static facade when moved code rebinds a global with
`global x`. The facade does not bind such a name; PEP 562's module `__getattr__` reads it
from the new module that holds it, so `old.x` and `from old import x` give the current
value, and `__dir__` still lists it. A `__getattr__` the source defined itself still
answers for every other name (and the new one wraps it: same signature, same hints); a
`__dir__` it defined is left alone.
"""

SLOT_LIVE: dict[str, str] = {}  # rebound global -> its module, relative to `__package__`

# godsplit-runtime: begin


# godsplit: these globals are rebound at run time by code that moved; they
# live in one module, and reading them here reads them there.
_GODSPLIT_LIVE: dict[str, str] = SLOT_LIVE
# godsplit-runtime: if getattr
import functools as _godsplit_functools

_godsplit_getattr = globals()["__getattr__"]  # the module's own __getattr__
# godsplit-runtime: end


def _godsplit_home(name: str) -> object:
    import sys

    ref = _GODSPLIT_LIVE[name]
    # `.a`, `..x.a`: relative to this package
    dots = len(ref) - len(ref.lstrip("."))
    if dots:
        base = (__package__ or "").rsplit(".", dots - 1)[0]
        ref = f"{base}.{ref[dots:]}" if ref[dots:] else base
    return sys.modules.get(ref) or __import__(ref, fromlist=["*"])


# godsplit-runtime: if getattr
@_godsplit_functools.wraps(_godsplit_getattr)
# godsplit-runtime: end
def __getattr__(name: str) -> object:
    if name in _GODSPLIT_LIVE:
        return getattr(_godsplit_home(name), name)
    # godsplit-runtime: if getattr
    return _godsplit_getattr(name)
    # godsplit-runtime: end
    # godsplit-runtime: if no_getattr
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)
    # godsplit-runtime: end
# godsplit-runtime: if no_dir


def __dir__() -> list[str]:
    names = {*globals()}
    for name in _GODSPLIT_LIVE:
        if hasattr(_godsplit_home(name), name):
            names.add(name)
    return sorted(names)
# godsplit-runtime: end
