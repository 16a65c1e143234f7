"""The module-size gate behind `godsplit check`: find modules, count, apply limits and baseline.

Pure engine: returns frozen dataclasses, never prints, cheap to import (no libcst or rich;
pathspec only when a .gitignore, an exclude or a per-path limit needs it). Paths in results
are relative to the project root (the config file's directory), '/'-separated, so the
baseline and JSON/SARIF output do not depend on where godsplit runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..configtypes import Config, GodsplitError
from . import DEFAULT_BASELINE
from .physical import count_physical, read_bytes
from .walk import SKIP_DIRS, SUFFIXES, find_targets

__all__ = ["SKIP_DIRS", "SUFFIXES", "find_targets"]  # (re-exported from walk.py)

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal

    from pathspec import GitIgnoreSpec

    from ..configtypes import CountMode
    from .baseline import Baseline

if TYPE_CHECKING:
    Status = Literal["over", "grown", "baselined", "shrunk", "fixed", "gone"]
FAILING: frozenset[Status] = frozenset({"over", "grown"})

@dataclass(frozen=True)
class ModuleResult:
    """One module worth reporting: over its limit, or recorded in the baseline."""

    path: str  # relative to the project root, '/'-separated
    file: Path  # absolute
    lines: int
    limit: int
    status: Status
    baseline: int | None = None  # the size recorded in the baseline, if any
    split_configured: bool = False  # a [[split]] for this source exists: `godsplit plan`

    @property
    def overflow(self) -> int:
        return self.lines - self.limit

    @property
    def failed(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True)
class CheckOptions:
    """What the command line adds to the config."""

    paths: tuple[Path, ...] = ()  # files and directories; empty: the project root
    max_lines: int | None = None  # overrides the config's default limit (not per-path ones)
    count: CountMode | None = None
    exclude: tuple[str, ...] = ()  # added to the config's excludes
    baseline: Path | None = None  # overrides the config's baseline
    jobs: int | None = None  # worker processes for code counting; None: decide by size
    progress: Callable[[str], None] | None = None  # told what a long run is doing now


@dataclass(frozen=True)
class CheckResult:
    root: Path
    count: CountMode
    max_lines: int
    files_checked: int
    modules: tuple[ModuleResult, ...]  # sorted by overflow, largest first, then path
    baseline: Path | None = None
    config_max_lines: int = 600  # the config's own default, before --max-lines
    # baselined modules that exist under the paths checked but were skipped (an exclude,
    # a linter's exclude, .gitignore): not checked, so not reported as held or fixed
    excluded_baselined: tuple[str, ...] = ()

    @property
    def failures(self) -> tuple[ModuleResult, ...]:
        return tuple(module for module in self.modules if module.failed)

    @property
    def passed(self) -> bool:
        return not any(module.failed for module in self.modules)

    def by_status(self, status: Status) -> tuple[ModuleResult, ...]:
        return tuple(module for module in self.modules if module.status == status)

    def counts(self) -> dict[str, int]:
        statuses: tuple[Status, ...] = ("over", "grown", "baselined", "shrunk", "fixed", "gone")
        return {status: len(self.by_status(status)) for status in statuses}


@dataclass(frozen=True)
class BaselineUpdate:
    path: Path
    baseline: Baseline
    result: CheckResult
    added: tuple[str, ...] = ()  # module paths, sorted
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class _PerPath:
    """The limit for a path: the last matching [[per-path]] entry, else the default."""

    def __init__(self, config: Config, default: int) -> None:
        self.default = default
        self.entries: list[tuple[GitIgnoreSpec, int]] = []
        if config.per_path:
            from pathspec import GitIgnoreSpec

            from .patterns import checked

            self.entries = [
                (GitIgnoreSpec.from_lines([checked(entry.pattern, "[[per-path]] path",
                                                   config.path)]), entry.max_lines)
                for entry in config.per_path
            ]

    def __call__(self, rel: str) -> int:
        limit = self.default
        for spec, max_lines in self.entries:
            if spec.match_file(rel):
                limit = max_lines
        return limit


def resolve_baseline_path(config: Config, options: CheckOptions) -> Path | None:
    """The baseline in use: --baseline, else the config's `baseline` key, else none."""
    if options.baseline is not None:
        return options.baseline.resolve()
    return config.baseline.resolve() if config.baseline is not None else None


def run_check(
    config: Config, options: CheckOptions, baseline: Baseline | Literal["auto"] | None = "auto"
) -> CheckResult:
    """Check every target against its limit and the baseline."""
    return _check(config, options, baseline)[0]


def _check(
    config: Config, options: CheckOptions, baseline: Baseline | Literal["auto"] | None
) -> tuple[CheckResult, list[tuple[str, str]]]:
    count: CountMode = options.count or config.count
    default_limit = options.max_lines if options.max_lines is not None else config.max_lines
    if default_limit < 1:
        raise GodsplitError("--max-lines must be a positive integer")
    baseline_path = resolve_baseline_path(config, options)
    if baseline == "auto":
        baseline = None
        if baseline_path is not None:
            from .baseline import read_baseline

            baseline = read_baseline(baseline_path)
    if baseline is not None and baseline.count != count:
        raise GodsplitError(
            f"the baseline was recorded with --count {baseline.count}, this run counts {count} "
            f"lines (use --count {baseline.count}, or record a new baseline)",
            baseline_path,
        )
    recorded: Mapping[str, int] = baseline.modules if baseline is not None else {}
    limit_for = _PerPath(config, default_limit)
    say = options.progress or _quiet
    say("finding Python modules")
    targets = find_targets(config, options)
    say(f"counting lines in {len(targets)} file{'s' if len(targets) != 1 else ''}")
    splits = {os.path.normpath(str(split.source)) for split in config.splits}

    sizes: dict[str, int] = {}
    to_scan: list[tuple[str, int]] = []
    limits: dict[str, int] = {}
    for file, rel in targets:
        try:
            data = read_bytes(file)
        except FileNotFoundError:
            continue  # deleted while we walked (an editor's temporary file): nothing to check
        except OSError as exc:
            raise GodsplitError(f"cannot read: {exc.strerror}", file) from None
        physical = count_physical(data)
        limit = limit_for(rel) if limit_for.entries else default_limit
        if physical > limit or rel in recorded:
            limits[rel] = limit
            if count == "physical":
                sizes[rel] = physical
            else:
                to_scan.append((file, len(data)))
                sizes[rel] = -1
    if to_scan:
        from .counting import count_code_files

        say(f"counting code lines in {len(to_scan)} file{'s' if len(to_scan) != 1 else ''}")
        code = count_code_files(to_scan, options.jobs)
        by_file = dict(zip((file for file, _ in to_scan), code, strict=True))
        for file, rel in targets:
            if file in by_file:
                sizes[rel] = by_file[file]

    files = {rel: file for file, rel in targets}
    modules: list[ModuleResult] = []
    for rel, lines in sizes.items():
        limit = limits[rel]
        known = recorded.get(rel)
        status = _status(lines, limit, known)
        if status is None:
            continue
        file = files[rel]
        modules.append(ModuleResult(
            path=rel, file=Path(file), lines=lines, limit=limit, status=status,
            baseline=known, split_configured=os.path.normpath(file) in splits,
        ))
    root = config.root.resolve()
    for rel, known in recorded.items():
        if rel not in sizes and not (root / rel).exists():
            modules.append(ModuleResult(
                path=rel, file=root / rel, lines=0, limit=limit_for(rel), status="gone",
                baseline=known,
            ))
    modules.sort(key=lambda module: (-module.overflow, module.path))
    result = CheckResult(
        root=root, count=count, max_lines=default_limit, files_checked=len(targets),
        modules=tuple(modules), baseline=baseline_path if baseline is not None else None,
        config_max_lines=config.max_lines,
        excluded_baselined=_excluded(recorded, sizes, root, options.paths),
    )
    return result, targets


def _quiet(_: str) -> None:
    pass


def _excluded(recorded: Mapping[str, int], checked: Mapping[str, int], root: Path,
              paths: tuple[Path, ...]) -> tuple[str, ...]:
    """The baselined modules under the checked paths that exist but were not checked."""
    scopes = [Path(path).resolve() for path in paths] or [root]
    return tuple(sorted(
        rel for rel in recorded if rel not in checked and (root / rel).is_file()
        and any(scope == root / rel or scope in (root / rel).parents for scope in scopes)))


def _status(lines: int, limit: int, known: int | None) -> Status | None:
    if known is None:
        return "over" if lines > limit else None
    if lines <= limit:
        return "fixed"
    if lines > known:
        return "grown"
    return "shrunk" if lines < known else "baselined"


def update_baseline(
    config: Config, options: CheckOptions, path: Path | None = None
) -> BaselineUpdate:
    """Record today's oversized modules (merged with entries for modules not checked now)."""
    from .baseline import Baseline, read_baseline, write_baseline

    target = path or resolve_baseline_path(config, options) or config.root.resolve() / DEFAULT_BASELINE
    count: CountMode = options.count or config.count
    old = read_baseline(target) if target.exists() else None
    if old is not None and old.count != count:
        raise GodsplitError(
            f"the baseline was recorded with --count {old.count}; delete it to record "
            f"{count} lines instead, or use --count {old.count}",
            target,
        )
    # Check without the baseline: every module over its limit gets recorded.
    result, targets = _check(config, options, baseline=None)
    checked = {rel for _, rel in targets}
    root = config.root.resolve()
    previous: Mapping[str, int] = old.modules if old is not None else {}
    excluded = set(_excluded(previous, {rel: 0 for rel in checked}, root, options.paths))
    modules = {  # (kept: those not under the paths checked; dropped: those now excluded)
        rel: size for rel, size in previous.items()
        if rel not in checked and rel not in excluded and (root / rel).exists()
    }
    modules.update((module.path, module.lines) for module in result.modules)
    new = Baseline(count=count, modules=dict(sorted(modules.items())))
    write_baseline(target, new)
    return BaselineUpdate(
        path=target,
        baseline=new,
        result=result,
        added=tuple(sorted(set(modules) - set(previous))),
        changed=tuple(sorted(r for r in modules if r in previous and previous[r] != modules[r])),
        removed=tuple(sorted(set(previous) - set(modules))),
    )
