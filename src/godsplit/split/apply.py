"""Plan, write and verify splits as one transaction; and verify a facade against git.

Returns results, never prints. Bad input raises GodsplitError before anything is written;
a verify difference after writing rolls the whole tree back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import decode_source
from ..types import Config, FileChange, Finding, GodsplitError, Plan, SplitConfig
from . import write
from .analyze import Analysis, analyze
from .git_changes import uncommitted_note
from .import_check import Before, ImportCheck, before_split, check_plans, import_findings, not_run
from .other_names import with_other_names
from .plan import plan_split, select_splits
from .shadowed import shadowed_at_run_time
from .spelled_names import spelled_in_project
from .verify import Snapshot, compare_static, served_live, still_a_script, written

if TYPE_CHECKING:
    from ..migration.core import MigrateResult
    from .style import Style


@dataclass(frozen=True)
class SplitResult:
    """One split: its plan, the references found in the project, and verify findings."""

    plan: Plan
    verify: tuple[Finding, ...] = ()
    references: tuple[Finding, ...] = ()
    import_check: ImportCheck | None = None  # plan's, in a scratch copy (its errors: plan's)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.plan.findings + self.references + self.verify

    @property
    def imported(self) -> bool:
        """The import check ran and found the old module the same (GS400): "verified"."""
        return any(f.code == "GS400" for f in self.verify)


@dataclass(frozen=True)
class PlanResult:
    """What `godsplit plan` shows: each selected split's plan and references. Writes nothing."""

    splits: tuple[SplitResult, ...]

    @property
    def plans(self) -> tuple[Plan, ...]:
        return tuple(s.plan for s in self.splits)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.splits for f in s.findings if f.severity == "error")


@dataclass(frozen=True)
class VerifyResult:
    """What `godsplit verify` found: each facade against its module before the split, as of
    git revision `rev` (None: HEAD, or no git)."""

    rev: str | None
    findings: tuple[Finding, ...] = ()
    splits: int = 0  # how many splits were compared
    unapplied: int = 0  # how many selected splits are not applied (nothing to compare)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def references(
    config: Config, plans: Sequence[Plan], rewrite: bool
) -> tuple[dict[str, tuple[Finding, ...]], list[FileChange]]:
    """Patch targets and names in strings that point at moved names, by old module:
    listed, and with `rewrite` also rewritten (the changed files)."""
    from .references import find_references

    todo = [p for p in plans if not p.already_split]
    exclude = {c.path.resolve() for p in todo for c in p.changes} | {p.source.resolve() for p in todo}
    live_sources = {split.source.resolve() for split in config.splits if split.facade == "live"}
    live = frozenset(p.old_module for p in todo if p.source.resolve() in live_sources)
    kept = frozenset(p.old_module for p in todo for split in config.splits
                     if split.keep_module_name and split.source.resolve() == p.source.resolve())
    found, changes = find_references(config.root, todo, exclude, live, kept)
    spelled = spelled_in_project(config, todo, exclude)
    verb = "rewrote" if rewrite else "would rewrite (apply --rewrite-references)"
    out = {}
    for module, result in found.items():
        listed = [Finding("GS213", "info", f"{verb} patch target {r.old!r} -> {r.new!r}",
                          str(r.path), r.line) for r in result.rewrites]
        out[module] = tuple(listed + result.findings + spelled.get(module, []))
    return out, _as_the_project_writes(changes) if rewrite else []


def _as_the_project_writes(changes: list[FileChange]) -> list[FileChange]:
    """The files `--rewrite-references` edits, as `migrate` writes its edits: sorted and
    formatted as the project does, or, where it runs a linter and no formatter, a call a
    longer patch target pushed over the linter's line limit one argument a line (round
    29: license-manager's pylint C0301 at 120 on five `mock.patch(...)` decorators)."""
    from ..migration.sorting import as_the_project_writes

    styles: dict[Path, Style | None] = {}
    out = []
    for change in changes:
        if change.data is None:
            out.append(change)
            continue
        try:
            before = decode_source(change.path.read_bytes(), change.path)
        except (OSError, GodsplitError):
            out.append(change)
            continue
        after = decode_source(change.data, change.path).text
        text = as_the_project_writes(change.path, before.text, after, styles)
        out.append(replace(change, data=before.encode(text)) if text != after else change)
    return out


@dataclass(frozen=True)
class ApplyResult:
    splits: tuple[SplitResult, ...]
    written: bool
    rolled_back: bool = False
    recovered: str | None = None
    rewritten: tuple[Path, ...] = ()  # other files edited by --rewrite-references
    migration: MigrateResult | None = None  # `apply --migrate`

    @property
    def errors(self) -> tuple[Finding, ...]:
        found = tuple(f for s in self.splits for f in s.findings if f.severity == "error")
        return found + (self.migration.errors if self.migration is not None else ())


Progress = Callable[[str], None]  # told what a long run is doing now, in a few words


def _quiet(_: str) -> None:
    pass


def plan_all(
    config: Config, sources: Sequence[Path] = (), progress: Progress = _quiet
) -> list[tuple[Plan, Analysis | None]]:
    selected = select_splits(config, tuple(sources))
    for split in selected:
        _check_mapping_given(config, split)
    if (config.root / write.JOURNAL).exists() and write.lock_holder(config.root):
        raise GodsplitError("an apply is running in this project; wait for it to finish",
                            config.root / write.LOCK)
    planned = []
    for split in selected:
        progress(f"planning {_shown(split.source, config.root)}")
        try:
            plan, analysis = plan_split(config, split)
            planned.append((with_other_names(config, split, plan), analysis))
        except GodsplitError as error:
            raise _at_source_key(config, split, error) from None
    return planned


def _at_source_key(config: Config, split: SplitConfig, error: GodsplitError) -> GodsplitError:
    """A missing source named at its `source` key in the config file (the file and line
    the user edits), with what was looked for; any other error as it is."""
    if error.message != "source file not found" or error.path != str(split.source) or (
            split.config_path is None):
        return error
    written = _shown(split.source, config.root)
    tilde = " (`~` is not expanded: paths are relative to the config file)" if (
        written.startswith("~")) else ""
    return GodsplitError(f"split[{config.splits.index(split)}].source: source file not found: "
                         f"{written}{tilde}", split.config_path, split.source_line or split.line)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _check_mapping_given(config: Config, split: SplitConfig) -> None:
    """A split that maps no names would only move everything into the facade."""
    if any(names for _, names in split.modules) or not split.source.is_file():
        return  # (a missing source is reported by the plan)
    index = config.splits.index(split)
    source = _shown(split.source, config.root)
    raise GodsplitError(
        f"split[{index}] maps no names: its modules table is empty. Map names to new modules "
        f'([split.modules] name = ["function", ...]), or print a mapping to start from with '
        f"`godsplit suggest {source}`",
        split.config_path or config.path, split.line if split.config_path else None)


def plan_splits(
    config: Config, sources: Sequence[Path] = (), with_references: bool = True,
    progress: Progress | None = None, import_check: bool = True,
) -> PlanResult:
    """Plan the selected splits (all by default), with the references each would touch;
    with `import_check`, run apply's import check on the plans in a scratch copy (its
    errors are the plan's)."""
    say = progress or _quiet
    plans = [plan for plan, _ in plan_all(config, sources, say)]
    checks = check_plans(config, plans, say) if import_check else {
        p.old_module: not_run("--static (only what the plan finds statically)") for p in plans}
    plans = [replace(p, findings=p.findings + checks[p.old_module].findings) for p in plans]
    if with_references:
        say("scanning the project for patch targets")
    found = references(config, plans, rewrite=False)[0] if with_references else {}
    return PlanResult(tuple(SplitResult(p, references=found.get(p.old_module, ()),
                                        import_check=checks[p.old_module]) for p in plans))


@dataclass(frozen=True)
class SplitStatus:
    """One configured split: where its facade goes, and whether it is there (applied)."""

    source: Path
    facade: Path
    applied: bool


def split_status(config: Config, sources: Sequence[Path] = ()) -> tuple[SplitStatus, ...]:
    """Whether each selected split is applied (its facade, with godsplit's marker, is in
    place), without planning anything."""
    from .layout import make_layout
    from .render import MARKER

    out = []
    for split in select_splits(config, tuple(sources)):
        facade = make_layout(split, config.root).facade_path
        applied = facade.is_file() and MARKER in facade.read_text(errors="replace")
        out.append(SplitStatus(split.source, facade, applied))
    return tuple(out)


def verify_splits(
    config: Config, sources: Sequence[Path] = (), rev: str | None = None,
    progress: Progress | None = None,
) -> VerifyResult:
    """Compare each selected split's facade with its module before the split, as of git
    `rev` (default HEAD, where there is git), and import it (see history.py)."""
    from .history import verify_split

    say = progress or _quiet
    findings: list[Finding] = []
    splits = select_splits(config, tuple(sources)) if config.splits else ()
    applied = {s.source: s.applied for s in split_status(config, tuple(sources))} if splits else {}
    for split in splits:
        say(f"verifying {_shown(split.source, config.root)}")
        findings.extend(verify_split(config, split, rev, applied[split.source]))
    unapplied = sum(1 for split in splits  # (a source gone too is an error: counted)
                    if not applied[split.source] and split.source.exists())
    return VerifyResult(rev, tuple(findings), len(splits) - unapplied, unapplied)


def _workers(jobs: int) -> int:
    return max(1, min(jobs, os.cpu_count() or 1))


class ApplyInterrupted(KeyboardInterrupt):
    """Ctrl-C during apply, raised once the tree is in a known state: `written` says
    whether the split stands (it was interrupted only while cleaning up) or the old tree
    is back (or was never changed)."""

    def __init__(self, written: bool, message: str) -> None:
        super().__init__(message)
        self.written = written
        self.message = message


def apply_splits(
    config: Config, sources: Sequence[Path] = (), hook: write.Hook | None = None,
    rewrite_references: bool = False, migrate: bool = False, progress: Progress | None = None,
) -> ApplyResult:
    """Plan, write and verify the selected splits as one transaction, holding the
    project's apply lock (a second apply in the same tree gets a GodsplitError)."""
    with write.locked(config.root):
        return _apply(config, sources, hook, rewrite_references, migrate, progress or _quiet)


def _apply(config: Config, sources: Sequence[Path], hook: write.Hook | None,
           rewrite_references: bool, migrate: bool, say: Progress) -> ApplyResult:
    migration = None
    try:
        recovered = write.recover(config.root)
        planned = plan_all(config, sources, say)
        if any(plan.errors for plan, _ in planned):
            return ApplyResult(tuple(SplitResult(p) for p, _ in planned), False,
                               recovered=recovered)
        todo = [(plan, analysis) for plan, analysis in planned if analysis is not None]
        held = write.snapshot(c.path for plan, _ in todo for c in plan.changes)
        if not todo:
            return ApplyResult(tuple(SplitResult(p) for p, _ in planned), False,
                               recovered=recovered)
        if not migrate:  # migrate rewrites (and lists) the references itself
            say("scanning the project for patch targets")
        refs, ref_changes = references(config, [plan for plan, _ in todo], rewrite_references) \
            if not migrate else ({}, [])
        if config.verify_import:
            say("importing the old modules before the split")
        with ThreadPoolExecutor(max_workers=_workers(len(todo))) as pool:  # subprocess imports
            before = dict(zip(
                [plan.old_module for plan, _ in todo],
                pool.map(lambda item: before_split(config, item[0]), todo), strict=True,
            ))
        clashes = {p.old_module: f for p, _ in todo if isinstance(
            b := before[p.old_module][0], Snapshot) and (f := shadowed_at_run_time(p, b))}
        if clashes:  # refused before anything is written
            return ApplyResult(tuple(SplitResult(replace(p, findings=(
                *p.findings, clashes[p.old_module])) if p.old_module in clashes else p)
                for p, _ in planned), False, recovered=recovered)
        changes = [c for plan, _ in todo for c in plan.changes]
        changes += ref_changes
        if migrate:  # one transaction: the split and the migration, verified together
            from ..migration.core import for_apply

            say("finding the uses of the old paths")
            migration, changes = for_apply(config, [plan for plan, _ in todo], changes)
            migration.prepare()
        if (note := uncommitted_note(config.root, [c.path for c in changes])) is not None:
            first = todo[0][0]  # told with the first split written
            planned = [(replace(p, findings=(*p.findings, note)) if p is first else p, a)
                       for p, a in planned]
    except KeyboardInterrupt:
        raise ApplyInterrupted(False, "interrupted before anything was written: "
                                      "nothing changed") from None
    say(f"writing {len(changes)} files")
    restored = "interrupted: the tree was restored, nothing changed"
    try:
        held = write.snapshot(c.path for c in changes) | held  # planned-from bytes win
        txn = write.begin(config.root, changes, hook, held)  # (restores the tree on errors)
    except KeyboardInterrupt:
        raise ApplyInterrupted(False, restored) from None
    results: dict[str, tuple[Finding, ...]] = {}
    migrated: list[Finding] = []
    say("verifying: " + ("importing the old modules after the split" if config.verify_import
                         else "comparing the names"))
    try:
        with ThreadPoolExecutor(max_workers=_workers(len(todo))) as pool:
            verified = pool.map(
                lambda item: _verify_written(config, item[0], item[1], before[item[0].old_module]),
                todo,
            )
            for (plan, _), findings in zip(todo, verified, strict=True):
                results[plan.old_module] = tuple(findings)
        if migration is not None:
            migrated = migration.verify()
    except BaseException as exc:
        txn.rollback()
        if isinstance(exc, KeyboardInterrupt):
            raise ApplyInterrupted(False, restored) from None
        raise
    failed = any(f.severity == "error" for fs in [*results.values(), migrated] for f in fs)
    try:
        if failed:
            txn.rollback()
        else:
            txn.commit()
    except KeyboardInterrupt:
        if txn.committed:
            raise ApplyInterrupted(True, "interrupted while cleaning up: the split was written "
                                         "and verified and stands; the next `godsplit apply` "
                                         "removes what is left of the backups") from None
        raise ApplyInterrupted(False, restored) from None
    splits = tuple(
        SplitResult(p, results.get(p.old_module, ()), refs.get(p.old_module, ()))
        for p, _ in planned
    )
    done = migration.result(written=not failed, rolled_back=failed, findings=migrated) \
        if migration is not None else None
    return ApplyResult(splits, not failed, rolled_back=failed, recovered=recovered,
                       rewritten=() if failed else tuple(c.path for c in ref_changes),
                       migration=done)


def _verify_written(
    config: Config, plan: Plan, analysis: Analysis | None, before: Before
) -> list[Finding]:
    assert analysis is not None
    path = str(plan.source)
    facade = decode_source(plan.facade.read_bytes(), plan.facade)
    facade_analysis = analyze(facade)  # (once: the names it binds, and those it serves)
    findings = compare_static(analysis, facade_analysis, path)
    texts = {c.path: decode_source(c.data, c.path).text for c in plan.changes if c.data is not None}
    findings += written(texts, analysis, served_live(facade_analysis))
    findings += still_a_script(analysis, facade.text, plan.facade)
    return findings + import_findings(config, plan, before)
