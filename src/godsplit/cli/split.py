"""`godsplit plan`, `apply` and `verify`: the split engine's results as text, JSON or a diff."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import CONFIG_ERRORS, config_option, handles_errors, sources_argument
from .progress import Spinner
from .signals import work_done
from .text import plural, shown_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..split.apply import SplitStatus


@click.command()
@sources_argument
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="text: a tree of new modules, placements and findings; json: the same as "
                   "a stable, versioned document.")
@click.option("--diff", is_flag=True, help="Show the unified diff apply would write.")
@click.option("--check", is_flag=True,
              help="Only say whether each split is applied; exit 1 while one is not (for CI, "
                   "like black --check). Plans nothing.")
@click.option("--static", is_flag=True,
              help="Do not run apply's import check on the plan (in a scratch copy of the "
                   "import root); only what the plan finds statically.")
@handles_errors
def plan(sources: tuple[Path, ...], config_path: Path | None, fmt: str, diff: bool,
         check: bool, static: bool) -> None:
    """Show how SOURCES would be split, with every finding. Writes nothing.

    SOURCES are configured [[split]] sources; without any, every configured split is taken.
    Unless --static, apply's import check runs on each plan in a scratch copy of the import
    root (the project's interpreter imports the old module before and after the planned
    split): its findings are the plan's.
    """
    from .. import api
    from ..split.report import document, plan_data, plan_diff

    given = [name for name, on in (("--check", check), ("--diff", diff),
                                   (f"--format {fmt}", fmt != "text")) if on]
    if len(given) > 1:  # each is a different output: one would be silently dropped
        raise click.UsageError(f"{given[0]} and {given[1]} cannot be combined")
    config = api.load(config_path, need_splits=True)
    if check:
        _check_applied(api.status(*sources, config=config), config.root)
    with Spinner(enabled=fmt == "text" and not diff) as progress:
        result = api.plan(*sources, config=config, references=not diff, progress=progress,
                          static=static)
    if diff:
        click.echo("".join(plan_diff(p, config.root) for p in result.plans), nl=False)
    elif fmt == "json":
        data = [plan_data(s.plan, config.root, s.references, s.import_check)
                for s in result.splits]
        click.echo(json.dumps(document(data), indent=2))
    else:
        from .output import print_plan

        for split in result.splits:
            print_plan(split.plan, config.root, split.references, split.import_check)
    errors = [f for p in result.plans for f in p.errors]
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


def _check_applied(statuses: tuple[SplitStatus, ...], root: Path) -> None:
    pending = 0
    for status in statuses:
        source = shown_path(status.source)
        if status.applied:
            click.echo(f"{source}: split (facade {shown_path(status.facade)})")
        else:
            pending += 1
            click.echo(f"{source}: not split yet (run `godsplit apply {source}`)")
    if pending:
        click.echo(f"godsplit plan --check: {plural(pending, 'split')} of {len(statuses)} "
                   "not applied")
    else:
        click.echo(f"godsplit plan --check: every split is applied ({len(statuses)})")
    sys.exit(1 if pending else 0)


@click.command()
@sources_argument
@config_option
@click.option("--rewrite-references", is_flag=True,
              help="Also point patch targets in the project's other files at the new modules "
                   "(each edited file is listed).")
@click.option("--migrate", "migrate", is_flag=True,
              help="Also move every use of the old paths to the new modules (`godsplit "
                   "migrate`), in the same transaction.")
@handles_errors
def apply(sources: tuple[Path, ...], config_path: Path | None, rewrite_references: bool,
          migrate: bool) -> None:
    """Split SOURCES, verify the public names, and roll back if anything differs.

    SOURCES are configured [[split]] sources; without any, every configured split is taken.
    One apply at a time runs in a project (a lock); Ctrl-C restores the tree.
    """
    from .. import api
    from ..split.apply import ApplyInterrupted
    from .output import print_apply

    config = api.load(config_path, need_splits=True)
    try:
        with Spinner() as progress:
            result = api.apply(*sources, config=config, rewrite_references=rewrite_references,
                               migrate=migrate, progress=progress)
    except ApplyInterrupted as interrupted:
        click.echo(interrupted.message, err=True)
        sys.exit(130)
    work_done()  # written and verified, or rolled back: what is left is the report
    print_apply(result, config.root)
    if result.migration is not None:
        from .migration import print_migration

        print_migration(result.migration, config.root)
    errors = result.errors
    sys.exit(2 if any(f.code in CONFIG_ERRORS for f in errors) else 1 if errors else 0)


@click.command()
@sources_argument
@config_option
@click.option("--against", "rev", metavar="REV",
              help="Look for each module before its split in git history at or before REV "
                   "(default: HEAD; outside git, there is nothing to compare with).")
@handles_errors
def verify(sources: tuple[Path, ...], config_path: Path | None, rev: str | None) -> None:
    """Check that each split's facade gives every name its module had before the split.

    The module before the split is found in git history (so a broken facade committed to
    HEAD is still caught); with verify-import on, the old module is also imported in a
    fresh interpreter. SOURCES are configured [[split]] sources; without any, every
    configured split is taken.
    """
    from .. import api
    from .output import print_findings

    config = api.load(config_path)
    with Spinner() as progress:
        result = api.verify(*sources, config=config, against=rev, progress=progress)
    if not result.splits and not result.unapplied:
        click.echo("verify: no [[split]] in the config, nothing to verify")
        sys.exit(0)
    print_findings(result.findings, config.root)
    errors = len(result.errors)
    click.echo(f"verify: {plural(result.splits, 'split')} checked, "
               + (f"{plural(errors, 'difference')}" if errors else "no differences")
               + (f"; {result.unapplied} not split yet" if result.unapplied else ""))
    sys.exit(1 if errors else 0)
