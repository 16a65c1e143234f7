"""`godsplit migrate`: point every use of a split module's old path at its new modules.

For each applied split (its facade is on disk), every Python file of the project is
scanned for uses of the old module (`scan`, `patch`); the fixable ones
are rewritten in one transaction (`write.py`, like `apply`), then the rewritten modules
are imported again (`probe`) and any difference rolls everything back. With
`check`, nothing is written: the uses are the result. Returns results, never prints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import decode_source
from ..split import facade_reads, write
from ..split.package_order import migrate_finding
from ..split.patch_homes import home_reads
from ..split.plan import select_splits
from ..split.project_walk import project_files
from ..split.quotes import prevailing_quote
from ..split.style import Style
from ..types import Config, FileChange, Finding, GodsplitError, Plan, SplitConfig
from .celery_app import app_refs, package_notes, sibling_uses
from .config_files import config_uses
from .edit import Use, rewrite
from .homes import Homes, applied_splits, handed_on, link, planned
from .imports import migrate_style, project_style
from .probe import Imported, compare, importable, probe, probe_first, project_setup
from .scan import scan
from .sorting import as_the_project_writes, style_of
from .visual_indent import realign

if TYPE_CHECKING:
    from .report import Gate


@dataclass(frozen=True)
class MigrateResult:
    """What `migrate` found and did. `uses` are all uses found before rewriting."""

    migrated: tuple[str, ...]  # old modules of the applied splits
    pending: tuple[str, ...] = ()  # configured sources not applied yet: skipped
    uses: tuple[Use, ...] = ()
    notes: tuple[Finding, ...] = ()  # left alone on purpose (task names, module names)
    changed: tuple[Path, ...] = ()  # files rewritten (or that would be)
    written: bool = False
    rolled_back: bool = False
    findings: tuple[Finding, ...] = ()  # the import check
    recovered: str | None = None
    gate: Gate | None = None  # with `check`: the verdict, against the baseline

    @property
    def remaining(self) -> tuple[Use, ...]:
        """Uses through a facade still in the project."""
        if self.written:
            return tuple(u for u in self.uses if not u.fixable)
        return self.uses

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


@dataclass
class Migration:
    """A planned rewrite of the project, and the import check around writing it."""

    config: Config
    homes: list[Homes]
    uses: list[Use] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)
    before: dict[Path, Imported] = field(default_factory=dict)
    python: str = sys.executable  # the interpreter of the import check

    def _checked(self) -> list[Path]:
        return [c.path for c in self.changes if c.data is not None and importable(c.path)
                and c.path.exists()]

    def _moved(self) -> list[str]:
        return [m for h in self.homes for m in (h.old_module, *h.modules)]

    @cached_property
    def _setup(self) -> str | None:
        """The code run before importing, as `apply` ran it (found once: both probes)."""
        return project_setup(self.config, [h.facade for h in self.homes])

    @property
    def _tops(self) -> list[Path]:
        """The directories the old modules' names put on sys.path (`module-name`'s)."""
        return [h.import_root for h in self.homes]

    @property
    def _timeout(self) -> int:
        """The probe imports every file in one interpreter: never less than 300 s."""
        return max(300, self.config.verify_timeout)

    def prepare(self) -> None:
        """Import the files about to be rewritten, as they are now."""
        if self.config.verify_import:
            self.before, self.python = probe_first(self.config.root, self._checked(),
                                                   self._setup, self._moved(), self._timeout,
                                                   self._tops)

    def verify(self) -> list[Finding]:
        """After writing: each rewritten module that imported before still does, with the
        same names."""
        if not self.config.verify_import or not self.before:
            return []
        after = probe(self.config.root, list(self.before), self._setup, self._moved(),
                      self.python, self._timeout, self._tops)
        return compare(self.before, after, [h.old_module for h in self.homes], self.config.root)

    def result(self, pending: Sequence[str] = (), written: bool = False, rolled_back: bool = False,
               findings: Sequence[Finding] = (), recovered: str | None = None) -> MigrateResult:
        return MigrateResult(
            tuple(h.old_module for h in self.homes), tuple(pending), tuple(self.uses),
            tuple(self.notes), tuple(c.path for c in self.changes), written, rolled_back,
            tuple(findings), recovered)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GodsplitError(f"cannot read: {exc.strerror}", path) from None


def plan_migration(
    config: Config, homes: list[Homes], overrides: Mapping[Path, bytes | None] | None = None,
    tidy: bool = True,
) -> Migration:
    """Every use of the old modules of `homes` in the project, and the rewritten files.
    `overrides` are files as a transaction in progress will write them (None: deleted).
    Without `tidy` (only the uses are wanted), the project's sorter and formatter do not
    run on the rewritten files."""
    overrides = dict(overrides or {})
    root_style = project_style(config.root)
    styles: dict[Path, Style | None] = {}
    unreadable: list[Path] = []
    paths = {p.resolve(): p for p in project_files(config.root, unreadable)}
    paths.update({p.resolve(): p for p, data in overrides.items() if data is not None})
    given = {p.resolve(): data for p, data in overrides.items()}
    own = {h.old_module: {h.facade.resolve(), *(p.resolve() for p in h.paths)} for h in homes}
    splits = set().union(*own.values())
    reads = {h.old_module: facade_reads.FacadeReads(h.old_module, top=h.import_root) for h in homes}
    # reads of a name at its new home count as reads through the old module: what a
    # migrated read becomes (round 30: a second migrate then writes the same patches)
    reads.update({m: r for h in homes for m, r in home_reads(h.modules, h.import_root).items()
                  if m not in reads})
    kept: dict[Path, bytes] = {}  # the files that name an old module, read once
    for resolved, path in paths.items():  # (walk order: the first read found is named)
        data = given.get(resolved) if resolved in given else _read(path)
        if data is None:
            continue
        if resolved not in splits:
            facade_reads.scan(path, data, config.root, reads)
        if any(h.old_module.rpartition(".")[2].encode() in data for h in homes):
            kept[resolved] = data
    homes = handed_on(homes, reads)  # (all files read: a read after the patch counts)
    migration = Migration(config, homes)
    migration.notes.extend(Finding(
        "GS516", "warning", "cannot read this directory: uses of the old paths in it were not "
        "checked (make it readable)", str(d), 1) for d in unreadable)
    rewritten: dict[str, list[Path]] = {}  # old module -> the files pointed at its modules
    for resolved, path in sorted(paths.items()):
        data = kept.get(resolved)
        mine = [h for h in homes if data is not None and resolved not in own[h.old_module]
                and h.old_module.rpartition(".")[2].encode() in data]
        if not mine or data is None:
            continue
        source = decode_source(data, path)
        found = style_of(path, styles)  # a `src/setup.cfg` holds the settings of `src/`
        style = migrate_style(found, source.text) if found else replace(
            root_style, quote=(prevailing_quote(source.text), False))
        ctx = scan(source, mine, style)
        migration.uses.extend(ctx.uses)
        migration.notes.extend(ctx.notes)
        if ctx.edits:
            text = realign(source.text, rewrite(ctx.module, ctx.edits, style).code)  # E127
            if tidy:
                text = as_the_project_writes(path, source.text, text, styles)
            if text != source.text:
                migration.changes.append(FileChange(path, source.encode(text)))
                for h in mine:
                    rewritten.setdefault(h.old_module, []).append(path)
    for h in homes:  # a package whose `__init__.py` orders registrations (GS153)
        if h.layout.kind == "package" and h.old_module in rewritten and h.facade.is_file() and (
                ordered := migrate_finding(h.facade.read_text(errors="replace"), h.facade,
                                           rewritten[h.old_module], config.root)):
            migration.notes.append(ordered)
    refs = app_refs(config.root, homes, config.path)  # Celery's `-A`: said by themselves
    at = {(r.path, r.line, r.old_module) for r in refs}
    migration.uses.extend(u for u in config_uses(config.root, homes, config.path)
                          if (u.path, u.line, u.old_module) not in at)
    migration.uses.extend(sibling_uses(refs, homes, config.root))
    migration.notes.extend(package_notes(refs, homes))
    return migration


def _select(config: Config, sources: Sequence[Path]) -> tuple[list[Homes], list[SplitConfig]]:
    if not config.splits:
        raise GodsplitError("the config has no [[split]] tables", config.path)
    everything, _ = applied_splits(config, config.splits)  # linked with each other
    selected = select_splits(config, tuple(sources))
    chosen = {s.source.resolve() for s in selected}
    homes = [h for h in everything if h.split.source.resolve() in chosen]
    done = {h.split.source.resolve() for h in homes}
    pending = [s for s in selected if s.source.resolve() not in done]
    if sources and pending:
        raise GodsplitError("not split yet (or retired): run `godsplit apply` first",
                            pending[0].source)
    if not homes:
        raise GodsplitError("no configured split has been applied: run `godsplit apply` first",
                            config.path)
    return homes, pending


def migrate(config: Config, sources: Sequence[Path] = (), check: bool = False,
            hook: write.Hook | None = None) -> MigrateResult:
    """Rewrite (or, with `check`, only list) every use of the selected applied splits'
    old modules. Bad input raises GodsplitError before anything is written."""
    if check and (config.root / write.JOURNAL).exists():
        raise GodsplitError("an apply or migrate was interrupted here and its journal remains; "
                            "run `godsplit migrate` to finish or undo it first",
                            config.root / write.JOURNAL)
    recovered = None if check else write.recover(config.root)
    homes, pending = _select(config, sources)
    migration = plan_migration(config, homes, tidy=not check)
    skipped = [str(s.source) for s in pending]
    if check or not migration.changes:
        return migration.result(skipped, recovered=recovered)
    held = write.snapshot(c.path for c in migration.changes)  # an edit from now on: refused
    migration.prepare()
    findings = transaction(config.root, migration.changes, migration.verify, hook, held)
    failed = any(f.severity == "error" for f in findings)
    return migration.result(skipped, not failed, failed, findings, recovered)


def transaction(root: Path, changes: Sequence[FileChange], verify: Callable[[], list[Finding]],
                hook: write.Hook | None = None,
                expected: Mapping[Path, bytes | None] | None = None) -> list[Finding]:
    """Write `changes` (all or none), run `verify`, and keep the new tree only if it found
    no error; an exception in `verify` also rolls back. `expected`: see `write.begin`."""
    txn = write.begin(root, changes, hook, expected)
    try:
        findings = verify()
    except BaseException:
        txn.rollback()
        raise
    if any(f.severity == "error" for f in findings):
        txn.rollback()
    else:
        txn.commit()
    return findings


def for_apply(
    config: Config, plans: Sequence[Plan], changes: Sequence[FileChange]
) -> tuple[Migration, list[FileChange]]:
    """`apply --migrate`: the migration of the splits `plans` are about to write, over the
    tree as the apply will leave it; and the apply's changes with it, as one list."""
    by_source = {s.source.resolve(): s for s in config.splits}
    homes = [planned(config, by_source[p.source.resolve()], p) for p in plans]
    on_disk, _ = applied_splits(config, config.splits)
    homes = link(homes + on_disk)[: len(homes)]
    overrides = {c.path: c.data for c in changes}
    migration = plan_migration(config, homes, overrides)
    merged = {c.path: c for c in changes}
    for change in migration.changes:
        merged[change.path] = change
    return migration, sorted(merged.values(), key=lambda c: str(c.path))
