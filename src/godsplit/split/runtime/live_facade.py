"""The live facade: the old module forwards attribute assignment to the new modules.

Copied to the end of a facade (`facade = "live"`). Setting an attribute of the old module
(mock.patch, patch.object, monkeypatch) also sets it in each new module that binds the
same object under that name, so the patch reaches the moved code, and is undone there
too. Globals rebound at run time (`global x`) are read from the module that holds them.
"""

SLOT_BASE: str = __name__  # `__name__` (package layout), `__package__`, or `""`
SLOT_MODULES: tuple[str, ...] = ()  # the new modules, relative to the base
SLOT_LIVE: dict[str, str] = {}  # globals rebound at run time -> the module holding them

# godsplit-runtime: begin

# godsplit: live facade. Setting an attribute of this module (mock.patch, monkeypatch)
# also sets it in each new module that binds the same object under that name, so the
# patch reaches the moved code, and is undone there too.
import sys as _godsplit_sys
import types as _godsplit_types

_GODSPLIT_BASE = SLOT_BASE
_GODSPLIT_MODULES = SLOT_MODULES
_GODSPLIT_LIVE = SLOT_LIVE  # globals rebound at run time -> the module that holds them


def _godsplit_module(suffix: str) -> _godsplit_types.ModuleType:
    return _godsplit_sys.modules[f"{_GODSPLIT_BASE}.{suffix}" if _GODSPLIT_BASE else suffix]


def _godsplit_bindings() -> dict[str, list[str]]:
    here = vars(_godsplit_sys.modules[__name__])
    found: dict[str, list[str]] = {}
    for suffix in _GODSPLIT_MODULES:
        for name, value in vars(_godsplit_module(suffix)).items():
            if not name.startswith("__") and name in here and here[name] is value:
                found.setdefault(name, []).append(suffix)
    for name, suffix in _GODSPLIT_LIVE.items():
        found.setdefault(name, []).append(suffix)
    return found


_GODSPLIT_BINDINGS = _godsplit_bindings()


class _GodsplitFacade(_godsplit_types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        for suffix in _GODSPLIT_BINDINGS.get(name, ()):
            setattr(_godsplit_module(suffix), name, value)

    def __delattr__(self, name: str) -> None:
        super().__delattr__(name)
        for suffix in _GODSPLIT_BINDINGS.get(name, ()):
            module = _godsplit_module(suffix)
            if name in vars(module):
                delattr(module, name)
    # godsplit-runtime: if live

    def __getattribute__(self, name: str) -> object:
        home = _GODSPLIT_LIVE.get(name)
        if home is not None:
            return getattr(_godsplit_module(home), name)
        return super().__getattribute__(name)
    # godsplit-runtime: end


_godsplit_sys.modules[__name__].__class__ = _GodsplitFacade
