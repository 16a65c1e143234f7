"""The command line: turns engine results into output and exit codes. Nothing else prints.

Exit status: 0 done/clean, 1 findings (plan errors, verify differences, size violations),
2 bad usage, config or input. Heavy imports (libcst, rich) happen inside the commands
that need them, so `godsplit check` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .types import Config, GodsplitError

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def handles_errors(command: F) -> F:
    """Bad usage, config or input: one line on stderr, exit 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GodsplitError as exc:
            fail(exc.location_message)

    return wrapper  # type: ignore[return-value]


def load(config_path: Path | None, need_splits: bool = True) -> Config:
    from .config import load_config

    config = load_config(config_path)
    if config.path is None:
        raise GodsplitError("no godsplit.toml or [tool.godsplit] found here or above; "
                            "pass --config FILE")
    if need_splits and not config.splits:
        raise GodsplitError("the config has no [[split]] tables", config.path)
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="godsplit")
def main() -> None:
    """Split god files into focused modules behind a facade, and prove nothing broke."""


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
    help="godsplit.toml or pyproject.toml (default: found from the current directory up).",
)
sources_argument = click.argument("sources", nargs=-1, type=click.Path(path_type=Path))


@main.command()
@sources_argument
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--diff", is_flag=True, help="Show the unified diff apply would write.")
@handles_errors
def plan(sources: tuple[Path, ...], config_path: Path | None, fmt: str, diff: bool) -> None:
    """Show how SOURCES would be split, with every finding. Writes nothing."""
    from .apply import plan_all, references
    from .core import CONFIG_ERRORS
    from .report import document, plan_data, plan_diff

    config = load(config_path)
    plans = [p for p, _ in plan_all(config, sources)]
    if diff:
        click.echo("".join(plan_diff(p, config.root) for p in plans), nl=False)
    else:
        found = references(config, plans, rewrite=False)[0]
        refs = [found.get(p.old_module, ()) for p in plans]
        if fmt == "json":
            data = [plan_data(p, config.root, extra) for p, extra in zip(plans, refs, strict=True)]
            click.echo(json.dumps(document(data), indent=2))
        else:
            from .cli_output import print_plan

            for p, extra in zip(plans, refs, strict=True):
                print_plan(p, config.root, extra)
    errors = [f for p in plans for f in p.errors]
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


@main.command()
@sources_argument
@config_option
@click.option("--rewrite-references", is_flag=True,
              help="Also point patch targets in the project's other files at the new modules.")
@handles_errors
def apply(sources: tuple[Path, ...], config_path: Path | None, rewrite_references: bool) -> None:
    """Split SOURCES, verify the public names, and roll back if anything differs."""
    from .apply import apply_splits
    from .cli_output import print_apply
    from .core import CONFIG_ERRORS

    config = load(config_path)
    result = apply_splits(config, sources, rewrite_references=rewrite_references)
    print_apply(result, config.root)
    errors = result.errors
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


@main.command()
@sources_argument
@config_option
@click.option("--against", "rev", default="HEAD", show_default=True,
              help="Compare each facade with the module as it was in this git revision.")
@handles_errors
def verify(sources: tuple[Path, ...], config_path: Path | None, rev: str) -> None:
    """Check that each split's facade still gives every name the module had at REV."""
    from .apply import verify_against
    from .cli_output import print_findings
    from .core import select_splits

    config = load(config_path, need_splits=False)
    if not config.splits:
        click.echo("verify: no [[split]] in the config, nothing to verify")
        sys.exit(0)
    findings = [f for s in select_splits(config, sources) for f in verify_against(config, s, rev)]
    print_findings(findings, config.root)
    errors = [f for f in findings if f.severity == "error"]
    if not errors:
        click.echo(f"verify: every facade exports what its module had at {rev}")
    sys.exit(1 if errors else 0)


def _register() -> None:
    from .cli_check import check
    from .cli_suggest import suggest

    main.add_command(check)
    main.add_command(suggest)


_register()
