"""`godsplit suggest`: propose the `[[split]]` mapping for a god module.

`graph` weighs how the definitions belong together, `cluster` cuts them into modules,
`place` makes that a mapping without import-time cycles and with exactly K modules, and
`naming` names them. `sizes` predicts each module's planned length from the engine's
early stages, and a module predicted over max-lines is cut before anything is planned.
The engine then plans the mapping once, as `godsplit plan` would (with the names that
code reading the module's namespace needs kept, known before planning: `keeping.ahead`);
only if that plan still has errors is it repaired and planned again. Deterministic;
returns data, never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import parse_config
from ..files import check_not_shadowed, read_python
from ..split.analyze import Analysis, analyze
from ..split.assign import DEFAULT_SHARED, Assignment, assign
from ..split.celery_names import with_task_aliases
from ..split.keep_module import own_class_findings
from ..split.layout import Layout, make_layout, must_stay_a_module, refuse_symlink
from ..split.locations import locating_reads
from ..split.main_name import both_ways
from ..split.other_names import imported_as
from ..split.own_prefix import check_own_prefix
from ..split.plan import _style_root as style_root
from ..split.plan import build_plan
from ..split.render import MARKER
from ..split.shadowing import top_level_names
from ..split.star_exports import star_bound
from ..split.style import detect_style
from ..types import Config, Finding, GodsplitError, Plan, SplitConfig
from .acyclic import uncycle
from .choose import choose
from .cluster import agglomerate, goal
from .comment import shared_why, why
from .described import docstrings
from .graph import Graph, build_graph
from .hubs import containers, hubs
from .indivisible import alone, blocks, note, unite
from .keep_name import keep_name
from .keeping import ahead, keep_more, kept_note, regroup
from .kept_why import Why, reasons
from .members import follow_classes
from .naming import name_modules
from .place import (
    SHARED,
    absorb,
    break_cycles,
    fit,
    gather_families,
    groups_of,
    listed,
    to_helpers,
)
from .pooled import pool_name
from .reexports import to_shared
from .refill import refill
from .repair import cut, repair, too_long
from .sizes import estimate
from .star_names import runtime_star_names

MARGIN = 30  # lines kept free in each module, besides a copy of the source's imports
ROUNDS = 8  # plans at most (the first one is almost always clean)


@dataclass(frozen=True)
class SuggestedModule:
    name: str
    mapped: tuple[str, ...]  # the names the entry lists for it
    lines: int  # as planned
    why: tuple[str, ...]  # comment lines


@dataclass(frozen=True)
class Suggestion:
    source: str  # as the entry writes it: relative to the config's directory
    package: str | None
    shared: str
    default: str | None  # None when no name goes to it (the placements are the same)
    keep_module_name: str | None  # why the entry sets keep-module-name, if it does
    max_lines: int  # the max-lines the suggestion was planned with
    modules: tuple[SuggestedModule, ...]
    plan: Plan  # planned from `table()` with `max_lines`
    rounds: int  # plans made
    notes: tuple[str, ...] = ()
    config_max_lines: int = 600  # the config's max-lines: --write writes max_lines if it differs
    keep: tuple[str, ...] = ()  # names that stay in the old module (`keeping`)
    keep_why: tuple[str, ...] = ()  # why, one clause per reason with its count (`kept_why`)
    module_name: str | None = None  # the config's `module-name` for the source, kept
    module_name_why: str = ""  # where the project imports it by that name (GS423's scan)
    facade: str = "live"  # "static" where the module gives itself a class (GS157)
    # the analysis the suggestion was made from (`checked` reads GS424's makers from it)
    analysis: Analysis | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self.plan.errors

    def table(self) -> dict[str, Any]:
        """The `[[split]]` table, as TOML would load it."""
        out: dict[str, Any] = {"source": self.source}
        if self.package is not None:
            out["package"] = self.package
        out.update({"shared": self.shared, **({"default": self.default} if self.default else {})})
        if self.module_name:
            out["module-name"] = self.module_name
        if self.facade != "live":
            out["facade"] = self.facade
        if self.keep_module_name:
            out["keep-module-name"] = True
        if self.keep:
            out["keep"] = list(self.keep)
        out["modules"] = {m.name: list(m.mapped) for m in self.modules}
        return out


def _free(name: str, taken: set[str]) -> str:
    while name in taken:
        name += "_"
    return name


def _relative(path: Path, root: Path, what: str) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise GodsplitError(f"{what} is outside the project root {root}", path) from None


def _mapping(g: Graph, group: dict[int, int], split: SplitConfig, forbidden: set[str],
             siblings: frozenset[str], budget: int, docs: Mapping[str, str],
             spread: bool, pool: str = DEFAULT_SHARED) -> tuple[SplitConfig, dict[str, list[int]]]:
    """The split with one module per group (in file order, shared last) and its members.
    What import-time cycles moved out is `shared` when small, else named like the rest; a
    small one holding a public function or class is named after them (`pool_name`), else
    `pool` (`_shared`), and the plan's shared module is that one."""
    parts = groups_of(group)
    small = SHARED in parts and g.size(parts[SHARED]) <= budget // 4
    order = sorted((k for k in parts if k != SHARED or not small),
                   key=lambda k: g.nodes[parts[k][0]].line)
    # named and described by what moves: not by what stays (`keep`), unless all of it does
    moving = {k: [n for n in nodes if g.nodes[n].label not in split.keep] or nodes
              for k, nodes in parts.items()}
    names = name_modules(g, [moving[k] for k in order], forbidden, siblings,
                         Path(split.source).stem, docs)
    shown = listed(g, group, spread, frozenset(  # (not with `--modules K`: no module more)
        n for n in range(len(g.nodes)) if g.nodes[n].label in split.keep))
    members = {name: moving[k] for name, k in zip(names, order, strict=True)}
    shared = pool
    if small:  # a big one is named after what it holds, like any module
        shared = pool_name(g, parts[SHARED], forbidden | set(names), siblings,
                           Path(split.source).stem, docs) or pool
        members[shared] = parts[SHARED]
    modules = tuple((name, tuple(sorted(g.nodes[n].label for n in nodes if n in shown
                                        and g.nodes[n].label not in split.keep)))
                    for name, nodes in members.items())
    # a module whose names all stay (`keep`) or follow their users gets no file: no entry
    return replace(split, shared=shared, modules=tuple(m for m in modules if m[1])), members


def _project(source: Path, config: Config, package: Path | None
             ) -> tuple[str, str | None, SplitConfig, Analysis]:
    root = config.root.resolve()
    refuse_symlink(source, root)  # as plan would: suggesting for the file behind it hid it
    key = _relative(source, root, "source")
    if not key.endswith(".py"):
        raise GodsplitError("source must be a .py file", source)
    check_not_shadowed(root / key)
    text = read_python(root / key)
    if MARKER in text.text:
        raise GodsplitError("already split by godsplit: this is a facade", source)
    analysis = analyze(text)
    check_own_prefix(analysis)
    if package is None and source.name in ("__init__.py", "__main__.py"):
        package = (root / key).parent  # a package's own file: its modules go beside it
    elif package is None and (stays := must_stay_a_module(root / key, root)) is not None:
        package = stays[1]  # a Django command, a test module, a script: it must stay a module
    elif package is None and locating_reads(analysis):  # `Flask(__name__)`: files beside it
        package = (root / key).parent / f"{source.stem}_parts"
    elif package is None and both_ways(analysis):  # GS409 in a package split: a file beside
        package = (root / key).parent / f"{source.stem}_parts"
    package_key = _relative(package, root, "package") if package is not None else None
    taken = set(analysis.binders)
    shared = _free(DEFAULT_SHARED, taken)
    given = next((s.module_name for s in config.splits if s.source.resolve() == root / key), None)
    split = SplitConfig(source=root / key, shared=shared, default=_free("misc", taken | {shared}),
                        package=root / package_key if package_key else None, module_name=given)
    if own_class_findings(analysis, split):  # GS157: only a static facade keeps its class
        split = replace(split, facade="static")
    return key, package_key, split, analysis


class _Planner:
    """Plans as `godsplit plan` does, in the project's style (its tools' sorting and
    formatting), so that the sizes checked here are the sizes `plan` finds."""

    def __init__(self, analysis: Analysis, source: Path, root: Path) -> None:
        self.analysis, self.root = analysis, root
        self.style = detect_style(source, stop=style_root(source, root))

    def __call__(self, split: SplitConfig, layout: Layout, limit: int,
                 assignment: Assignment | None = None) -> Plan:
        return build_plan(self.analysis, split, layout, limit, self.style, self.root,
                          assignment)


def suggest(source: Path, config: Config, max_lines: int | None = None, modules: int = 0,
            package: Path | None = None, stay: Mapping[str, str] | None = None) -> Suggestion:
    """Suggest how to split `source` into modules (exactly `modules` of them, the shared
    one included, if given): a mapping whose plan has no errors; `stay`: names kept, each
    with the code of the finding that keeps it (the import check's: `checked.py`)."""
    stay = stay or {}
    key, package_key, split, analysis = _project(source, config, package)
    pool = split.shared or DEFAULT_SHARED  # (`_mapping` may name it after its members)
    named = None if split.module_name else imported_as(config.root, split.source)  # GS423
    split = replace(split, module_name=named[0]) if named else split
    split = replace(split, keep=tuple(sorted(stay)))  # (the import check's: `checked.py`)
    keep = keep_name(analysis, split, config.root)
    if keep:
        split = replace(split, keep_module_name=True)
    limit = max_lines or config.max_lines
    split = with_task_aliases(split, analysis.module, analysis.path)  # as plan reads them
    g = build_graph(analysis, split.task_decorators)
    if not g.nodes:
        raise GodsplitError("nothing to split: the module defines nothing that can move", source)
    # each module repeats about the source's imports: keep room for them, and some more
    imports = sum(u.lines for u in analysis.units if u.kind in ("docstring", "future", "import",
                                                                   "type_checking"))
    budget = limit - min(max(imports + MARGIN, 2 * MARGIN), limit // 4)
    notes = [f"{alone(analysis, n)}, over max-lines {limit}: it gets a module of its own; "
             "consider splitting it" for n in g.nodes if n.lines > limit]
    found = blocks(analysis, g)  # never parted (`indivisible`)
    notes += note(g, found, limit)
    if package is None and split.package is not None and (guards := both_ways(analysis)):
        notes.append(f"made the new modules a package beside the old module "
                     f"({split.package.name}): its `if __name__ ... \"__main__\": ... else:` "
                     f"block (line {guards[0].line}) runs a branch on every import, so it stays "
                     "in the old module, which must stay a file for `python -m` to run its "
                     "other branch (GS409)")
    if split.facade == "static":
        notes.append("the facade is static (`facade = \"static\"`): the module gives itself a "
                     "class (`sys.modules[__name__].__class__ = ...`), which only a static facade "
                     "keeps (GS157)")
    if modules > len(g.nodes):
        notes.append(f"made {len(g.nodes)} modules, not {modules}: the file has only "
                     f"{len(g.nodes)} definitions that can move")
        modules = len(g.nodes)
    if modules:  # candidates made exactly K, the one the file's reads hold best
        group = choose(g, modules, budget)
    else:
        parts = agglomerate(g, list(range(len(g.nodes))), goal(g, budget), budget, force=False)
        group = {n: k for k, part in enumerate(parts) for n in part}
        gather_families(g, group, goal(g, budget), budget)
        to_helpers(g, group)
        to_shared(g, group)
        unite(g, group, found, budget)
        break_cycles(g, group)
        tried: set[tuple[tuple[int, ...], ...]] = set()
        for _ in range(len(g.nodes)):
            absorb(g, group, budget // 10, budget)
            break_cycles(g, group)
            state = tuple(sorted(tuple(m) for m in groups_of(group).values()))
            if state in tried or not fit(g, group, budget, found):
                break  # a fixed point, or halving undone again by the cycles
            tried.add(state)
            break_cycles(g, group)
        if hub := hubs(g, group, budget, frozenset(
                n for n in range(len(g.nodes)) if g.nodes[n].label in split.keep),
                       lambda: containers(analysis)):
            break_cycles(g, group)
            notes += hub
    follow_classes(analysis, g, group, modules, budget)  # `Sample = Enum.Sample`: `members`
    forbidden = set(analysis.binders) | star_bound(analysis) | runtime_star_names(
        analysis, config) | {split.shared or "", split.default or "", source.stem,
                             source.parent.name} | top_level_names(source, config.root)
    directory = (config.root / key).parent
    siblings = frozenset(p.stem for p in directory.iterdir() if p.suffix == ".py" or (
        p.is_dir() and (p / "__init__.py").is_file()))
    layout = make_layout(split, config.root.resolve())
    if layout.package_dir.is_dir():  # new modules beside existing ones (an `__init__.py`)
        forbidden |= {p.stem for p in layout.package_dir.iterdir()}
        siblings = frozenset()
    planned = _Planner(analysis, split.source, config.root)
    docs = docstrings(analysis.module)  # (naming: `described`)
    pins: dict[int, int] = {}
    mapped = None  # the mapping of `group` as it is and its assignment, when already made
    for _ in range(0 if modules else ROUNDS):  # cut what the plan would find over max-lines
        split, members = _mapping(g, group, split, forbidden, siblings, budget, docs, not modules, pool)
        mapped = split, members, assign(analysis, split)
        sizes = estimate(analysis, split, planned.style.line_length, pins, mapped[2])
        if not cut(g, group, [members[name] for name, lines in sizes.items()
                              if too_long(g, members.get(name, []), lines, limit, found)],
                   budget, found):
            break
        mapped = None
        break_cycles(g, group)
    seen: dict[object, tuple[Plan, dict[str, list[int]]]] = {}  # (modules, keep) -> plan
    rounds = tries = 0  # plans made; and plans known ahead (`ahead`): the limit counts both
    kept: set[str] = set(stay)
    kept_why: dict[str, Why] = {name: (code, "") for name, code in stay.items()}
    regrouped: set[frozenset[int]] = set()  # the GS124 sets regrouped (`keeping.regroup`)
    early = True  # `ahead` still to try
    clean: tuple[SplitConfig, dict[str, list[int]], Plan, dict[int, int], int, list[str]] | None = None
    asked, noted = limit, len(notes)  # (a refill plans with max-lines as asked: `refill`)
    while True:
        split, members, assignment = mapped or (
            *_mapping(g, group, split, forbidden, siblings, budget, docs, not modules, pool), None)
        mapped = None
        if early:  # what the first plan is sure to keep, without it
            early = False
            assignment = assignment or assign(analysis, split)
            known = ahead(analysis, assignment, layout)
            if known and keep_more(analysis, known, kept, kept_why):
                split, tries = replace(split, keep=tuple(sorted(kept))), 1
                continue
        if (split.modules, split.keep) in seen:  # the repair led back to a planned mapping
            plan, members = seen[split.modules, split.keep]
            if not plan.errors or not keep_more(analysis, plan.errors, kept, kept_why):
                break
            split = replace(split, keep=tuple(sorted(kept)))
            continue
        plan = planned(split, layout, limit, assignment)
        rounds, tries = rounds + 1, tries + 1
        if modules and any(f.code == "GS105" for f in plan.errors):
            limit = max(m.lines for m in plan.modules)  # K is exact: the modules need this
            notes.append(f"planned with max-lines {limit}: {modules} modules need it")
            plan = planned(split, layout, limit)
        seen[split.modules, split.keep] = plan, members
        before = dict(group)  # with K, a group all of whose names stay is refilled: `refill`
        if not plan.errors and modules and tries < ROUNDS + len(kept) and refill(
                g, group, {m: members[m] for m, _ in split.modules}, modules,
                split.shared or "", budget, found):
            clean = split, members, plan, before, limit, notes[noted:]
            limit, notes[noted:] = asked, []  # K modules may need less than K - 1 did
            continue
        if not plan.errors or tries == ROUNDS + len(kept) or (not repair(
                g, group, plan, members, modules, budget, found) and not regroup(
                analysis, g, group, plan, regrouped) and not keep_more(
                    analysis, plan.errors, kept, kept_why)):
            break
        split = replace(split, keep=tuple(sorted(kept)))  # what cannot move stays (keeping)
    if clean and plan.errors:  # the refilled mapping could not be planned clean: as before
        split, members, plan, before, limit, notes[noted:] = clean
        group.clear()
        group.update(before)
    if modules and len(split.modules) < modules:  # (what `refill` could not make up)
        notes.append(f"made {len(split.modules)} modules, not {modules}: the others' names all "
                     "stay in the old module (keep), and " + ("no refilled mapping planned "
                     "without errors" if clean else "no module had two definitions to cut"))
    if not modules:  # a call-time cycle the project's pylint reports (GS224): `acyclic`
        split, members, plan = uncycle(g, group, (split, members, plan), budget, notes, lambda t: _mapping(
            g, t, split, forbidden, siblings, budget, docs, True, pool), lambda s: planned(s, layout, limit))
    if {f.code for f in plan.errors} == {"GS105"}:  # never a dead end: say what it needs
        over = [m.name for m in plan.modules if m.lines > limit]
        needed = max(m.lines for m in plan.modules)
        notes.append(f"planned with max-lines {needed}: no regrouping brought "
                     f"{', '.join(over)} under max-lines {limit}")
        limit = needed
        plan = planned(split, layout, limit)
    split = replace(split, default=next((p.module for p in plan.placements if p.reason == "default"), None))
    draft = Suggestion(  # the proof: plan the table, as plan would (lines, comments: below)
        key, package_key, split.shared or DEFAULT_SHARED, split.default, keep, limit,
        tuple(SuggestedModule(name, mapped, 0, ()) for name, mapped in split.modules),
        plan, rounds, tuple(notes), config.max_lines, split.keep,
        reasons(analysis, split.keep, kept_why, limit), split.module_name, named[1] if named else "",
        split.facade, analysis)
    checked = parse_config({"max-lines": limit, "split": [draft.table()]},
                           config.path or config.root / "godsplit.toml")
    final = checked.splits[0]  # the analysis is reused: the source is parsed once
    if replace(final, line=split.line) != split:  # else the plan above is that plan
        plan = planned(final, make_layout(final, checked.root), limit)
    if split.keep:  # how much stays: a split that moves little is no split
        notes.append(kept_note(analysis, split.keep, plan.facade_lines))
    placed = {p.name: p for p in plan.modules}  # (the comments: of what the plan places)
    return replace(draft, plan=plan, notes=tuple(notes), modules=tuple(replace(
        m, lines=placed[m.name].lines if m.name in placed else 0, why=why(
            g, members.get(m.name, []), m.mapped, placed[m.name].names if m.name in placed else None)
        if m.name != split.shared else shared_why(plan, m.name)) for m in draft.modules))

