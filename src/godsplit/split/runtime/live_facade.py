"""The live facade: the old module forwards attribute assignment to the new modules.

Copied to the end of a facade (`facade = "live"`). Setting an attribute of the old module
(mock.patch, patch.object, monkeypatch) also sets it in each new module that binds the
same object under that name, so the patch reaches the moved code, and is undone there
too. A global rebound at run time (`global x`) is read from the new module that holds
it, and so is every such name in the namespace (`vars(old)`) whenever someone looks at it
(mock.patch and pytest's monkeypatch save `__dict__[name]` to restore it), so it is
never stale; the `__all__` godsplit writes also lists such a name that exists (moved code
may create it: `global x`, bound by no top-level statement), as `import *` did. (A
static facade reads them with PEP 562's `__getattr__`: `live_globals`.)
A builtin no module binds, set on the old module (`pkg.big.open = fake`, ply's tests),
is set in every new module too: moved code looks it up in its own module's globals.
Pickled (dill, cloudpickle: functions whose globals hold the old module), the old module
is imported again by name, as their reducers for modules do. Patches go to the new modules
this import of the module imported (imported anew, `fresh_import`, it has its own). Reloaded, it runs the new
modules again only where the project reloads it (`reload_modules`, copied before this).
"""

SLOT_MODULES: tuple[str, ...] = ()  # the new modules' dotted names
# an expression: the name this module was imported as (`__name__`, or, where the module
# rebinds `__name__`, its spec's name)
SLOT_HERE: str = "old"
# globals rebound at run time -> their module: `{}`, or, from a table of each module's
# names, `{name: ref for ref, names in {...}.items() for name in names}`
SLOT_LIVE: dict[str, str] = {}

# godsplit-runtime: begin

# godsplit: live facade. Setting an attribute of this module (mock.patch,
# monkeypatch) sets it in each new module that binds the same object under
# that name (a builtin no module binds: in each), and undoes it; globals
# rebound at run time are read from the module that holds them.
import sys as _godsplit_sys
import types as _godsplit_types

# godsplit-runtime: if live
_GODSPLIT_LIVE: dict[str, str] = SLOT_LIVE
# godsplit-runtime: end
# the new modules this import of the module imported (imported anew, it
# has its own: `fresh_import`)
_GODSPLIT_MODULES = {ref: _godsplit_sys.modules[ref] for ref in SLOT_MODULES}


def _godsplit_bindings() -> dict[str, list[str]]:
    here = vars(_godsplit_sys.modules[SLOT_HERE])
    found: dict[str, list[str]] = {}
    for ref in SLOT_MODULES:
        for name, value in vars(_GODSPLIT_MODULES[ref]).items():
            same = name in here and here[name] is value
            if same and not name.startswith("__"):
                found.setdefault(name, []).append(ref)
    # godsplit-runtime: if live
    for name, ref in _GODSPLIT_LIVE.items():
        if ref not in found.setdefault(name, []):
            found[name].append(ref)
    # godsplit-runtime: end
    return found


_GODSPLIT_BINDINGS = _godsplit_bindings()


def _godsplit_targets(name: str) -> tuple[str, ...] | list[str]:
    # a builtin set from outside (`old.open = f`): the moved code reads it
    # too; not a dunder of the module (`importlib.reload` sets `__spec__`)
    builtins = _godsplit_sys.modules["builtins"]
    if name.startswith("__") and name not in _GODSPLIT_BINDINGS:
        return ()
    if name not in _GODSPLIT_BINDINGS and hasattr(builtins, name):
        return SLOT_MODULES
    return _GODSPLIT_BINDINGS.get(name, ())


class _GodsplitFacade(_godsplit_types.ModuleType):
    # picklers find a reducer by the exact type (dill's and cloudpickle's
    # for modules miss this class): pickled, the module is imported by name
    def __reduce_ex__(self, protocol: object) -> tuple[object, tuple[str]]:
        # imported when pickled: `import old` loads no more modules than before
        from importlib import import_module as _godsplit_import_module

        return _godsplit_import_module, (vars(self)["__name__"],)

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        for ref in _godsplit_targets(name):
            setattr(_GODSPLIT_MODULES[ref], name, value)

    def __delattr__(self, name: str) -> None:
        super().__delattr__(name)
        for ref in _godsplit_targets(name):
            if name in vars(_GODSPLIT_MODULES[ref]):
                delattr(_GODSPLIT_MODULES[ref], name)
    # godsplit-runtime: if live

    def __getattribute__(self, name: str) -> object:
        home = _GODSPLIT_LIVE.get(name)
        if home is not None:
            return getattr(_GODSPLIT_MODULES[home], name)
        if name == "__dict__":
            namespace: dict[str, object] = super().__getattribute__(name)
            for live, ref in _GODSPLIT_LIVE.items():
                current = vars(_GODSPLIT_MODULES[ref])
                if live in current:
                    namespace[live] = current[live]
                else:  # deleted there (`global x; del x`)
                    namespace.pop(live, None)
            return namespace
    # godsplit-runtime: end
    # godsplit-runtime: if live_all
        if name == "__all__":  # and the globals moved code made (`global x`)
            listed: list[str] = super().__getattribute__(name)
            return listed + [
                n for n, ref in _GODSPLIT_LIVE.items()
                if n not in listed and not n.startswith("_")
                if n in vars(_GODSPLIT_MODULES[ref])
            ]
    # godsplit-runtime: end
    # godsplit-runtime: if live
        return super().__getattribute__(name)
    # godsplit-runtime: end


# godsplit-runtime: if own_class
# the module gave itself a class (`sys.modules[__name__].__class__ = X`):
# this one extends it, so what it adds (a property, `__getattr__`) answers
_GodsplitFacade.__bases__ = (type(_godsplit_sys.modules[SLOT_HERE]),)
# godsplit-runtime: end
# not an object the module put in its own place (sh's SelfWrapper): a
# patch set on that one reached no module's code before the split either
if vars(_godsplit_sys.modules[SLOT_HERE]) is globals():
    _godsplit_sys.modules[SLOT_HERE].__class__ = _GodsplitFacade
