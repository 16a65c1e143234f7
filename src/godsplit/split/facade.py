"""Stage 3b, render the facade: the old module, left in place so every old import works.

It keeps the source's docstring, header, imports, `__all__`, module dunders,
`__getattr__`/`__dir__`, the `__main__` block (in a package layout it moves to
`__main__.py`, which `python -m` runs) and any names kept on purpose, byte-for-byte, and
re-exports every other top-level name from the new modules (`from .m import f as f`, the
form type checkers treat as public; grouped one statement per module where that is
shorter, see normalize.py). Kept code that new modules import is placed before
the re-exports when it can be. Globals rebound at run time are read live from their one
home (PEP 562 `__getattr__`); as a live facade, it also forwards attribute assignment
(mock.patch, monkeypatch) to the new modules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import libcst as cst

from ..types import FACADE, Edge, SplitConfig
from . import import_noqa, imports, runtime
from .all_names import binds_all, lazy_all
from .analyze import Analysis, Unit
from .assign import Assignment
from .checker_marks import alias_pragmas
from .checking_private import checked_reads, without_private
from .classify import sets_up_imports
from .early_effects import early_effects
from .facade_runtime import fresh_drop, peer, runtime_code
from .file_path import facade_file_edits
from .handover import hand_over, rebound, repr_tuple
from .head_order import generated_at
from .keep_module import keep_module_name, keep_names, uses_overload
from .keep_place import kept_body
from .later_aliases import alias_lines, later_aliases
from .layout import Layout
from .main_guards import is_main_block
from .match_captures import kept_captures
from .module_head import header_split
from .namespace_order import providers
from .noqa import ends_import_block, reexport_codes
from .normalize import Block, Piece
from .quotes import new_quote
from .render import MARKER, first_definition, live_aliases, module_import
from .spacing import kept_block
from .style import Style
from .transforms import apply_edits


def reexported(analysis: Analysis, assignment: Assignment, module: str) -> list[str]:
    names: dict[str, None] = {}
    gone = analysis.deleted_names
    for unit in analysis.units:
        if assignment.module_of.get(unit.id) == module:
            for name in sorted(unit.binds):
                if "." not in name and name not in gone:  # `import a.b` binds `a`
                    names.setdefault(name, None)
    return list(names)


def runtime_names(analysis: Analysis) -> list[str]:
    """Every name the old module bound at import time (TYPE_CHECKING-only names, names
    bound only in an `if __name__ == "__main__":` block, and names a top-level `del`
    deletes after their last binding, excluded: the `del` stays with the facade's imports
    or moves with the definition, so no module that re-exports binds them either)."""
    names: dict[str, None] = {}
    gone = analysis.deleted_names
    scripts = main_blocks(analysis)
    for unit in analysis.units:
        if unit.kind in ("type_checking", "docstring") or unit in scripts:
            continue  # `from __future__ import x` does bind x; a `__main__` block runs never
        for name in sorted(unit.binds):
            if "." not in name and name not in gone:  # `import a.b` binds `a` (lists `a.b`)
                names.setdefault(name, None)
    if analysis.star_imports:
        names.pop("*", None)
    return list(names)


def star_names(analysis: Analysis) -> list[str]:
    """What `from old import *` gives, statically."""
    if analysis.dunder_all is not None:
        return list(analysis.dunder_all)
    return [n for n in runtime_names(analysis) if not n.startswith("_")]


def live_homes(analysis: Analysis, assignment: Assignment) -> dict[str, str]:
    """Globals rebound at run time that moved -> the new module that holds them."""
    homes = {}
    for name in sorted(analysis.live_names):
        for uid in analysis.binders.get(name, ()):
            module = assignment.module_of.get(uid)
            if module is not None and module != FACADE:
                homes[name] = module
                break
    return homes


def main_blocks(analysis: Analysis) -> list[Unit]:
    """Every `if __name__ == "__main__":` block (a module may have several)."""
    return [
        u for u in analysis.units
        if u.kind == "facade" and is_main_block(analysis.module.body[u.first])
    ]


def kept_order(
    analysis: Analysis, assignment: Assignment, wanted: Collection[str]
) -> tuple[set[int], set[str]]:
    """Code kept in the old module that new modules import (`wanted`) moves before the
    re-exports when it can run there: it (and the kept code it needs) reads nothing that
    moved, nor a late import, at import time. Those units, and the names the other kept
    units bind (bound only after the new modules are imported). Nothing else moves."""
    first_def = first_definition(analysis)
    main = main_blocks(analysis)
    needed = needs_first(analysis, assignment)
    early: set[int] = set()
    for name in sorted(wanted):
        for uid in analysis.binders.get(name, ()):
            early |= needed(uid) or set()
    kept = {u.id for u in analysis.units
            if assignment.module_of.get(u.id) == FACADE and u.kind != "effect" and u not in main}
    for uid in kept:  # `__import__("pkg.sub")`, `sys.path.extend(...)`: before the new modules
        if all(sets_up_imports(analysis.module.body[i]) for i in analysis.units[uid].stmts):
            early |= needed(uid) or set()
    early |= early_effects(analysis, assignment, first_def, main)  # matplotlib's docstrings
    # a kept `del NAME` between two early bindings of NAME runs between them, as it did
    for unit in analysis.units:
        if assignment.module_of.get(unit.id) == FACADE and unit.id not in early and any(
            b in early and b > unit.id for n in unit.deletes for b in analysis.binders.get(n, ())
        ):
            early.add(unit.id)
    return early, late_names(analysis, assignment, early)


def late_names(analysis: Analysis, assignment: Assignment, early: Collection[int]) -> set[str]:
    """The names the kept units not in `early` bind: bound after the re-exports."""
    return {name for u in analysis.units
            if assignment.module_of.get(u.id) == FACADE and u.id not in early
            for name in u.binds | u.rebinds}


def needs_first(analysis: Analysis, assignment: Assignment) -> Callable[[int], set[int] | None]:
    """For a kept unit, the kept units it needs bound first to run before the re-exports
    (itself included), or None if one of them reads a moved name at import time (all
    followed, cycles too: no part answers); None for a unit that is not kept."""
    first_def = first_definition(analysis)
    main = main_blocks(analysis)
    kept = {u.id for u in analysis.units
            if assignment.module_of.get(u.id) == FACADE and u.kind != "effect" and u not in main}
    memo: dict[int, set[int] | None] = {}
    binders = providers(analysis)  # what a unit reads at import time: who binds it

    def needed(uid: int) -> set[int] | None:
        if uid in memo:
            return memo[uid]
        out: set[int] = set()
        todo = [uid] if uid in kept else []
        while todo:
            current = todo.pop()
            if current in out:
                continue
            out.add(current)
            for provider in binders(current):
                unit = analysis.units[provider]
                if provider == current or (
                        unit.kind in ("import", "future") and unit.first < first_def):
                    continue
                if provider not in kept:
                    memo[uid] = None
                    return None
                todo.append(provider)
        memo[uid] = out if uid in kept else None
        return memo[uid]

    return needed


def _static_all(analysis: Analysis, layout: Layout, served: Collection[str]) -> list[str]:
    """The names the facade's `__all__` lists, when known statically: the source's, or
    the one godsplit writes (a package facade, or one that serves names live)."""
    if analysis.dunder_all is not None:
        return list(analysis.dunder_all)
    if binds_all(analysis):
        return []
    if layout.facade_is_package or served:
        return [n for n in star_names(analysis) if n not in analysis.conditional_names]
    return []


def _deprecated_table(analysis: Analysis, assignment: Assignment, layout: Layout) -> str:
    """`facade = "deprecated"`: moved name (and global moved code creates) -> its new
    module, for the names the facade's own code does not read (plain re-exports)."""
    own = {r.name for u in analysis.units if assignment.module_of.get(u.id, FACADE) == FACADE
           and u.kind not in ("import", "type_checking") for r in u.reads}
    moved = {n: m for m in assignment.modules for n in reexported(analysis, assignment, m)}
    moved |= {n: m for n, m in live_homes(analysis, assignment).items() if n not in moved}
    rows = [f'    "{n}": "{layout.dotted(m)}",\n' for n, m in moved.items() if n not in own]
    return "{\n" + "".join(rows) + "}" if rows else "{}"


def render_facade(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, layout: Layout,
    edges: Sequence[Edge] = (), early_ids: Collection[int] = (), style: Style | None = None,
    reloaded: bool = False, fresh: bool = False,
) -> list[Piece]:
    """The facade, as pieces (with `style`, its generated blocks are wrapped by the
    project's tools; without, godsplit wraps long import lines itself). `reloaded`: the
    project reloads the old module (`importlib.reload`); `fresh`: it deletes the old
    module from `sys.modules` to import it anew (`runtime/fresh_import.py`)."""
    module = analysis.module
    first_def = first_definition(analysis)
    live = live_homes(analysis, assignment)  # globals rebound at run time -> their module
    kept = [u for u in analysis.units if assignment.module_of.get(u.id) == FACADE]
    readers = {home for name, home in live.items() if any(name in {r.name for r in u.reads} for u in kept)}
    aliases = live_aliases(analysis, kept, layout, "", sorted(readers),
                           prefix="" if layout.facade_is_package else "_")
    stmts = {i for u in kept for i in u.stmts}
    reads = {
        node: aliases[live[name]] for name in live if live[name] in aliases
        for stmt, node in analysis.live_reads.get(name, ()) if stmt in stmts
    }
    walk = {stmt for reads_of in analysis.live_reads.values() for stmt, node in reads_of
            if node in reads}
    edits, walk = facade_file_edits(analysis, layout, stmts, walk,  # `__file__` reads
                                    new_quote(style, analysis.source.text)[0])
    head, attached = header_split(module)  # `# Python imports`: with its import below
    used = {r.name for u in kept if u.kind not in ("import", "type_checking") for r in u.reads}
    served = live if split.facade == "static" else {}  # read by PEP 562 `__getattr__`
    lazy = lazy_all(analysis, layout, split.facade, served)  # `import *` asks `__getattr__`
    listed = set() if lazy else set(_static_all(analysis, layout, served))
    # a TYPE_CHECKING block the facade keeps whole (`class MagicContainer(Protocol)`)
    elsewhere = {r.name for u in analysis.units if assignment.module_of.get(u.id) != FACADE
                 and u.kind not in ("import", "type_checking") for r in u.reads}  # moved
    used |= checked_reads(analysis, used | listed, elsewhere)
    # a kept import the re-exports rebind (`os = isolate_module(os)` moved): F811 else
    shadowed = {n for m in assignment.modules for n in reexported(analysis, assignment, m)}
    shadowed -= used | analysis.conditional_names
    used |= listed
    f401 = reexport_codes(style, layout.facade_path)  # pyflakes' F401 on `X as X`
    early: list[str] = []
    guarded: list[str] = []  # after the re-exports: an assignment ends the import block
    early_kept: list[str] = []
    rest: list[tuple[int, Piece]] = []
    future_at = len(head)  # where the future imports start: the marker goes before them
    for unit in analysis.units:
        if unit.kind in ("docstring", "future"):
            head.append(analysis.code(unit.first))
            future_at += unit.kind == "docstring"
            continue
        is_import = unit.kind in ("import", "type_checking")
        if not is_import and unit not in kept:
            continue
        for index in unit.stmts:
            stmt = module.body[index]
            changed: cst.BaseStatement = stmt  # live reads first: `rebase` copies the nodes
            if index in walk:
                changed = apply_edits(changed, edits, layout.old_module, (), True, reads)
            changed = imports.rebase(changed, layout.old_package, layout.facade_package)
            if unit.kind == "type_checking" and isinstance(changed, cst.If):
                checked = imports.filter_type_checking(changed, used)  # for type checkers only:
                checked = checked if checked is not changed else without_private(changed, used, elsewhere)
                if checked is None:  # the facade keeps those its own code reads; the
                    # comments above a block it drops stay with the imports
                    comments = "".join(module.code_for_node(line) for line in
                                       changed.leading_lines if line.comment is not None)
                    if comments and index < first_def:
                        early.append(comments)
                    continue
                changed = checked
            if is_import and (dropped := imports.drop_names(changed, shadowed)) is None:
                continue
            if is_import:
                changed, extra = import_noqa.explicit(dropped or changed, used, style, noqa=(
                    import_noqa.reports_unused(style, layout.facade_path)))
            else:
                extra = []
            text = analysis.code(index) if changed is stmt else module.code_for_node(changed)
            text = attached + text if index == 0 else text
            if extra:  # the names only a noqa keeps, on lines of their own
                text += "".join(module.code_for_node(line) for line in extra)
            if index < first_def and (unit.kind == "type_checking" if guarded else (
                    analysis.binds_guard(unit))):
                guarded.append(text)  # `TYPE_CHECKING = False`, and the blocks testing it
            elif (is_import or unit.kind in ("effect", "facade")) and index < first_def:
                early.append(text)  # and a guard (`if ...: raise`), `sys.path.extend(...)`
            elif unit.id in early_ids:
                early_kept.append(text)
            else:  # a kept import godsplit rewrote is sorted and formatted as the project
                # does: `from io import A as A, B as B` is two statements to ruff's isort
                rest.append((index, Block(text, sort=True, reexport_noqa=f401, listed=frozenset(
                    listed)) if is_import and changed is not stmt else text))
    # this facade is the package of the new modules: "in `pkg.big`" would name itself
    where = " the modules of" if layout.new_package == layout.old_module else ""
    marker = f"{MARKER}: the code lives in{where} `{layout.new_package}` now.\n"
    if len(marker) > 80:
        marker = f"{MARKER}: the code lives in{where}\n# `{layout.new_package}` now.\n"
    exports, later = [], later_aliases(analysis, assignment, served)  # `A = B`: after B
    for name in assignment.modules:
        given = reexported(analysis, assignment, name)
        if not given and name not in aliases:  # nothing to re-export: its names are
            # deleted (`del gamma`); its code ran in the old module's, and the live facade
            # finds it in `sys.modules` (round 28, trial29)
            noqa = "  # noqa: F401" if import_noqa.reports_unused(style, layout.facade_path) else ""
            exports.append(module_import(layout, layout.facade_package, name, name if (
                layout.facade_is_package) else "_" + name).rstrip("\n") + noqa + "\n")
        names = [n for n in given if n not in served and n not in later]
        if names:
            exports.append(imports.reexport(
                layout.facade_ref(name), names, 88 if style is None else imports.ONE_LINE,
                conditional=analysis.conditional_names, listed=listed
            ))
    exports.extend(
        module_import(layout, layout.facade_package, home, alias) for home, alias in aliases.items()
    )
    has_all = binds_all(analysis)
    generated_all = ""
    if (layout.facade_is_package or served) and not has_all and not lazy:
        conditional = analysis.conditional_names
        public = star_names(analysis)
        body = "".join(f'    "{n}",\n' for n in public if n not in conditional)
        why = ("the package's submodules would otherwise be exported by `import *`"
               if layout.facade_is_package else "names read live are not bound here")
        generated_all = f"\n# godsplit: {why}.\n__all__ = [\n{body}]\n"
    late_all = ""
    if generated_all and (maybe := [n for n in public if n in conditional] + kept_captures(
            analysis, assignment)):  # and what a kept `match` may bind (its captures)
        # after the facade's own code, which may bind them (`try: import cffi`)
        late_all += f"\n__all__ += [n for n in {repr_tuple(maybe)} if n in globals()]\n"
    submodules = layout.facade_attributes(assignment.modules)
    if layout.facade_is_package and has_all and analysis.dunder_all is None and submodules:
        late_all += (
            "\n# godsplit: `__all__` is computed; the new submodules were not part of it.\n"
            f"__all__ = type(__all__)(n for n in __all__ if n not in {repr_tuple(submodules)})\n"
        )
    if lazy:
        late_all += "\n\n" + runtime.render("lazy_all", {"new": repr_tuple(submodules)}, taken=(
            analysis.bound_names), future_annotations=analysis.future_annotations)
    elif layout.facade_is_package and not has_all and (  # or a package's: its submodules
            analysis.star_imports or analysis.writes_namespace or analysis.path.name == "__init__.py"):
        late_all += (
            "\n# godsplit: names known only at run time (a star import, globals()).\n"
            # `if` clauses, not `and`: wrapped, a formatter breaks between them, where
            # flake8's W503/W504 see no operator (parsedatetime enables W503: round 28)
            "__all__ += [n for n in dict(globals()) if not n.startswith(\"_\") if n not in __all__"
            f" if n not in {repr_tuple(submodules)}]\n"
        )
    handed = [(peer(layout, e.source), e.names) for e in edges
              if e.target == FACADE and e.backpatch]
    machinery = runtime_code(analysis, split, layout, assignment, live, reloaded, _deprecated_table(
        analysis, assignment, layout) if split.facade == "deprecated" else "", fresh)
    drop = fresh_drop(analysis, layout, assignment) if fresh else ""
    hoisted = re.findall(r"^import \w+ as _godsplit_\w+\n", machinery + drop + late_all, re.MULTILINE)
    machinery, drop, late_all = (re.sub(r"(^import \w+ as _godsplit_\w+\n)+\n?", "", text,
                                        flags=re.MULTILINE) for text in (machinery, drop, late_all))
    if handed:
        hoisted.append("import sys as _godsplit_sys\n")
    hoisted = list(dict.fromkeys(hoisted))
    first = "".join(hoisted) + "".join(early).lstrip("\n")
    top = "".join(head[:future_at]).rstrip("\n")  # header comments, docstring
    marker = ("\n" if top else "") + marker
    pieces: list[Piece] = [top + "\n" if top else "", marker, "".join(head[future_at:])]
    if early_kept or drop:  # kept code runs before the re-exports: they come after code
        noqa = "E402" if (style is None or style.enables("E402", layout.facade_path)) and (
            ends_import_block("".join(early_kept))) else ""  # the drop is an `if`: no E402
        pieces += [Block("\n" + first, sort=True, reexport_noqa=f401,
                         listed=frozenset(listed), group=True),
                   Block("\n" + drop.strip("\n") + "\n" * (1 + bool(early_kept)) if drop else ""),
                   kept_block(early_kept),
                   Block("\n" + "".join(exports), sort=True, noqa=noqa, reexport_noqa=f401,
                         listed=frozenset(listed), group=True)]
    else:  # before the source's import-only `if` blocks where that keeps behaviour
        at = generated_at(early, "".join(exports), layout.old_module.split(".")[0])
        at = len(early) if at is None else at
        first = "".join(hoisted) + "".join(early[:at]).lstrip("\n")
        pieces.append(Block("\n" + first + "\n" + "".join(exports) + "".join(early[at:]),
                            sort=True, reexport_noqa=f401, listed=frozenset(listed), group=True))
    pieces += [Block("".join(guarded), sort=True), Block(alias_lines(later))]
    pieces.append(Block(generated_all))
    # keep-module-name: every new module came through this package; before the facade's own
    # code, which may copy what it renames (sh's SelfWrapper copies `Command.__dict__`)
    keep = None  # placed after the kept code's leading imports (E402): keep_place.py
    if split.keep_module_name and layout.facade_is_package:
        moved = [u for u in analysis.units if assignment.module_of.get(u.id, FACADE) != FACADE]
        names = [n for n in keep_names(analysis, moved, split) if n not in served]
        keep = Block(keep_module_name(names, "__name__", analysis.future_annotations,
                                      analysis.conditional_names, analysis.bound_names,
                                      uses_overload(analysis)))
    pieces.extend(kept_body(rest, keep))  # late imports: sorted
    pieces.append(Block(late_all))
    pieces.append(Block(hand_over(handed, "_godsplit_sys", analysis.conditional_names,
                                  88 if style is None else style.line_length, reloaded,
                                  rebound(analysis.binders))))
    pieces.append(Block(machinery))
    pieces.append("".join(module.code_for_node(line) for line in module.footer))
    pieces[1] = marker + alias_pragmas([p if isinstance(p, str) else p.text for p in pieces[3:]],
                                       style, layout.facade_path, layout.facade_is_package)
    return pieces
