"""Reloading the old module runs the new modules' code again.

Copied to the end of a facade (any kind: live, static, deprecated) only when the project
reloads the old module (`importlib.reload(old)`, found by `split/reloads.py`; pagure's
tests do, to make a Celery app anew from the configuration of now). Reloading a module
runs its code again in the same module object; a facade's code is its imports of the
new modules, which are already imported, so without this block they and what they made
at import time would stay those of the first import. On a reload this block takes the new
modules out of `sys.modules`, imports each again in place (the same module object, its
own spec and loader: as `importlib.reload` does), each when first imported, so in the
order they import each other, and takes anew the names the facade re-exports from them.
"""

SLOT_MODULES: tuple[str, ...] = ()  # the new modules' dotted names
# an expression: the name this module was imported as (`__name__`, or, where the module
# rebinds `__name__`, its spec's name)
SLOT_HERE: str = "old"

# godsplit-runtime: begin

# godsplit: the project reloads this module (`importlib.reload`): run the
# new modules' code again, in place, each when first imported (as on the
# first import), and take anew the names this module re-exports from them.
import sys as _godsplit_sys
import types as _godsplit_types

_GODSPLIT_AGAIN = "_GODSPLIT_AGAIN" in vars(_godsplit_sys.modules[SLOT_HERE])


def _godsplit_run_again() -> None:
    from importlib.machinery import ModuleSpec as _GodsplitSpec

    class _GodsplitAgain:
        """Find each new module once, to run it again in place."""

        def __init__(
            self, stale: dict[str, _godsplit_types.ModuleType],
        ) -> None:
            self.stale = stale
            self.specs = {name: m.__spec__ for name, m in stale.items()}

        def find_spec(
            self, fullname: str, path: object, target: object = None,
        ) -> _GodsplitSpec | None:
            """Give a spec for a new module still to run again."""
            del path, target
            module = self.stale.get(fullname)
            if module is None:
                return None
            spec = _GodsplitSpec(fullname, None, origin=module.__file__)
            spec.loader = self  # type: ignore[assignment]
            return spec

        def create_module(
            self, spec: _GodsplitSpec,
        ) -> _godsplit_types.ModuleType:
            """Give the module object itself (reload keeps it)."""
            return self.stale[spec.name]

        def exec_module(self, module: _godsplit_types.ModuleType) -> None:
            """Run the module's code again, with its own loader."""
            spec = self.specs[module.__name__]
            del self.stale[module.__name__]
            loader = spec.loader if spec else None
            module.__spec__, module.__loader__ = spec, loader
            if loader is not None:
                loader.exec_module(module)

    stale: dict[str, _godsplit_types.ModuleType] = {
        ref: _godsplit_sys.modules.pop(ref) for ref in SLOT_MODULES
        if ref in _godsplit_sys.modules}
    before = {ref: dict(vars(module)) for ref, module in stale.items()}
    finder = _GodsplitAgain(stale)
    _godsplit_sys.meta_path.insert(0, finder)
    try:
        for ref in before:
            __import__(ref)
    finally:
        _godsplit_sys.meta_path.remove(finder)
        for ref, module in stale.items():  # stopped by an error: as it was
            _godsplit_sys.modules.setdefault(ref, module)
    here = vars(_godsplit_sys.modules[SLOT_HERE])
    for name, value in list(here.items()):
        for ref, names in before.items():
            now = vars(_godsplit_sys.modules[ref])
            dunder = name.startswith("__")
            if names.get(name) is value and name in now and not dunder:
                here[name] = now[name]
                break


if _GODSPLIT_AGAIN:
    _godsplit_run_again()
