"""A list of the package's modules that names the old module (GS155).

asn1crypto's `__init__.py` has `load_order()`, "the module and sub-module names for
asn1crypto in dependency load order, for the sake of live reloading code": a list of
strings, `'asn1crypto.core'` among them. Split as a package, `asn1crypto.core`'s code is
in new modules the list does not name: a reloader walking it reloads the facade and keeps
the old classes of the new modules, and asn1crypto's own `test_load_order` (every module
on disk is in the list) fails. GS214 said only "the old module still imports under this
name": true, and not the whole story for a string that is one of a list of modules. A
list, tuple or set literal holding the old module's name and at least two other dotted
names of its top package is such a list: GS155 (a warning) names the modules it lacks.

A god file that is a package's `__init__.py` has modules of its own beside it already
(sphinx 8.1's `sphinx/ext/autodoc/__init__.py`: `directive`, `importer`, `mock`, ...). A
list that names the package but not each of those is no list of every module: its
entries are loaded by name (sphinx's `extensions = ['sphinx.ext.autodoc',
'sphinx.ext.doctest', ...]` in each `conf.py`), and the facade gives them all. It keeps
GS214: five GS155 warnings on sphinx's configuration files asked to add modules no list
there needed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..types import Finding, Plan
from .nodes import walk

_LISTS = (cst.List, cst.Tuple, cst.Set)


def _strings(node: cst.List | cst.Tuple | cst.Set) -> list[tuple[cst.SimpleString, str]]:
    return [(e.value, e.value.evaluated_value) for e in node.elements
            if isinstance(e.value, cst.SimpleString) and isinstance(e.value.evaluated_value, str)]


def module_list_lines(module: cst.Module, old: str, new: Collection[str],
                      beside: Collection[str] = ()) -> set[int]:
    """Lines of the old module's name as an element of a list of its package's modules
    that does not name every one of the `new` modules yet (and names each of the modules
    `beside` it, those of the package whose `__init__.py` the old module is)."""
    top = old.partition(".")[0]
    listed: list[cst.SimpleString] = []
    for node in walk(module):
        if not isinstance(node, _LISTS):
            continue
        strings = _strings(node)
        others = [v for _, v in strings if v != old and (v == top or v.startswith(top + "."))
                  and all(part.isidentifier() for part in v.split("."))]
        if len(others) >= 2 and not set(new) <= set(others) and set(beside) <= set(others):
            listed.extend(s for s, v in strings if v == old)
    if not listed:
        return set()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {positions[s].start.line for s in listed}


def relabel_listed(module: cst.Module, plan: Plan, findings: Sequence[Finding]
                   ) -> list[Finding]:
    """`findings` of one file, its GS214s on a module list replaced by GS155."""
    old = plan.old_module
    named = f"{old!r} is named here"
    if not any(f.code == "GS214" and f.message.startswith(named) for f in findings):
        return list(findings)
    new = [m.dotted for m in plan.modules]
    lines = module_list_lines(module, old, new, _beside(plan))
    shown = ", ".join(new[:4]) + (f" and {len(new) - 4} more" if len(new) > 4 else "")
    return [Finding(
        "GS155", "warning", f"{old!r} is listed here with other modules of its package: its "
        f"code moves to {shown}, which the list does not name. Importing each module of the "
        "list still gives every name (the facade); if the list must name every module (a "
        "reload order, a check that each module file is listed), add them before it; a list "
        "of modules to import or load (extensions) needs nothing",
        f.path, f.line,
    ) if f.code == "GS214" and f.message.startswith(named) and f.line in lines else f
        for f in findings]


def _beside(plan: Plan) -> list[str]:
    """The dotted names of the modules and subpackages already in the package whose
    `__init__.py` the god file is (none for a plain module), the new modules aside."""
    if plan.source.name != "__init__.py":
        return []
    new = {m.dotted for m in plan.modules}
    try:
        entries = sorted(plan.source.parent.iterdir())
    except OSError:
        return []
    found = [f"{plan.old_module}.{p.stem}" for p in entries if p.stem.isidentifier() and (
        (p.suffix == ".py" and p.name != "__init__.py")
        or (p.is_dir() and (p / "__init__.py").is_file()))]
    return [name for name in found if name not in new]
