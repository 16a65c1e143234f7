"""`godsplit plan`, `apply` and `verify`: the split engine's results as text, JSON or a diff."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import CONFIG_ERRORS, config_option, handles_errors, sources_argument


@click.command()
@sources_argument
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--diff", is_flag=True, help="Show the unified diff apply would write.")
@handles_errors
def plan(sources: tuple[Path, ...], config_path: Path | None, fmt: str, diff: bool) -> None:
    """Show how SOURCES would be split, with every finding. Writes nothing."""
    from .. import api
    from ..split.report import document, plan_data, plan_diff

    config = api.load(config_path, need_splits=True)
    result = api.plan(*sources, config=config, references=not diff)
    if diff:
        click.echo("".join(plan_diff(p, config.root) for p in result.plans), nl=False)
    elif fmt == "json":
        data = [plan_data(s.plan, config.root, s.references) for s in result.splits]
        click.echo(json.dumps(document(data), indent=2))
    else:
        from .output import print_plan

        for split in result.splits:
            print_plan(split.plan, config.root, split.references)
    errors = [f for p in result.plans for f in p.errors]
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


@click.command()
@sources_argument
@config_option
@click.option("--rewrite-references", is_flag=True,
              help="Also point patch targets in the project's other files at the new modules.")
@click.option("--migrate", "migrate", is_flag=True,
              help="Also move every use of the old paths to the new modules (`godsplit "
                   "migrate`), in the same transaction.")
@handles_errors
def apply(sources: tuple[Path, ...], config_path: Path | None, rewrite_references: bool,
          migrate: bool) -> None:
    """Split SOURCES, verify the public names, and roll back if anything differs."""
    from .. import api
    from .output import print_apply

    config = api.load(config_path, need_splits=True)
    result = api.apply(*sources, config=config, rewrite_references=rewrite_references,
                       migrate=migrate)
    print_apply(result, config.root)
    if result.migration is not None:
        from .migration import print_migration

        print_migration(result.migration, config.root)
    errors = result.errors
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


@click.command()
@sources_argument
@config_option
@click.option("--against", "rev", default="HEAD", show_default=True,
              help="Compare each facade with the module as it was in this git revision.")
@handles_errors
def verify(sources: tuple[Path, ...], config_path: Path | None, rev: str) -> None:
    """Check that each split's facade still gives every name the module had at REV."""
    from .. import api
    from .output import print_findings

    config = api.load(config_path)
    result = api.verify(*sources, config=config, against=rev)
    if not result.splits:
        click.echo("verify: no [[split]] in the config, nothing to verify")
        sys.exit(0)
    print_findings(result.findings, config.root)
    if not result.errors:
        click.echo(f"verify: every facade exports what its module had at {rev}")
    sys.exit(1 if result.errors else 0)
