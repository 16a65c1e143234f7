"""Why a name that finds its module's namespace stays in the old module: GS101's words.

A class whose code calls `globals()`, looks its module up by `__name__` or runs `eval`
without a namespace stays in the old module; so does what reads such a name while the
module is imported (`class LRGeneratedTable(LRTable)`), which the new modules could only
import from the facade, mid-import. The second kind was told it finds its module
itself, which its code does not: it is told which kept name it reads.
"""

from __future__ import annotations

from .analyze import Analysis, Unit
from .classify import reads_globals_inside
from .module_identity import created_by_hooks
from .namespace_bound import unbound, writes_namespace
from .self_import import own_module_reads

FINDS_MODULE = ("kept in the old module: its code finds the module it runs in "
                "(globals(), a frame's f_globals, sys.modules[cls.__module__], "
                "sys.modules[__name__], eval or exec without a namespace), "
                "which must stay the old one")
_NAMESPACE = ("globals()", "locals()", "vars()", "sys.modules[")


def namespace_reason(analysis: Analysis, unit: Unit) -> str:
    """Why `unit` (among `analysis.namespace_stmts`) stays in the old module."""
    body = analysis.module.body
    itself = own_module_reads(analysis.module, analysis.path, analysis.future_annotations)
    if found := next((itself[i] for i in unit.stmts if i in itself), None):
        return (f"kept in the old module: it reads the module through an import of itself "
                f"(`{found}`) while the module is imported; from a new module that is the "
                "facade, mid-import, which may not hold the name yet")
    unset = sorted({n for i in unit.stmts for n in unbound(analysis.codes[i], analysis.binders)})
    writers = [i for i in sorted(analysis.namespace_stmts) if i not in unit.stmts
               and writes_namespace(body[i]) and not unbound(analysis.codes[i], analysis.binders)]
    if unset and writers:
        return (f"kept in the old module: it reads {', '.join(unset)}, which no statement "
                "binds: the module binds them through its namespace (exec, globals(), "
                f"sys.modules[__name__]: line {analysis.code_line(writers[0])}), so they "
                "exist only there")
    own = any(reads_globals_inside(body[i]) or any(f in analysis.codes[i] for f in _NAMESPACE)
              for i in unit.stmts) or bool(
        set(unit.stmts) & created_by_hooks(analysis.module, analysis.codes))
    kept = {name for other in analysis.units if other.id != unit.id
            and set(other.stmts) & analysis.namespace_stmts for name in other.binds}
    read = sorted({r.name for r in unit.reads if r.import_time} & kept)
    if own or not read:
        return FINDS_MODULE
    names = ", ".join(read)
    return (f"kept in the old module: it reads {names} while the module is imported, which "
            "stays there (its code finds the module it runs in: globals(), "
            "sys.modules[__name__], eval or exec without a namespace)")
