"""keep-module-name: moved classes and functions (and their methods) report the old module.

Copied once to the end of a package facade (which every new module is imported through),
or, when the new modules can be imported without the old module (a sibling package), to
the end of each new module, when `keep-module-name = true`: pickles, reprs and
`DocTestSuite(old_module)` keep working.
"""

SLOT_OLD_MODULE: str = "old.module"  # the old module's dotted name (`__name__` in it)
SLOT_OBJECTS: tuple[object, ...] = ()  # the moved classes and functions, as a tuple display

# godsplit-runtime: begin


# godsplit: keep-module-name: these classes and functions (and their methods) report the
# old module, so pickles, reprs and doctest discovery keep working.
# An object whose code set another `__module__` (yarl's URL says "yarl") keeps it.
def _godsplit_keep_module_name(objects: tuple[object, ...]) -> None:
    here = __name__  # the new module, or the package facade the new modules are under
    for obj in objects:
        for member in (obj, *(vars(obj).values() if isinstance(obj, type) else ())):
            for attribute in ("", "__func__", "fget", "fset", "fdel"):
                item = getattr(member, attribute, None) if attribute else member
                home = getattr(item, "__module__", None)
                if home == here or (isinstance(home, str) and home.startswith(here + ".")):
                    item.__module__ = SLOT_OLD_MODULE


_godsplit_keep_module_name(SLOT_OBJECTS)
del _godsplit_keep_module_name
