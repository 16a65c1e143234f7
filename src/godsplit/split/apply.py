"""Plan, write and verify splits as one transaction; and verify a facade against git.

Returns results, never prints. Bad input raises GodsplitError before anything is written;
a verify difference after writing rolls the whole tree back.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..files import decode_source, read_source
from ..types import Config, FileChange, Finding, GodsplitError, Plan, SplitConfig
from . import write
from .analyze import Analysis
from .layout import module_name_for
from .plan import plan_split, select_splits
from .verify import Snapshot, compare_snapshots, compare_static, snapshot


@dataclass(frozen=True)
class SplitResult:
    """One split: its plan, the references found in the project, and verify findings."""

    plan: Plan
    verify: tuple[Finding, ...] = ()
    references: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.plan.findings + self.references + self.verify


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
    """What `godsplit verify` found: each facade against the module at git revision `rev`."""

    rev: str
    findings: tuple[Finding, ...] = ()
    splits: int = 0  # how many splits were compared

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
    found, changes = find_references(config.root, todo, exclude, live)
    verb = "rewrote" if rewrite else "would rewrite (apply --rewrite-references)"
    out = {}
    for module, result in found.items():
        listed = [Finding("GS213", "info", f"{verb} patch target {r.old!r} -> {r.new!r}",
                          str(r.path), r.line) for r in result.rewrites]
        out[module] = tuple(listed + result.findings)
    return out, changes if rewrite else []


@dataclass(frozen=True)
class ApplyResult:
    splits: tuple[SplitResult, ...]
    written: bool
    rolled_back: bool = False
    recovered: str | None = None
    rewritten: tuple[Path, ...] = ()  # other files edited by --rewrite-references

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.splits for f in s.findings if f.severity == "error")


def plan_all(config: Config, sources: Sequence[Path] = ()) -> list[tuple[Plan, Analysis | None]]:
    selected = select_splits(config, tuple(sources))
    for split in selected:
        _check_mapping_given(config, split)
    return [plan_split(config, split) for split in selected]


def _check_mapping_given(config: Config, split: SplitConfig) -> None:
    """A split that maps no names would only move everything into the facade."""
    if any(names for _, names in split.modules) or not split.source.is_file():
        return  # (a missing source is reported by the plan)
    index = config.splits.index(split)
    try:
        source = split.source.relative_to(config.root).as_posix()
    except ValueError:
        source = str(split.source)
    raise GodsplitError(
        f"split[{index}] maps no names: its modules table is empty. Map names to new modules "
        f'([split.modules] name = ["function", ...]), or print a mapping to start from with '
        f"`godsplit suggest {source}`",
        split.config_path or config.path, split.line if split.config_path else None)


def plan_splits(
    config: Config, sources: Sequence[Path] = (), with_references: bool = True
) -> PlanResult:
    """Plan the selected splits (all by default), with the references each would touch."""
    plans = [plan for plan, _ in plan_all(config, sources)]
    found = references(config, plans, rewrite=False)[0] if with_references else {}
    return PlanResult(tuple(SplitResult(p, references=found.get(p.old_module, ())) for p in plans))


def verify_splits(config: Config, sources: Sequence[Path] = (), rev: str = "HEAD") -> VerifyResult:
    """Compare each selected split's facade with its module as it was at git `rev`."""
    splits = select_splits(config, tuple(sources)) if config.splits else ()
    findings = tuple(f for s in splits for f in verify_against(config, s, rev))
    return VerifyResult(rev, findings, len(splits))


def _moved(plan: Plan) -> tuple[str, ...]:
    return (plan.old_module, *(m.dotted for m in plan.modules))


def _workers(jobs: int) -> int:
    return max(1, min(jobs, os.cpu_count() or 1))


def _before(config: Config, plan: Plan) -> Snapshot | str | None:
    if not config.verify_import:
        return None
    _, import_root = module_name_for(plan.source)
    return snapshot(import_root, plan.old_module, config.verify_setup, _moved(plan))


def apply_splits(
    config: Config, sources: Sequence[Path] = (), hook: write.Hook | None = None,
    rewrite_references: bool = False,
) -> ApplyResult:
    recovered = write.recover(config.root)
    planned = plan_all(config, sources)
    if any(plan.errors for plan, _ in planned):
        return ApplyResult(tuple(SplitResult(p) for p, _ in planned), False, recovered=recovered)
    todo = [(plan, analysis) for plan, analysis in planned if analysis is not None]
    if not todo:
        return ApplyResult(tuple(SplitResult(p) for p, _ in planned), False, recovered=recovered)
    refs, ref_changes = references(config, [plan for plan, _ in todo], rewrite_references)
    with ThreadPoolExecutor(max_workers=_workers(len(todo))) as pool:  # subprocess imports
        before = dict(zip(
            [plan.old_module for plan, _ in todo],
            pool.map(lambda item: _before(config, item[0]), todo), strict=True,
        ))
    changes = [c for plan, _ in todo for c in plan.changes]
    changes += ref_changes
    txn = write.begin(config.root, changes, hook)
    results: dict[str, tuple[Finding, ...]] = {}
    try:
        with ThreadPoolExecutor(max_workers=_workers(len(todo))) as pool:
            verified = pool.map(
                lambda item: _verify_written(config, item[0], item[1], before[item[0].old_module]),
                todo,
            )
            for (plan, _), findings in zip(todo, verified, strict=True):
                results[plan.old_module] = tuple(findings)
    except BaseException:
        txn.rollback()
        raise
    failed = any(f.severity == "error" for fs in results.values() for f in fs)
    if failed:
        txn.rollback()
    else:
        txn.commit()
    splits = tuple(
        SplitResult(p, results.get(p.old_module, ()), refs.get(p.old_module, ()))
        for p, _ in planned
    )
    return ApplyResult(splits, not failed, rolled_back=failed, recovered=recovered,
                       rewritten=() if failed else tuple(c.path for c in ref_changes))


def _verify_written(
    config: Config, plan: Plan, analysis: Analysis | None, before: Snapshot | str | None
) -> list[Finding]:
    assert analysis is not None
    path = str(plan.source)
    facade = decode_source(plan.facade.read_bytes(), plan.facade)
    findings = compare_static(analysis, facade, path)
    if isinstance(before, Snapshot):
        _, import_root = module_name_for(plan.source)
        after = snapshot(import_root, plan.old_module, config.verify_setup, _moved(plan))
        if isinstance(after, str):
            findings.append(Finding("GS406", "error", f"the old module no longer imports: {after}",
                                    path, 1))
        else:
            differences = compare_snapshots(before, after, path)
            findings.extend(differences)
            if not differences:
                findings.append(Finding(
                    "GS400", "info", f"imported {plan.old_module} before and after in a fresh "
                    f"interpreter: the same {len(after.names)} names, of the same kinds", path, 1,
                ))
    elif isinstance(before, str):
        findings.append(Finding("GS400", "info", f"import check skipped: the module does not "
                                f"import on its own ({before}); set `verify-setup`", path, 1))
    return findings


def git_show(root: Path, rev: str, path: Path) -> bytes | None:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, check=True,
                             capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise GodsplitError("verify --against needs a git repository", root) from None
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    proc = subprocess.run(["git", "show", f"{rev}:{relative}"], cwd=top, capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


def verify_against(config: Config, split: SplitConfig, rev: str) -> list[Finding]:
    """Compare the facade on disk with the module (or facade) as it was at git `rev`."""
    from .layout import make_layout

    layout = make_layout(split, config.root)
    old = git_show(config.root, rev, split.source)
    old_path = split.source
    if old is None and layout.kind == "package":
        old, old_path = git_show(config.root, rev, layout.facade_path), layout.facade_path
    path = str(split.source)
    if old is None:
        return [Finding("GS407", "info", f"not in {rev}: nothing to compare", path, 1)]
    current = layout.facade_path if layout.facade_path.exists() else split.source
    if not current.exists():
        return [Finding("GS401", "error", "the module and its facade are gone", path, 1)]
    return compare_static(decode_source(old, old_path), read_source(current), path)
