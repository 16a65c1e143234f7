"""Stage 3, render: the text of every new module.

Moved code is copied byte-for-byte from the source (with the comments above and inside
it); the only edits are those `transforms` lists. Each module gets exactly the imports it
uses, re-based for its depth, and imports (`needs`) from its sibling modules for names
that moved elsewhere and from the old module for names kept there: at the top, or at the
end when the other module may still be importing.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

import libcst as cst

from ..types import FACADE, Edge, Finding, SplitConfig
from . import import_noqa, imports
from .analyze import Analysis, Unit
from .assign import Assignment
from .classify import is_guard, sets_up_imports
from .file_path import old_file_constant, os_name_of
from .file_pragmas import file_pragmas
from .handover import hand_over, rebound
from .head_order import place_generated
from .import_blocks import mark_tests, prune_import_block
from .keep_module import keep_module_name, keep_names, uses_overload
from .late_runs import late_runs
from .layout import Layout
from .loop_shadows import mark_loops, shadowed_imports
from .main_self import main_self
from .module_head import head_docstring, header_comments
from .module_loggers import Logger, logger_lines
from .mypy_facade import typed_facade_import
from .mypy_order import TYPE_CHECKING_IMPORT, can_order, checked_last, needs_order
from .needs import MAIN, Needs
from .normalize import Block, Piece
from .quotes import new_quote
from .spacing import is_definition, spaced
from .star_cycles import reads_unbound
from .style import Style
from .transforms import apply_edits, plan_edits
from .unnamed_reads import hint_only

MARKER = "# godsplit: facade"


def first_definition(analysis: Analysis, skip: tuple[str, ...] = ()) -> int:
    """Where the source's import block ends: its first statement of another kind (`skip`
    kinds aside)."""
    for unit in analysis.units:
        if unit.kind not in ("docstring", "future", "import", "type_checking", *skip) and not (
                unit.kind in ("effect", "facade") and all(
                    is_guard(stmt := analysis.module.body[i]) or sets_up_imports(stmt)
                    for i in unit.stmts)):
            return unit.first
    return len(analysis.module.body)


def _import_text(
    analysis: Analysis, unit: Unit, names: set[str], old_package: str, new_package: str,
    keep_comments: bool, width: int = 88, tests_noqa: bool = False,
) -> str:
    parts = []
    for index in unit.stmts:
        stmt: cst.BaseStatement = analysis.module.body[index]
        if isinstance(stmt, cst.SimpleStatementLine) and "*" not in names and unit.kind == "import":
            filtered = imports.filter_import_line(stmt, names, width)
            if filtered is None:
                continue
            stmt = filtered
        elif isinstance(stmt, (cst.If, cst.Try)) and "*" not in names and unit.kind == "import":
            pruned = prune_import_block(stmt, names, width)
            if pruned is None:
                continue
            stmt = mark_tests(pruned, names) if tests_noqa and isinstance(pruned, cst.Try) else pruned
        elif isinstance(stmt, cst.If) and "*" not in names and unit.kind == "type_checking":
            checked = imports.filter_type_checking(stmt, names, prune=True)
            if checked is None:
                continue
            stmt = checked
        stmt = imports.rebase(stmt, old_package, new_package)
        if not keep_comments:  # keep blank lines between import groups, not their comments
            leading = [line for line in getattr(stmt, "leading_lines", ()) if line.comment is None]
            stmt = stmt.with_changes(leading_lines=leading[-1:])
        if stmt is analysis.module.body[index]:
            parts.append(analysis.code(index))
        else:
            parts.append(analysis.module.code_for_node(stmt))
    return "".join(parts)


def render_new_module(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, layout: Layout,
    module: str, needs: Needs, edges: list[Edge], findings: list[Finding],
    style: Style | None = None, reloaded: bool = False, loggers: Collection[Logger] = (),
) -> list[Piece]:
    units = [u for u in analysis.units if assignment.module_of.get(u.id) == module]
    package = layout.package_of(module)
    # what stays in the facade (`__all__`, `__lazy_modules__` above the imports) does not
    # end a new module's import block
    first_def = first_definition(analysis, skip=("facade",))
    edits = plan_edits(
        analysis, units, layout.old_module, split.task_decorators, split.pin_task_names,
        layout.old_package, package, split.keep_module_name,
    )
    if module == MAIN:  # it runs as `__main__`, as the source did under `python -m`
        edits = replace(edits, name_ids=frozenset(), findings=tuple(
            f for f in edits.findings if "`__name__`" not in f.message))
    findings.extend(edits.findings)
    quote = new_quote(style, analysis.source.text)  # of the strings written into moved code
    items: list[tuple[float, str]] = []
    future = "".join(
        analysis.code(u.first).lstrip("\n") for u in analysis.units if u.kind == "future"
    )
    late: list[tuple[float, str]] = []
    star = None  # whether the module reads a name only a star import can provide
    f401 = style is None or style.enables("F401", layout.path(module))
    hinted = hint_only(analysis, units) if f401 else set()
    for uid in sorted(needs.imports):
        unit = analysis.units[uid]
        if needs.imports[uid] == {"*"} and uid in analysis.star_imports:
            star = bool(reads_unbound(analysis, units)) if star is None else star
            if not star:
                continue
        text = import_noqa.hint_noqa(_import_text(
            analysis, unit, needs.imports[uid], layout.old_package, package, False,
            88 if style is None else style.line_length, f401), hinted)
        guard = analysis.binds_guard(unit)
        if (unit.kind == "type_checking" or guard) and unit.first < first_def:
            items.append((first_def - (0.25 if guard else 0.2), text))  # after the imports
        else:
            (items if unit.first < first_def else late).append((unit.first, text))
    if loggers:  # after the imports, as `TYPE_CHECKING = False` (module_loggers)
        items.append((first_def - 0.24, logger_lines(analysis, loggers, layout.old_module, quote[0])))
    mine = [e for e in edges if e.source == module]
    conditional = analysis.conditional_names
    width = imports.ONE_LINE if style is not None else 88  # the project's sorter wraps
    aliases = live_aliases(analysis, units, layout, module, [e.target for e in mine if e.live])
    tops = {e: _sibling(_ref(layout, module, e.target), e.names, conditional, width)
            for e in mine if e.names and not e.deferred}
    typed = {e: typed for e, text in tops.items() if (typed := typed_facade_import(
        analysis, style, e, text, conditional))}  # for mypy's order: `mypy_facade`
    top = "".join(t for e, t in tops.items() if e not in typed) + "".join(
        module_import(layout, package, e.target, aliases[e.target])
        for e in mine if e.live and not e.live_last)
    if top:
        items.append((first_def - 0.3, "\n" + import_noqa.hint_noqa(top, hinted)))
    sys_name = "sys"
    if needs_sys(module, edges):
        bound = analysis.binders.get("sys", ())
        sys_name = "sys" if all(analysis.units[u].kind == "import" for u in bound) else (
            "_godsplit_sys")
        if sys_name != "sys" or not any("sys" in n for n in needs.imports.values()):
            items.append((first_def - 0.3, "import sys\n" if sys_name == "sys"
                          else "import sys as _godsplit_sys\n"))
    body: list[tuple[float, str]] = list(late) + [(-1.0, t) for t in typed.values()] + [
        (i, analysis.code(i)) for i in needs.rerun]  # `__main__.py`: main_self.name_rebinds
    if edits.file_ids:  # `__file__` reads become the old path, made with `os`
        os_name = os_name_of(analysis)
        if os_name != "os" or not any("os" in n for n in needs.imports.values()):
            items.append((first_def - 0.3, "import os\n" if os_name == "os"
                          else "import os as _godsplit_os\n"))
        # after the import binding `os` when it comes below the first definition (ansible's
        # `module_utils/basic.py` imports it after an `if sys.version_info < ...` block)
        late_os = [max(analysis.units[u].stmts) + 0.5 for u, names in needs.imports.items()
                   if os_name in names and analysis.units[u].first >= first_def]
        body.append((max([-1.0, *late_os]), "\n" * bool(late_os) + old_file_constant(
            analysis.path, layout.old_module, layout.old_package, package, os_name,
            edits.file_name, quote[0])))
    ordered = style is not None and style.mypy and needs_order(analysis, module, edges, {
        n for u in units for n in u.binds}) and can_order(analysis)  # for mypy's order
    if (ordered or typed) and not any("TYPE_CHECKING" in n for n in needs.imports.values()):
        items.append((first_def - 0.3, TYPE_CHECKING_IMPORT))  # (not twice: F811)
    stmts = {i for u in units for i in u.stmts}
    live = {
        node: aliases[e.target] for e in mine for name in e.live
        for stmt, node in analysis.live_reads.get(name, ()) if stmt in stmts
    }
    walk = {r.stmt for r in analysis.nodes.name_reads
            if r.node_id in edits.name_ids | edits.package_ids | edits.file_ids} | {
        stmt for e in mine for name in e.live
        for stmt, _ in analysis.live_reads.get(name, ()) if stmt in stmts
    } | {stmt for stmt, _, _ in edits.task_calls}
    shadowable = shadowed_imports(style, layout.path(module), mine, conditional)
    for unit in units:
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            changed: cst.BaseStatement = stmt
            if index in walk or id(stmt) in edits.tasks:
                changed = apply_edits(stmt, edits, layout.old_module, split.task_decorators,
                                      index in walk, live,
                                      style.line_length if style is not None else 88, quote)
            if package != layout.old_package and "from ." in analysis.code(index):
                changed = imports.rebase(  # in functions
                    changed, layout.old_package, package,
                    (style.lint_line_length or style.line_length) if style else None,
                    analysis.module.default_indent)
            if shadowable and "for " in analysis.code(index):  # F402: a loop shadows an import
                changed = mark_loops(changed, shadowable, analysis.code(index))
            if module == MAIN:  # `doctest.testmod()` of the module run as `__main__`: GS128
                changed = main_self(changed, split, layout.old_module, findings, (analysis, index))
            text = analysis.code(index) if changed is stmt else analysis.module.code_for_node(changed)
            body.append((index, text))
    body.sort(key=lambda item: item[0])
    joined = _join_head(body, {key for key, _ in late}) if items or future else 0
    if body and not joined and not body[0][1].startswith("\n"):
        body[0] = (body[0][0], "\n" + body[0][1])
    if body:  # statements that were not neighbours in the source: two blank lines around
        texts = spaced([t for _, t in body[1:]], before=body[0][1], first=0)  # a def or class
        body[1:] = [(key, text if isinstance(text, str) else text.text)  # (all str)
                    for (key, _), text in zip(body[1:], texts, strict=True)]
    limit = min(style.lint_line_length or style.line_length, style.doc_length or 999) if style else 88
    pieces: list[Piece] = [header_comments(analysis) + head_docstring(analysis, body, module, layout, limit)
                           + file_pragmas(analysis, stmts)]
    items = place_generated(items, first_def - 0.3, layout.old_module.split(".")[0])
    items.sort(key=lambda item: item[0])
    head = "".join(text for _, text in items)
    if future:
        head = future + ("\n" + head.lstrip("\n") if head else "")
    if head and joined:  # late imports that join the import block are sorted with it (I001:
        head += "".join(text for _, text in body[:joined])  # jupyter_server's serverapp)
        body = body[joined:]
    if head:
        pieces.append(Block("\n" + head.lstrip("\n"), sort=True))
    elif body:  # right after the docstring: two blank lines before a def or class
        first = body[0][1].lstrip("\n")
        body[0] = (body[0][0], ("\n\n" if is_definition(first) else "\n") + first)
    pieces.extend(late_runs(body, {key for key, _ in late}))  # a run of late imports: sorted
    noqa = e402(style, layout.path(module))
    last = _deferred(layout, module, [e for e in mine if e.deferred or e.live_last], conditional,
                     noqa, sys_name, width, {e: module_import(layout, package, e.target, aliases[
                         e.target]) for e in mine if e.live_last})
    pieces.append(Block(import_noqa.hint_noqa(checked_last(last) if ordered else last, hinted),
                        sort=True))
    pieces.append(Block(_backpatch(layout, module,
                                   [e for e in edges if e.target == module and e.backpatch],
                                   sys_name, analysis.conditional_names, limit, reloaded,
                                   rebound(analysis.binders))))
    if split.keep_module_name and not layout.facade_is_package:  # else: once, in the facade
        pieces.append(Block(keep_module_name(keep_names(analysis, units, split),
                                             f'"{layout.old_module}"', analysis.future_annotations,
                                             analysis.conditional_names, analysis.bound_names,
                                             uses_overload(analysis),
                                             module.count(".") + 1 if layout.new_package else 0)))
    return pieces


_IMPORT = re.compile(r"(?:from|import)[ \t]")


def _join_head(body: list[tuple[float, str]], late: set[float]) -> int:
    """How many late imports come first in the body (what stood between them and the
    import block in the source moved): they join it with no blank line, one group, as
    ruff's isort wants (I001: cmd2's two groups a moved `try:` block separated)."""
    joined = 0
    while joined < len(body) and body[joined][0] in late and _IMPORT.match(
            body[joined][1].lstrip("\n")):
        body[joined] = (body[joined][0], body[joined][1].lstrip("\n"))
        joined += 1
    return joined


def e402(style: Style | None, path: Path) -> str:
    """The comment for an import placed after code: `  # noqa: E402` when a linter of the
    project reports E402 there (without a known style: ruff's defaults, which do)."""
    return "  # noqa: E402" if style is None or style.enables("E402", path) else ""


def live_aliases(
    analysis: Analysis, units: list[Unit], layout: Layout, module: str, homes: list[str],
    prefix: str = "",
) -> dict[str, str]:
    """The name under which `module` imports each module whose rebound globals it reads:
    the module's own name unless code or a top-level name of the source already uses it."""
    taken = set(analysis.binders) | {
        word for u in units for i in u.stmts for word in re.findall(r"\w+", analysis.code(i))
    }
    out = {}
    for home in homes:
        alias = prefix + home.rpartition(".")[2]
        while alias in taken:
            alias = "_" + alias
        taken.add(alias)
        out[home] = alias
    return out


def module_import(layout: Layout, package: str, target: str, alias: str) -> str:
    """`from . import helpers`: the module object, so `helpers.DEBUG` reads the live value."""
    where, _, name = layout.dotted(target).rpartition(".")
    return f"from {layout.ref(package, where)} import {name}" + (
        f" as {alias}\n" if alias != name else "\n"
    )


def _ref(layout: Layout, module: str, target: str) -> str:
    return layout.old_ref(module) if target == FACADE else layout.module_ref(module, target)


def _sibling(
    ref: str, names: tuple[str, ...], conditional: frozenset[str], width: int = 88
) -> str:
    return imports.guarded(
        ref, [n for n in names if n not in conditional], [n for n in names if n in conditional],
        width,
    )


def _deferred(
    layout: Layout, module: str, deferred: list[Edge], conditional: frozenset[str], noqa: str,
    sys_name: str = "sys", width: int = 88, objects: dict[Edge, str] | None = None,
) -> str:
    """Imports at the end of a module: call-time cycles, and names kept in the old module.
    Where the cycle also has import-time edges (`backpatch`), the import is guarded: the
    other module may be mid-import (it hands the names over when done); any other
    ImportError is raised. `objects`: module-object imports (`live_last`), never guarded
    (a module mid-import is bound in `sys.modules`, which `from pkg import mod` reads)."""
    out = ""
    cycle = [e for e in deferred if e.target != FACADE]
    kept = [e for e in deferred if e.target == FACADE]
    for edges, why in ((cycle, "an import cycle"), (kept, "the old module imports this one")):
        if not edges:
            continue
        use = "read only in annotations" if all(e.typing_only for e in edges) else (
            "used only inside functions" + " and in annotations" * any(e.typing_only for e in edges))
        note = f"# godsplit: imported last ({why}); {use}."
        out += "\n\n" + (note if len(note) <= 79 else note.replace("; ", ";\n# ", 1)) + "\n"
        for edge in edges:
            ref = _ref(layout, module, edge.target)
            if edge.live_last and objects:
                out += objects[edge].rstrip("\n") + noqa + "\n"
            if edge.backpatch:
                out += _pending(ref, edge, sys_name, width)
            elif edge.deferred:
                out += imports.guarded(
                    ref, [n for n in edge.names if n not in conditional],
                    [n for n in edge.names if n in conditional], width, noqa)
    return out


def _absolute(layout: Layout, ref: str, target: str) -> str:
    """An expression for the dotted name of module `ref` (relative to this package)."""
    if ref.startswith(".") and not ref.startswith(".."):  # ".": a subpackage's `__init__`
        return 'f"{__package__}' + (ref if ref != "." else "") + '"'
    return '"' + (layout.old_module if target == FACADE else layout.dotted(target)) + '"'


def _pending(ref: str, edge: Edge, sys_name: str, width: int) -> str:
    """The import of a peer in a mixed cycle. It fails while a module of the cycle is
    mid-import (the peer itself, or one the peer imports at its top): that module hands
    its names over when it finishes. Any other ImportError (a missing module or name
    elsewhere) is a real failure and is raised."""
    body = imports.from_import(ref, edge.names, width)  # in a block: not E402
    return (
        "try:\n" + "".join(f"    {line}\n" for line in body.splitlines())
        + f"except ImportError as _godsplit_error:\n"
        f"    if _godsplit_error.name not in {sys_name}.modules:  # a real failure, not a cycle\n"
        "        raise\n"
    )


def _backpatch(layout: Layout, module: str, incoming: list[Edge], sys_name: str,
               maybe: Collection[str] = (), width: int = 88, overwrite: bool = False,
               again: Collection[str] = ()) -> str:
    """Hand names to modules of a mixed cycle that were imported before this one finished
    (`overwrite`: the project reloads the old module, see `handover`)."""
    return hand_over([
        (_absolute(layout, layout.module_ref(module, e.source), e.source), e.names)
        for e in incoming
    ], sys_name, maybe, width, overwrite, again)


def needs_sys(module: str, edges: list[Edge]) -> bool:
    """Whether the module's cycle guard or hand-over reads `sys.modules`."""
    return any(e.backpatch and (e.source == module or e.target == module) for e in edges)


