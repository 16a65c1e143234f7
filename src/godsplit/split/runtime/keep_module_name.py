"""keep-module-name: moved classes and functions (and their methods) report the old module.

Copied to the end of each new module when `keep-module-name = true`, so pickles, reprs
and `DocTestSuite(old_module)` keep working.
"""

SLOT_OLD_MODULE: str = "old.module"  # the old module's dotted name, as a string literal
SLOT_OBJECTS: tuple[object, ...] = ()  # the moved classes and functions, as a tuple display

# godsplit-runtime: begin


# godsplit: keep-module-name: these (and their methods) report the old module, so
# pickles, reprs and doctest discovery keep working.
def _godsplit_keep_module(obj: object) -> None:
    obj.__module__ = SLOT_OLD_MODULE
    for member in vars(obj).values() if isinstance(obj, type) else ():
        for attribute in ("__func__", "fget", "fset", "fdel", None):
            inner = getattr(member, attribute, None) if attribute else member
            if getattr(inner, "__module__", None) == __name__:
                inner.__module__ = SLOT_OLD_MODULE


for _godsplit_obj in SLOT_OBJECTS:
    _godsplit_keep_module(_godsplit_obj)
del _godsplit_obj, _godsplit_keep_module
