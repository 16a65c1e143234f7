"""The runtime code at the end of a facade: the live facade, the deprecated facade, or
PEP 562 `__getattr__` for globals rebound at run time, and `reload_modules` before it;
`fresh_import` where the project imports the old module anew; rendered from the templates
in `split/runtime/` (`facade.render_facade` places it)."""

from __future__ import annotations

from ..types import SplitConfig
from . import runtime
from .all_names import live_all
from .analyze import Analysis
from .assign import Assignment
from .keep_module import own_class, this_module
from .layout import Layout


def peer(layout: Layout, module: str) -> str:
    """An expression for the dotted name of new module `module`, from the facade."""
    ref = layout.runtime_ref(module)
    if ref.startswith(".") and not ref.startswith(".."):
        return 'f"{__package__}' + ref + '"'
    return '"' + layout.dotted(module) + '"'


def _modules(layout: Layout, assignment: Assignment) -> str:
    """The new modules' dotted names (expressions, from this module's package), a tuple."""
    names = [peer(layout, m) for m in assignment.modules]
    return "(" + ", ".join(names) + ("," if len(names) == 1 else "") + ")"


def fresh_drop(analysis: Analysis, layout: Layout, assignment: Assignment) -> str:
    """The code before the facade's imports of the new modules that, on a fresh import,
    drops those a previous import imported from `sys.modules` (`runtime/fresh_import.py`);
    its `import sys as _godsplit_sys` the caller hoists into the import block."""
    return runtime.render("fresh_import", {"modules": _modules(layout, assignment)}, {"drop"},
                          taken=analysis.bound_names,
                          future_annotations=analysis.future_annotations)


def runtime_code(
    analysis: Analysis, split: SplitConfig, layout: Layout, assignment: Assignment,
    live: dict[str, str], reloaded: bool, moved: str = "{}", fresh: bool = False,
) -> str:
    """The runtime code at the end of the facade: the live facade, which reads globals
    rebound at run time from their home; the deprecated facade (which reads every moved
    name from its home); or, for a static facade, PEP 562 `__getattr__` for those globals;
    before it, if the project reloads the old module, `reload_modules`, and if it imports
    the old module anew (`fresh`), the mark of `fresh_import`. `moved`: the deprecated
    facade's table (moved name -> its new module)."""
    items = [f'"{n}": "{layout.runtime_ref(m)}"' for n, m in live.items()]
    refs = "{" + ", ".join(items) + "}"
    if len(refs) > 60:  # one a line, as a formatter would
        refs = "{\n" + "".join(f"    {item},\n" for item in items) + "}"
    slots = {"modules": _modules(layout, assignment), "here": this_module(analysis.bound_names)}
    again = runtime.render("reload_modules", slots, taken=analysis.bound_names,
                           future_annotations=analysis.future_annotations) if reloaded else ""
    if fresh:  # after the reload's block: a reload keeps the new modules' specs
        mark = runtime.render("fresh_import", slots, {"mark"}, taken=analysis.bound_names,
                              future_annotations=analysis.future_annotations)
        mark = mark.partition("import sys as _godsplit_sys\n")[2].strip("\n")  # the drop's
        again = again.strip("\n") + "\n\n\n" + mark if again else mark
    block = ""
    if split.facade == "live":
        grouped: dict[str, list[str]] = {}
        for name, home in live.items():
            grouped.setdefault(peer(layout, home), []).append(f'"{name}"')
        table = "{" + ", ".join(
            f"{ref}: ({', '.join(bound)}{',' if len(bound) == 1 else ''})"
            for ref, bound in grouped.items()) + "}"
        homes = f"{{name: ref for ref, names in {table}.items() for name in names}}" if (
            grouped) else "{}"
        block = runtime.render("live_facade", {**slots, "live": homes}, sections=own_class(
            analysis) | ({"live", *["live_all"] * live_all(analysis, layout, live)} if live
                         else set()),
            future_annotations=analysis.future_annotations, taken=analysis.bound_names)
    elif split.facade == "deprecated":  # its __getattr__ reads moved names from their home
        block = runtime.render("deprecated_facade", {
            "moved": moved},
            future_annotations=analysis.future_annotations, taken=analysis.bound_names)
    elif live:
        own = {name for u in analysis.units if u.kind == "facade" for name in u.binds}
        sections = {
            "getattr" if "__getattr__" in own else "no_getattr",
            "dir" if "__dir__" in own else "no_dir",
        }
        block = runtime.render("live_globals", {"live": refs}, sections=sections,
                               future_annotations=analysis.future_annotations,
                               taken=analysis.bound_names)
    block = again.strip("\n") + "\n\n\n" + block.strip("\n") if again else block
    return "\n\n" + block.strip("\n") + "\n" if block else ""
