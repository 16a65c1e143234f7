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
from collections.abc import Iterable
from pathlib import Path

from .config import load_config
from .configtypes import Config, GodsplitError

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from .configtypes import CountMode
    from .sizegate.core import BaselineUpdate, CheckOptions, CheckResult
    from .split.apply import ApplyResult, PlanResult, VerifyResult
    from .suggester.core import Suggestion

PathLike = str | os.PathLike[str]
ConfigLike = Config | PathLike | None


def load(config: ConfigLike = None, *, need_splits: bool = False) -> Config:
    """The configuration: `config` itself, the file it names, or the one found from the
    current directory upward. With `need_splits`, a missing config or one without
    `[[split]]` tables is an error."""
    if isinstance(config, Config):
        loaded = config
    else:
        loaded = load_config(Path(config) if config is not None else None, Path.cwd())
    if need_splits:
        if loaded.path is None:
            raise GodsplitError("no godsplit.toml or [tool.godsplit] found here or above; "
                                "pass --config FILE")
        if not loaded.splits:
            raise GodsplitError("the config has no [[split]] tables", loaded.path)
    return loaded


def _paths(items: Iterable[PathLike]) -> tuple[Path, ...]:
    return tuple(Path(item) for item in items)


def plan(*sources: PathLike, config: ConfigLike = None, references: bool = True) -> PlanResult:
    """Plan the configured splits of `sources` (default: every configured split).

    Writes nothing. With `references`, also lists the patch targets and module names in
    the project's other files that the split would affect."""
    from .split.apply import plan_splits

    return plan_splits(load(config, need_splits=True), _paths(sources), references)


def apply(
    *sources: PathLike, config: ConfigLike = None, rewrite_references: bool = False
) -> ApplyResult:
    """Split `sources` (default: every configured split), verify, and roll back on any
    difference. `result.written` says whether the new tree stands."""
    from .split.apply import apply_splits

    return apply_splits(load(config, need_splits=True), _paths(sources),
                        rewrite_references=rewrite_references)


def verify(*sources: PathLike, config: ConfigLike = None, against: str = "HEAD") -> VerifyResult:
    """Check that each split's facade still gives every name its module had at git
    revision `against`."""
    from .split.apply import verify_splits

    loaded = load(config)
    if loaded.path is None:
        raise GodsplitError("no godsplit.toml or [tool.godsplit] found here or above; "
                            "pass --config FILE")
    return verify_splits(loaded, _paths(sources), against)


def check(
    *paths: PathLike,
    config: ConfigLike = None,
    max_lines: int | None = None,
    count: CountMode | None = None,
    exclude: Iterable[str] = (),
    baseline: PathLike | None = None,
    jobs: int | None = None,
) -> CheckResult:
    """Check every Python module under `paths` (default: the project root) against its
    line limit and the baseline. `result.passed` is the gate."""
    from .sizegate.core import run_check

    return run_check(load(config), _check_options(paths, max_lines, count, exclude, baseline, jobs))


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

    return record(load(config), _check_options(paths, max_lines, count, exclude, baseline, None))


def _check_options(
    paths: Iterable[PathLike], max_lines: int | None, count: CountMode | None,
    exclude: Iterable[str], baseline: PathLike | None, jobs: int | None,
) -> CheckOptions:
    from .sizegate.core import CheckOptions

    if max_lines is not None and max_lines < 1:
        raise GodsplitError("max_lines must be a positive integer")
    if count not in (None, "physical", "code"):
        raise GodsplitError(f"count must be 'physical' or 'code', not {count!r}")
    return CheckOptions(
        paths=_paths(paths), max_lines=max_lines, count=count, exclude=tuple(exclude),
        baseline=Path(baseline) if baseline is not None else None, jobs=jobs,
    )


def suggest(
    source: PathLike,
    *,
    config: ConfigLike = None,
    max_lines: int | None = None,
    modules: int | None = None,
    package: PathLike | None = None,
) -> Suggestion:
    """Propose a `[[split]]` entry for `source`, planned until it has no errors if one is
    found (`suggestion.errors` is empty then). `render_entry(suggestion)` gives its TOML."""
    from .suggester.core import suggest as make_suggestion

    loaded = load(config)
    path = Path(source)
    if not path.is_file():
        raise GodsplitError("source file not found", path)
    return make_suggestion(path, loaded, max_lines, modules or 0,
                           Path(package) if package is not None else None)
