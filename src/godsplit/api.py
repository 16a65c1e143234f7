"""The Python API: the same results the command line prints, as frozen dataclasses.

Each function finds the configuration as the CLI does (`godsplit.toml`, or
`[tool.godsplit]` in `pyproject.toml`, from the current directory upward) unless it is
given one, as a path or a loaded `Config`. None of them prints or exits; bad usage,
configuration or input raises `GodsplitError` (with `.path`, `.line` and `.message`),
and nothing is written when it does.

Heavy modules (LibCST, networkx) are imported by the functions that need them, so
`import godsplit` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from .config import load_config
from .configtypes import Config, GodsplitError

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import ParamSpec, TypeVar

    from .configtypes import CountMode
    from .migration.core import MigrateResult
    from .migration.retire import RetireResult
    from .sizegate.core import BaselineUpdate, CheckOptions, CheckResult
    from .split.apply import ApplyResult, PlanResult, Progress, SplitStatus, VerifyResult
    from .suggester.core import Suggestion

    P = ParamSpec("P")
    R = TypeVar("R")

PathLike = str | os.PathLike[str]
ConfigLike = Config | PathLike | None


def _bad_input(function: Callable[P, R]) -> Callable[P, R]:
    """An OSError that escapes (a path the file system refuses, a directory it cannot
    read) is bad input like the rest: a GodsplitError naming the file and the cause. The
    writers have put the tree back by then (they roll back on any exception)."""

    @wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except OSError as exc:
            where = exc.filename if isinstance(exc.filename, str) else None
            raise GodsplitError(exc.strerror or str(exc) or type(exc).__name__, where) from exc

    return call


@_bad_input
def load(config: ConfigLike = None, *, need_splits: bool = False) -> Config:
    """The configuration: `config` itself, the file it names, or the one found from the
    current directory upward. With `need_splits`, a missing config or one without
    `[[split]]` tables is an error."""
    if isinstance(config, Config):
        loaded = config
    else:
        given = _path(config, "config") if config is not None else None
        loaded = load_config(given, Path.cwd())
    if need_splits:
        if loaded.path is None:
            raise GodsplitError("no godsplit.toml or [tool.godsplit] found here or above; "
                                "pass --config FILE")
        if not loaded.splits:
            raise GodsplitError("the config has no [[split]] tables", loaded.path)
    return loaded


def _paths(items: Iterable[PathLike]) -> tuple[Path, ...]:
    return tuple(_path(item, "a source") for item in items)


def _path(item: object, what: str) -> Path:
    """A path argument, or a GodsplitError (bad usage) naming what it was given."""
    if not isinstance(item, (str, os.PathLike)) or isinstance(os.fspath(item), bytes):
        raise GodsplitError(f"{what} must be a path (str or os.PathLike), not "
                            f"{type(item).__name__} ({item!r})")
    return Path(item)


@_bad_input
def plan(
    *sources: PathLike, config: ConfigLike = None, references: bool = True,
    progress: Progress | None = None, static: bool = False,
) -> PlanResult:
    """Plan the configured splits of `sources` (default: every configured split).

    Writes nothing. With `references`, also lists the patch targets and module names in
    the project's other files that the split would affect. `progress`, if given, is called
    with a few words on what a long run is doing now (the CLI shows them on a terminal).
    Unless `static`, apply's import check runs on each plan in a scratch copy of its import
    root (nothing is written in the project): its errors are the plan's, and each split's
    `import_check` says whether it ran (`.ran`) and what it found (`.text`)."""
    from .split.apply import plan_splits

    return plan_splits(load(config, need_splits=True), _paths(sources), references, progress,
                       import_check=not static)


@_bad_input
def status(*sources: PathLike, config: ConfigLike = None) -> tuple[SplitStatus, ...]:
    """Whether each configured split of `sources` (default: all) is applied: its facade is
    in place. Cheap: nothing is planned (`godsplit plan --check`)."""
    from .split.apply import split_status

    return split_status(load(config, need_splits=True), _paths(sources))


@_bad_input
def apply(
    *sources: PathLike, config: ConfigLike = None, rewrite_references: bool = False,
    migrate: bool = False, progress: Progress | None = None,
) -> ApplyResult:
    """Split `sources` (default: every configured split), verify, and roll back on any
    difference. `result.written` says whether the new tree stands. With `migrate`, the
    project's uses of the old paths are rewritten in the same transaction
    (`result.migration`), and the rewritten modules' import check is part of verifying.
    A second apply in the same tree while one runs raises GodsplitError; Ctrl-C raises
    `ApplyInterrupted` (a KeyboardInterrupt) once the old tree is back (or the split
    stands: `.written`)."""
    from .split.apply import apply_splits

    return apply_splits(load(config, need_splits=True), _paths(sources),
                        rewrite_references=rewrite_references, migrate=migrate,
                        progress=progress)


@_bad_input
def verify(
    *sources: PathLike, config: ConfigLike = None, against: str | None = None,
    progress: Progress | None = None,
) -> VerifyResult:
    """Check that each split's facade still gives every name its module had before the
    split, as found in git history at or before `against` (default: HEAD; outside git,
    nothing to compare with), and that the old module imports (with `verify-import`).
    An `against` git does not know, or `against` outside git, raises GodsplitError."""
    from .split.apply import verify_splits

    loaded = load(config)
    if loaded.path is None:
        raise GodsplitError("no godsplit.toml or [tool.godsplit] found here or above; "
                            "pass --config FILE")
    return verify_splits(loaded, _paths(sources), against, progress)


@_bad_input
def check(
    *paths: PathLike,
    config: ConfigLike = None,
    max_lines: int | None = None,
    count: CountMode | None = None,
    exclude: Iterable[str] = (),
    baseline: PathLike | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check every Python module under `paths` (default: the project root) against its
    line limit and the baseline. `result.passed` is the gate."""
    from .sizegate.core import run_check

    options = _check_options(paths, max_lines, count, exclude, baseline, jobs, progress)
    return run_check(load(config), options)


@_bad_input
def update_baseline(
    *paths: PathLike,
    config: ConfigLike = None,
    max_lines: int | None = None,
    count: CountMode | None = None,
    exclude: Iterable[str] = (),
    baseline: PathLike | None = None,
) -> BaselineUpdate:
    """Record today's oversized modules in the baseline file (written atomically)."""
    from .sizegate.core import update_baseline as record

    return record(load(config), _check_options(paths, max_lines, count, exclude, baseline, None,
                                               None))


def _positive(**values: object) -> None:
    """Numbers a caller passes (None: the default) must be integers of at least 1, as the
    CLI's options are: 0, -1 or "5" is bad usage, not a silent default or a crash."""
    for name, value in values.items():
        if value is not None and (type(value) is not int or value < 1):
            raise GodsplitError(f"{name} must be a positive integer, not {value!r}")


def _check_options(
    paths: Iterable[PathLike], max_lines: int | None, count: CountMode | None,
    exclude: Iterable[str], baseline: PathLike | None, jobs: int | None,
    progress: Progress | None,
) -> CheckOptions:
    from .sizegate.core import CheckOptions

    _positive(max_lines=max_lines, jobs=jobs)
    if count not in (None, "physical", "code"):
        raise GodsplitError(f"count must be 'physical' or 'code', not {count!r}")
    return CheckOptions(
        paths=_paths(paths), max_lines=max_lines, count=count,
        exclude=(exclude,) if isinstance(exclude, str) else tuple(exclude),  # one pattern
        baseline=_path(baseline, "baseline") if baseline is not None else None, jobs=jobs,
        progress=progress,
    )


@_bad_input
def suggest(
    source: PathLike,
    *,
    config: ConfigLike = None,
    max_lines: int | None = None,
    modules: int | None = None,
    package: PathLike | None = None,
    static: bool = False,
) -> Suggestion:
    """Propose a `[[split]]` entry for `source`, planned until it has no errors if one is
    found (`suggestion.errors` is empty then). `render_entry(suggestion)` gives its TOML.
    Unless `static`, apply's import check runs on its plan in a scratch copy; the names it
    says must stay (GS416) are kept and the entry made again; `suggestion.notes` say so."""
    from .files import not_a_file
    from .suggester.checked import suggest_checked as make_suggestion

    _positive(max_lines=max_lines, modules=modules)
    loaded = load(config)
    path = _path(source, "the source")
    if not path.is_file():
        raise GodsplitError(not_a_file(path, "source", "a .py file"), path)
    return make_suggestion(path, loaded, max_lines, modules or 0,
                           _path(package, "package") if package is not None else None, static)


@_bad_input
def migrate(
    *sources: PathLike,
    config: ConfigLike = None,
    check: bool = False,
    baseline: PathLike | None = None,
    update_baseline: bool = False,
) -> MigrateResult:
    """Point every use of the old paths of `sources` (default: every applied split) at the
    modules that define the names now, verified by importing the rewritten modules before
    and after (a difference rolls back). With `check`, change nothing: `result.gate` says
    whether any use is left that the baseline (default: godsplit-migrate-baseline.json in
    the project root, if there is one) does not hold; `update_baseline` records them."""
    from dataclasses import replace

    from .migration import report as migrate_report
    from .migration.core import migrate as run

    if update_baseline and not check:
        raise GodsplitError("update_baseline needs check")
    loaded = load(config, need_splits=True)
    if not check:  # it writes: one writer at a time in a project, as for apply
        from .split.write import locked

        with locked(loaded.root):
            return run(loaded, _paths(sources))
    result = run(loaded, _paths(sources), check=True)
    path = Path(baseline) if baseline is not None else loaded.root / migrate_report.DEFAULT_BASELINE
    if update_baseline:
        migrate_report.write_baseline(path, result, loaded.root)
    elif baseline is None and not path.is_file():
        return replace(result, gate=migrate_report.gate(result, loaded.root, None))
    return replace(result, gate=migrate_report.gate(result, loaded.root, path))


@_bad_input
def retire(*sources: PathLike, config: ConfigLike = None) -> RetireResult:
    """Remove the facades of `sources` (default: every applied split) once no use of their
    old paths is left; refused (`result.refused`, the uses listed) otherwise. The new
    modules are imported before and after and the project's imports of them checked; a
    difference rolls back (`result.rolled_back`). Holds the project's apply lock."""
    from .migration.retire import retire as run
    from .split.write import locked

    loaded = load(config, need_splits=True)
    with locked(loaded.root):
        return run(loaded, _paths(sources))
