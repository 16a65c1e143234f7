"""Stage 3b, render the facade: the old module, left in place so every old import works.

It keeps the source's docstring, header, imports, `__all__`, module dunders,
`__getattr__`/`__dir__` and `__main__` block byte-for-byte, re-exports every top-level name
from the new modules (`from .m import f as f`, the form type checkers treat as public),
and, as a live facade, forwards attribute assignment (mock.patch, monkeypatch) to the new
modules and reads globals rebound at run time from their new home.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import imports
from .analyze import Analysis
from .plan import Assignment
from .render import MARKER, Layout, first_definition
from .types import FACADE, SplitConfig

LIVE_FACADE = '''

# godsplit: live facade. Setting an attribute of this module (mock.patch, monkeypatch)
# also sets it in each new module that binds the same object under that name, so the
# patch reaches the moved code, and is undone there too.
import sys as _godsplit_sys
import types as _godsplit_types

_GODSPLIT_BASE = {base}
_GODSPLIT_MODULES = {modules}
_GODSPLIT_LIVE = {live}  # globals rebound at run time -> the module that holds them


def _godsplit_module(suffix):
    return _godsplit_sys.modules[f"{{_GODSPLIT_BASE}}.{{suffix}}" if _GODSPLIT_BASE else suffix]


def _godsplit_bindings():
    here = vars(_godsplit_sys.modules[__name__])
    found = {{}}
    for suffix in _GODSPLIT_MODULES:
        for name, value in vars(_godsplit_module(suffix)).items():
            if not name.startswith("__") and name in here and here[name] is value:
                found.setdefault(name, []).append(suffix)
    for name, suffix in _GODSPLIT_LIVE.items():
        found.setdefault(name, []).append(suffix)
    return found


_GODSPLIT_BINDINGS = _godsplit_bindings()


class _GodsplitFacade(_godsplit_types.ModuleType):
    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        for suffix in _GODSPLIT_BINDINGS.get(name, ()):
            setattr(_godsplit_module(suffix), name, value)

    def __delattr__(self, name):
        super().__delattr__(name)
        for suffix in _GODSPLIT_BINDINGS.get(name, ()):
            module = _godsplit_module(suffix)
            if name in vars(module):
                delattr(module, name)
{getattribute}

_godsplit_sys.modules[__name__].__class__ = _GodsplitFacade
'''

LIVE_GETATTRIBUTE = '''
    def __getattribute__(self, name):
        home = _GODSPLIT_LIVE.get(name)
        if home is not None:
            return getattr(_godsplit_module(home), name)
        return super().__getattribute__(name)
'''


def reexported(analysis: Analysis, assignment: Assignment, module: str) -> list[str]:
    names: dict[str, None] = {}
    for unit in analysis.units:
        if assignment.module_of.get(unit.id) == module:
            for name in sorted(unit.binds):
                names.setdefault(name, None)
    return list(names)


def runtime_names(analysis: Analysis) -> list[str]:
    """Every name the old module bound at import time (TYPE_CHECKING-only names excluded)."""
    names: dict[str, None] = {}
    for unit in analysis.units:
        if unit.kind in ("type_checking", "docstring"):
            continue  # `from __future__ import x` does bind x, so it counts
        for name in sorted(unit.binds):
            names.setdefault(name, None)
    if analysis.star_imports:
        names.pop("*", None)
    return list(names)


def star_names(analysis: Analysis) -> list[str]:
    """What `from old import *` gives, statically."""
    if analysis.dunder_all is not None:
        return list(analysis.dunder_all)
    return [n for n in runtime_names(analysis) if not n.startswith("_")]


def _live_homes(analysis: Analysis, assignment: Assignment) -> dict[str, str]:
    homes = {}
    for name in sorted(analysis.live_names):
        for uid in analysis.binders.get(name, ()):
            module = assignment.module_of.get(uid)
            if module is not None and module != FACADE:
                homes[name] = module
                break
    return homes


def _suffix(layout: Layout, module: str) -> str:
    if layout.kind == "package":
        return module
    if layout.old_package and layout.new_package.startswith(layout.old_package + "."):
        return f"{layout.new_package[len(layout.old_package) + 1:]}.{module}"
    return layout.dotted(module)


def _base(layout: Layout) -> str:
    if layout.kind == "package":
        return "__name__"
    if layout.old_package and not layout.new_package.startswith(layout.old_package + "."):
        return '""'  # new package elsewhere: absolute names
    return "__package__"


def _repr_tuple(items: Sequence[str]) -> str:
    if not items:
        return "()"
    return "(" + ", ".join(f'"{i}"' for i in items) + ("," if len(items) == 1 else "") + ")"


def render_facade(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, layout: Layout
) -> str:
    module = analysis.module
    first_def = first_definition(analysis)
    head = [module.code_for_node(line) for line in module.header]
    early: list[str] = []
    rest: list[tuple[int, str]] = []
    for unit in analysis.units:
        if unit.kind in ("docstring", "future"):
            head.append(analysis.code(unit.first))
            continue
        is_import = unit.kind in ("import", "type_checking")
        if not is_import and assignment.module_of.get(unit.id) != FACADE:
            continue
        for index in unit.stmts:
            stmt = module.body[index]
            rebased = imports.rebase(stmt, layout.old_package, layout.facade_package)
            text = analysis.code(index) if rebased is stmt else module.code_for_node(rebased)
            if is_import and index < first_def:
                early.append(text)
            else:
                rest.append((index, text))
    marker = f"{MARKER} for `{layout.new_package}`: the code lives there now. Generated by godsplit.\n"
    exports = []
    for name in assignment.modules:
        names = reexported(analysis, assignment, name)
        if names:
            exports.append(imports.reexport(
                layout.facade_ref(name), names, conditional=analysis.conditional_names
            ))
    out = "".join(head)
    out += ("\n" if out else "") + marker + "\n"
    out += "".join(early).lstrip("\n")
    out += ("\n" if early else "") + "".join(exports)
    has_all = analysis.dunder_all is not None or any(
        "__all__" in u.binds for u in analysis.units
    )
    if layout.kind == "package" and not has_all:
        conditional = analysis.conditional_names
        public = star_names(analysis)
        body = "".join(f'    "{n}",\n' for n in public if n not in conditional)
        out += (
            "\n# godsplit: the package's submodules would otherwise be exported by `import *`.\n"
            f"__all__ = [\n{body}]\n"
        )
        maybe = [n for n in public if n in conditional]
        if maybe:
            out += f"__all__ += [n for n in {_repr_tuple(maybe)} if n in globals()]\n"
    tail = "".join(text for _, text in sorted(rest))
    out += tail if tail.startswith("\n") or not tail else "\n" + tail
    if layout.kind == "package" and not has_all and analysis.star_imports:
        out += (
            "\n# godsplit: the star import provides names known only at run time.\n"
            "__all__ += [n for n in dict(globals()) if not n.startswith(\"_\") and n not in __all__\n"
            f"            and n not in {_repr_tuple(assignment.modules)}]\n"
        )
    if split.facade == "live":
        live = _live_homes(analysis, assignment)
        live_text = "{" + ", ".join(
            f'"{n}": "{_suffix(layout, m)}"' for n, m in live.items()
        ) + "}"
        out = out.rstrip("\n") + "\n" + LIVE_FACADE.format(
            base=_base(layout),
            modules=_repr_tuple([_suffix(layout, m) for m in assignment.modules]),
            live=live_text,
            getattribute=LIVE_GETATTRIBUTE if live else "",
        )
    footer = "".join(module.code_for_node(line) for line in module.footer)
    return out.rstrip("\n") + "\n" + footer
