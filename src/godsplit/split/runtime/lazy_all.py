"""`import *` of a package facade whose source has no `__all__`: the public names bound
when `import *` runs, as before the split.

A package's `__init__.py` without `__all__` gave `import *` every public global, its
submodules imported after it included: netaddr's `netaddr/__init__.py` imports
`netaddr.ip.sets` after `netaddr.ip`, which binds `sets` on it. A fixed `__all__` written
when the facade runs cannot list them; the facade binds none, and PEP 562's module
`__getattr__` answers `import *`'s lookup of `__all__` when it is made: the public globals
then, but the split's new modules (bound on the package when the facade imports them).
Copied to the end of the facade only where the source defines no `__getattr__` of its own;
not seen by type checkers, which would take any name of the module for one (mypy: `from
pkg import typo` is no error where a module `__getattr__` is defined).
The comprehension filters with two `if` clauses, not `and`: wrapped by a formatter, it broke
before `and`, a W503 under flake8 configs that enable it (squad, round 36). Its error message
is bound to a name first: ruff's EM102 (altair's config) reports an
f-string written into the `raise` (the same in `live_globals` and `deprecated_facade`).
"""

SLOT_NEW: tuple[str, ...] = ()  # the split's new modules, as the package binds them

# godsplit-runtime: begin
import typing as _godsplit_typing

# godsplit: `import *` gives the public names bound when it runs, as it did
# before the split (a submodule imported later is bound on the package), but
# not the new modules; hidden from type checkers, which would take any name
# for one.
if not _godsplit_typing.TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name == "__all__":
            return [
                n for n in dict(globals())
                if not n.startswith("_")
                if n not in SLOT_NEW
            ]
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
