"""keep-module-name: moved classes and functions (and their methods) report the old module.

Copied once into a package facade (which every new module is imported through), after its
re-exports and before its own code (which may copy a renamed class), or, when the new
modules can be imported without the old module (a sibling package), to the end of each
new module, when `keep-module-name = true`: pickles, reprs and `DocTestSuite(old_module)`
keep working.
"""

SLOT_OLD_MODULE: str = "old.module"  # the old module's dotted name (`__name__` in it)
SLOT_OBJECTS: tuple[object, ...] = ()  # the moved classes and functions, as a tuple display
# an expression: the name this module was imported as (`__name__`, or, where the module
# rebinds `__name__`, its spec's name)
SLOT_HERE: str = "old"

# godsplit-runtime: begin


# godsplit: keep-module-name: these classes and functions (and their
# methods) report the old module, so pickles, reprs and doctest discovery
# keep working. An object whose code set another `__module__` (yarl's URL
# says "yarl") keeps it, and so does one that cannot take another (a
# zope.interface `Interface`, whose `__module__` is read-only).
def _godsplit_keep_module_name(objects: tuple[object, ...], old: str) -> None:
    # this module, or the package facade of the new modules
    here = SLOT_HERE
    parts = ("__func__", "fget", "fset", "fdel")

    # an attribute whose lookup fails with a lookup error other than
    # AttributeError (impacket's NDR enum classes answer any name they lack
    # with a KeyError) is not there; not `except Exception` (ruff's BLE001)
    failed = (LookupError, TypeError, ValueError)

    def read(obj: object, name: str) -> object:
        try:
            return getattr(obj, name, None)
        except failed:
            return None

    # godsplit-runtime: if overloads
    # `typing.get_overloads(f)` looks f's `@overload` variants up by f's
    # `__module__` (Python 3.11+): register them under the old name too
    typing = __import__("typing")
    variants_of = getattr(typing, "get_overloads", None)
    # godsplit-runtime: end
    for obj in objects:
        members = vars(obj).values() if isinstance(obj, type) else ()
        for member in (obj, *members):
            for item in (member, *(read(member, p) for p in parts)):
                home = read(item, "__module__")
                mine = isinstance(home, str) and home.startswith(here + ".")
                # not an instance with slots (a special form a decorator made)
                settable = isinstance(item, type) or (
                    read(item, "__dict__") is not None)
                if not ((home == here or mine) and settable):
                    continue
                # godsplit-runtime: if overloads
                # (none where it has no `__qualname__`, or as `read` above)
                try:
                    variants = variants_of(item) if variants_of else []
                except (AttributeError, *failed):
                    variants = []
                # godsplit-runtime: end
                try:
                    item.__module__ = old
                except (AttributeError, TypeError):  # read-only (zope's)
                    continue
                # godsplit-runtime: if overloads
                for variant in variants:
                    variant.__module__ = old
                    typing.overload(variant)
                # godsplit-runtime: end


_godsplit_keep_module_name(SLOT_OBJECTS, SLOT_OLD_MODULE)
del _godsplit_keep_module_name
