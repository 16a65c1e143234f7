"""Stage 2 + 3, plan: source file -> Plan (analyze, assign, render), layered like ufmt.

`plan_split` never writes and never prints; `apply.py` writes a plan and verifies it.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..file_modes import refuse_read_only
from ..files import check_not_shadowed, read_python
from ..types import (
    FACADE,
    Config,
    FileChange,
    Finding,
    GodsplitError,
    ImportStyle,
    Plan,
    PlannedModule,
    SplitConfig,
)
from . import stubs
from .analyze import Analysis, analyze
from .assign import DEFAULT_SHARED, Assignment, assign, in_config
from .attrs_order import attrs_order
from .celery_names import with_task_aliases
from .dist_lists import install_findings
from .dist_version import version_findings
from .doc_length import wrap_comments
from .early_effects import runs_early
from .facade import kept_order, main_blocks, render_facade, star_names
from .facade_checks import created_findings, facade_analysis, live_findings, moves_little, promised_names
from .factory_tasks import factory_task_findings
from .frame_names import frame_findings
from .guard_marks import marked_pieces
from .hazards import identity_findings
from .import_backs import import_backs, pin_backs
from .init_modules import submodule_shadows
from .init_snapshots import snapshot_findings
from .keep_module import own_class_findings
from .kept_imports import kept_edges
from .late_blocks import after_blocks, late_blocks, pin_blocks
from .late_imports import cyclic_late_imports, kept_rebinders
from .layout import Layout, inside, make_layout, refuse_symlink
from .main_name import main_name_findings
from .match_captures import capture_findings
from .module_deletes import delete_findings
from .module_homes import planned_homes
from .module_identity import identity_errors
from .module_loggers import copy_loggers, copyable_loggers, logger_findings
from .namespace_reads import namespace_findings
from .needs import MAIN, Needs, collect_needs, module_edges
from .normalize import Piece, assemble
from .ordered_calls import by_package_order
from .oversized import oversized
from .own_file import own_file_errors
from .own_prefix import check_own_prefix
from .pylint_cycles import pylint_cycles
from .pylint_names import ignored_moved
from .relative_ban import absolute_pieces
from .reloads import Reload, find_reloads, reload_findings
from .render import MARKER, first_definition, render_new_module
from .ruff_config import usable
from .shadowing import on_path_by, shadow_findings, top_level_names
from .star_cycles import staying_stars
from .star_exports import star_bound
from .style import Style, detect_style
from .style_files import repository_root
from .targets import file_changes
from .tool_error import ToolError, locate
from .verify import runs_as_script, still_a_script, undefined_in_plan
from .write import JOURNAL

# Findings that mean the config is wrong rather than the split: exit 2 like bad input.
CONFIG_ERRORS = frozenset({"GS100", "GS101", "GS106"})


def _already_split(split: SplitConfig, layout: Layout, max_lines: int) -> Plan | None:
    facade = layout.facade_path
    if facade.is_file() and MARKER in facade.read_text(errors="replace"):
        return Plan(
            source=split.source, old_module=layout.old_module, facade=facade,
            package=layout.package_dir, layout=layout.kind, max_lines=max_lines, already_split=True,
            findings=(Finding("GS300", "info", f"already split into {layout.new_package}; "
                              "nothing to do", str(split.source), 1),),
        )
    return None


def _check_source(split: SplitConfig, config: Config) -> None:
    source = split.source
    journal = config.root / JOURNAL
    if journal.exists():
        raise GodsplitError("an apply was interrupted here and its journal remains; run "
                            "`godsplit apply` to finish or undo it first", journal)
    refuse_symlink(source, config.root)
    refuse_read_only(source, "nothing was written")  # (plan says so too, not only apply)
    package = split.package
    if package is not None and package.exists() and not inside(package, config.root):
        raise GodsplitError("package is a symlink to a directory outside the project", package)


def plan_split(config: Config, split: SplitConfig) -> tuple[Plan, Analysis | None]:
    """Analyze, assign and render one split. Raises GodsplitError for bad input."""
    _check_source(split, config)
    layout = make_layout(split, config.root)
    done = _already_split(split, layout, config.max_lines)
    if done is not None:
        return done, None
    check_not_shadowed(split.source)
    analysis = analyze(read_python(split.source))
    check_own_prefix(analysis)
    style = detect_style(split.source, stop=_style_root(split.source, config.root))
    reloads = find_reloads(config.root, layout.old_module, {split.source.resolve()})
    deletes = delete_findings(config.root, layout.old_module, {split.source.resolve()})
    plan = build_plan(analysis, split, layout, config.max_lines, style, config.root, reloads=reloads,
                      fresh=bool(deletes))
    frames = [*frame_findings(config.root, split.source, {split.source.resolve()}), *deletes]
    return replace(plan, findings=(*plan.findings, *frames)) if frames and plan.modules else plan, analysis


def _style_root(source: Path, root: Path) -> Path | None:
    """Where the search for the project's tool settings stops (`root` outside a repository)."""
    top = repository_root(source.resolve().parent)
    return root if top == Path(top.anchor) else None


def build_plan(
    analysis: Analysis, split: SplitConfig, layout: Layout, max_lines: int,
    style: Style | None = None, root: Path | None = None, assignment: Assignment | None = None,
    reloads: Sequence[Reload] = (), fresh: bool = False,
) -> Plan:
    """The plan of one split; `style`: format as the project's tools would (run in `root`);
    `assignment`: made by the caller (suggest); `reloads`, `fresh`: the project reloads
    the old module there / imports it anew."""
    split = with_task_aliases(split, analysis.module, analysis.path)  # `job = shared_task`
    layout = replace(layout, style=split.import_style or source_style(analysis, layout))
    assignment = assign(analysis, split) if assignment is None else assignment
    blocks = late_blocks(analysis, cyclic_late_imports(analysis, split.source))
    assignment = pin_blocks(analysis, assignment, split, blocks)  # trio's platform `if`
    backs = import_backs(analysis, layout.old_module)  # exchangelib's fields: GS158
    assignment = pin_backs(analysis, assignment, split, backs)
    written = [layout.facade_path, *map(layout.path, assignment.modules)]
    style, style_findings = usable(style, split.source, written) if style else (None, [])
    findings: list[Finding] = [*analysis.findings, *assignment.findings, *style_findings,
                               *reload_findings(reloads, layout.old_module),
                               *factory_task_findings(analysis, assignment, split)]
    _check_module_names(analysis, split, layout, assignment.modules, root, findings)
    order, assigned = list(assignment.modules), assignment  # (assigned: `__main__` not moved)
    main = main_blocks(analysis) if layout.kind == "package" else []
    if main:  # `python -m old.module` runs the package's __main__.py
        moved = {unit.id: MAIN for unit in main}
        assignment = replace(assignment, module_of={**assignment.module_of, **moved})
        order.append(MAIN)
    anchored = cyclic_late_imports(analysis, split.source) | kept_rebinders(analysis, assignment)
    findings[:] = staying_stars(findings, analysis, anchored)  # GS110: not copied
    needs: dict[str, Needs] = {m: collect_needs(analysis, assignment, m, findings, anchored) for m in order}
    copyable = copyable_loggers(analysis, first_definition(analysis, skip=("facade",)))
    loggers = copy_loggers(analysis, needs, copyable)  # `log = logging.getLogger(__name__)`
    findings.extend(logger_findings(analysis, loggers, assignment.module_of, layout.old_module))
    findings.extend(main_name_findings(analysis, assignment.module_of, layout, copyable, loggers))
    edges, cycle_findings = module_edges(analysis, needs, order)
    early, late = kept_order(analysis, assignment, {n for m in order for n in needs[m].kept})
    early, late = attrs_order(analysis, assignment, layout, early)  # attrs' namespace copies
    early, after = after_blocks(analysis, early, {*blocks, *backs})  # they import it back
    late |= after
    late |= {n for uid in anchored for n in analysis.units[uid].binds}  # bound at the end
    findings[:] = runs_early(findings, analysis, early)  # GS204 of an effect run before them
    kept, kept_findings = kept_edges(analysis, assignment, needs, layout, late, blocks)
    edges += kept
    findings.extend(cycle_findings + kept_findings)
    pieces: dict[Path, list[Piece]] = {
        layout.path(module): render_new_module(
            analysis, assignment, split, layout, module, needs[module], edges, findings, style,
            bool(reloads), loggers.get(module, ())) for module in order
    }
    pieces[layout.facade_path] = render_facade(
        analysis, assignment, split, layout, edges, early, style, bool(reloads), fresh)
    pieces = absolute_pieces(pieces, {layout.facade_path: layout.facade_package} | {
        layout.path(module): layout.package_of(module) for module in order}, style)
    pieces = marked_pieces(pieces, style)  # SIM105 of a guarded import
    try:
        assembled = assemble(pieces, style, split.source, root, analysis.source.text)
    except ToolError as error:  # a bug in godsplit: an error finding, so nothing is written
        assembled = assemble(pieces, None, split.source, root)
        findings.append(Finding(
            "GS115", "error", f"the project's tools fail on the code godsplit generated "
            f"here ({error.cause}); this is a bug in godsplit: please report it",
            str(error.path or split.source), locate(error, assembled)))
    assembled, findings[:] = by_package_order(analysis, assigned, layout, assembled, findings, MARKER,
                                              style)
    if style is not None and style.doc_length is not None:  # W505: godsplit's comments fit
        assembled = {path: wrap_comments(text, style.doc_length, analysis.source.text)
                     for path, text in assembled.items()}
    texts = {path: text.rstrip("\n") + "\n" for path, text in assembled.items()}
    facade_text = texts[layout.facade_path]
    planned = []
    for module in order:
        path = layout.path(module)
        text = texts[path]
        if module == MAIN:
            continue
        lines = text.count("\n")
        names = tuple(n for p in assignment.placements if p.module == module for n in p.names)
        planned.append(PlannedModule(module, path, layout.dotted(module), lines, names))
        if lines > max_lines:
            findings.append(oversized(analysis, assignment.module_of, module, lines, max_lines))
    findings.extend(_shadowed(analysis, split, layout, assignment.modules, facade_text))
    findings.extend(submodule_shadows(split, layout, assignment.modules, texts))  # `seq.x`
    findings.extend(still_a_script(analysis, facade_text, layout.facade_path))
    facade = facade_analysis(analysis, facade_text, layout.facade_path, texts)  # made once
    findings.extend(promised_names(analysis, facade, texts))
    findings.extend(created_findings(analysis, assignment, split))
    findings.extend(moves_little(analysis, assignment))
    findings.extend(namespace_findings(analysis, assignment, layout))
    findings.extend(capture_findings(analysis, assignment))  # `case {"k": name}:` (GS148)
    findings.extend(snapshot_findings(analysis.source.text, split.source, texts,  # attrs
                                      layout.facade_path))
    if not any(f.severity == "error" for f in findings):  # what a clean plan would write
        findings.extend(undefined_in_plan(analysis, texts, facade_text, facade))
    _package_inits(layout, order, texts)
    kept_imported = {name for module in order for name in needs[module].kept}
    stub = _stub(analysis, assignment, split, layout, order, style, root, texts, kept_imported)
    changes = file_changes(analysis.source, split, layout, order, texts, stub)
    if stub is not None and stub not in texts:  # the module became a package
        changes = tuple(sorted((*changes, FileChange(stub, None)), key=lambda c: str(c.path)))
    findings.extend(live_findings(analysis, split) + install_findings(layout, order, split.source, root))
    findings += version_findings(split.source, [c.path for c in changes if c.data is None], texts,
                                 root)  # a build reading the version from the removed file
    findings += pylint_cycles(edges, style.pylint if style is not None else None, split)
    findings += ignored_moved(style.pylint if style is not None else None, layout.old_module,
                              ((n, p.module) for p in assignment.placements for n in p.names),
                              layout.dotted)
    moved = assignment.module_of
    findings += [*identity_findings(analysis, moved, split),
                 *identity_errors(analysis, moved, layout), *own_file_errors(analysis),
                 *own_class_findings(analysis, split)]
    return Plan(
        source=split.source, old_module=layout.old_module, facade=layout.facade_path,
        package=layout.package_dir, layout=layout.kind, max_lines=max_lines,
        modules=tuple(planned), facade_lines=facade_text.count("\n"),
        placements=tuple(assignment.placements), edges=tuple(edges),
        findings=tuple(sorted(set(findings), key=lambda f: (f.line, f.code, f.message))),
        changes=changes, public_names=tuple(star_names(analysis)),
        lookups=_lookups(analysis, assignment.module_of, layout),
        homes=planned_homes(analysis, assignment, split, layout),
    )


def source_style(analysis: Analysis, layout: Layout) -> ImportStyle:
    """How the source imports its own package: relative imports, or absolute ones. A
    file that can run as a script (`python pkg/tool.py`: a `__main__` block, no relative
    import) and stays in place as the facade imports absolutely, so it still can; so does
    a top-level module (`python -OO typing_extensions.py`: its package's facade still can)."""
    text = analysis.source.text
    if not layout.old_package or (layout.kind == "sibling" and runs_as_script(analysis)):
        return "absolute"
    if re.search(r"^[ \t]*from[ \t]+\.", text, re.MULTILINE):
        return "relative"
    top = re.escape(layout.old_module.split(".")[0])
    if layout.old_package and re.search(rf"^[ \t]*(from|import)[ \t]+{top}\b", text, re.MULTILINE):
        return "absolute"
    return "relative"


def _stub(
    analysis: Analysis, assignment: Assignment, split: SplitConfig, layout: Layout,
    order: list[str], style: Style | None, root: Path | None, texts: dict[Path, str],
    kept_imported: set[str],
) -> Path | None:
    """A `.pyi` stub beside the source is split like the source (`stubs.py`): a stub per
    new module and the facade's, added to `texts`. Returns the old stub (replaced by the
    facade's, or deleted when the module becomes a package); a stub that cannot be read
    is left as it is."""
    path = stubs.stub_of(split.source)
    stub = stubs.read_stub(path) if path is not None else None
    if path is None or stub is None:
        return None
    texts.update(stubs.split_stub(
        stub, analysis, assignment, split, layout, order, style, root, kept_imported))
    return path


def _package_inits(layout: Layout, modules: list[str], texts: dict[Path, str]) -> None:
    """The `__init__.py` of the new package (sibling layout) and of its subpackages."""
    wanted = [layout.package_dir] if layout.kind == "sibling" else []
    for module in modules:
        parts = module.split(".")[:-1]
        wanted += [layout.package_dir.joinpath(*parts[:i + 1]) for i in range(len(parts))]
    for directory in dict.fromkeys(wanted):
        init = directory / "__init__.py"
        if init not in texts and not init.exists():
            line = f'"""Modules split from `{layout.old_module}` by godsplit."""\n'
            texts[init] = line if len(line) <= 80 else (
                f'"""Modules split by godsplit.\n\nFrom `{layout.old_module}`.\n"""\n')


def _lookups(
    analysis: Analysis, module_of: dict[int, str], layout: Layout
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each top-level name, the new modules whose moved code reads it (or its home)."""
    readers: dict[str, list[str]] = {}
    for unit in analysis.units:
        module = module_of.get(unit.id)
        if module is None or module == FACADE:
            continue
        for read in unit.reads:
            found = readers.setdefault(read.name, [])
            if layout.dotted(module) not in found:
                found.append(layout.dotted(module))
    out = []
    for name in sorted(analysis.binders):
        where = readers.get(name)
        if not where:
            home = analysis.unit_of(name)
            module = module_of.get(home.id) if home else None
            where = [layout.dotted(module)] if module and module != FACADE else []
        if where:
            out.append((name, tuple(sorted(where))))
    return tuple(out)


def _shadowed(
    analysis: Analysis, split: SplitConfig, layout: Layout, modules: list[str], facade: str
) -> list[Finding]:
    """New modules that become attributes of a package facade must not shadow its names,
    nor a builtin that code in the facade reads (`map.py`, as werkzeug has, is fine)."""
    try:
        read = {n.id for n in ast.walk(ast.parse(facade)) if isinstance(n, ast.Name)}
    except SyntaxError:  # verify reports it (GS410)
        read = set(dir(builtins))
    defined = set(analysis.binders) | (set(dir(builtins)) & read) | star_bound(analysis)
    return [
        Finding("GS106", "error", f"module name {name!r} is also a name defined in the source "
                "(or by its star imports) or a builtin the facade uses; as a package "
                "attribute it would shadow that name",
                *in_config(split, (str(analysis.path), 1), module=name.split(".")[0]))
        for name in layout.facade_attributes(modules) if name in defined
    ]


def _check_module_names(analysis: Analysis, split: SplitConfig, layout: Layout, modules: list[str],
                        root: Path | None, findings: list[Finding]) -> None:
    how = on_path_by(layout, bool(main_blocks(analysis)), analysis.source.text.startswith("#!"),
                     map(layout.path, modules))
    names = top_level_names(split.source, root or split.source.parent)
    findings += shadow_findings(split, layout, modules, names, how)
    if (split.shared or DEFAULT_SHARED) in modules and split.shared is None:
        findings.append(Finding(
            "GS108", "info", f"helpers used by several modules go to {DEFAULT_SHARED!r} "
            "(set `shared` to name it)", str(split.source), 1,
        ))


def select_splits(config: Config, sources: tuple[Path, ...]) -> tuple[SplitConfig, ...]:
    if not sources:
        return config.splits
    chosen = []
    for source in sources:
        resolved = source.resolve()
        match = [s for s in config.splits if s.source.resolve() == resolved]
        if not match:
            raise GodsplitError("no [[split]] in the config has this source", source)
        chosen.extend(match)
    return tuple(chosen)

