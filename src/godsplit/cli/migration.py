"""`godsplit migrate` and `godsplit retire`: the life of a split after `apply`."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import config_option, handles_errors, sources_argument
from .signals import work_done
from .text import plural

if TYPE_CHECKING:
    from ..migration.core import MigrateResult
    from ..migration.edit import Use
    from ..migration.report import Gate
    from ..migration.retire import RetireResult


def _where(path: Path, line: int, root: Path) -> str:
    from ..split.report import _rel

    return f"{_rel(path, root)}:{line}"


def _use_line(use: Use, root: Path) -> str:
    target = f"-> {use.new}" if use.fixable else f"(left alone: {use.detail})"
    return f"  {_where(use.path, use.line, root)}: {use.shown} {target}"


def _use_lines(uses: Sequence[Use], root: Path) -> list[str]:
    """A line per use; the uses left alone for one reason say it once, with their count,
    where the first of them was (DefectDojo's 60 patches that stay, one reason)."""
    alike: dict[str, list[Use]] = defaultdict(list)
    for use in uses:
        if not use.fixable:
            alike[use.detail].append(use)
    out: list[str] = []
    for use in uses:
        group = alike.get(use.detail, []) if not use.fixable else []
        if len(group) < 2:
            out.append(_use_line(use, root))
        elif use is group[0]:
            out.append(f"  {len(group)} uses left alone: {use.detail}:")
            out += [f"    {_where(u.path, u.line, root)}: {u.shown}" for u in group]
    return out


@click.command()
@sources_argument
@config_option
@click.option("--check", is_flag=True,
              help="Change nothing: list each use of a split module's old path; exit 1 if any.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Output format (github: workflow annotations, with --check).")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="With --check: uses recorded there pass while their count per file does not "
                   "grow (default: godsplit-migrate-baseline.json in the project root, if any).")
@click.option("--update-baseline", is_flag=True,
              help="With --check: record today's uses in the baseline and exit 0.")
@handles_errors
def migrate(sources: tuple[Path, ...], config_path: Path | None, check: bool, fmt: str,
            baseline_path: Path | None, update_baseline: bool) -> None:
    """Point every use of SOURCES' old paths (default: every applied split) at the modules
    that define the names now: imports, `old.name`, patch targets, dotted-path strings.
    The rewritten modules are imported again afterwards; any difference rolls back."""
    from .. import api
    from ..migration import report

    config = api.load(config_path)
    if update_baseline and not check:
        raise click.UsageError("--update-baseline needs --check")
    if check and not sources and config.path is not None and not config.splits:
        # every split retired (`retire` takes its [[split]] out): the gate, a pre-commit
        # hook among them, has nothing left to hold, as `verify` says
        _nothing_to_check(fmt, config.root)
        sys.exit(0)
    config = api.load(config, need_splits=True)
    result = api.migrate(*sources, config=config, check=check, baseline=baseline_path,
                         update_baseline=update_baseline)
    work_done()  # rewritten and verified, or rolled back: what is left is the report
    gate = result.gate
    if fmt == "json":
        click.echo(report.to_json(result, config.root, gate))
    elif fmt == "github" and gate is not None:
        text = report.to_github(gate, config.root)
        if text:
            click.echo(text)
    else:
        _print_text(result, config.root, gate)
    if gate is not None and any(n.code == "GS516" for n in result.notes):
        sys.exit(2)  # a directory it could not read: the gate cannot pass
    if gate is not None:
        sys.exit(0 if gate.passed or update_baseline else 1)
    sys.exit(1 if result.rolled_back or result.errors else 0)


def _nothing_to_check(fmt: str, root: Path) -> None:
    from ..migration.core import MigrateResult
    from ..migration.report import to_json

    if fmt == "json":
        click.echo(to_json(MigrateResult(migrated=()), root, None))
    elif fmt == "text":
        click.echo("migrate --check: no [[split]] in the config, nothing to check")


def _print_text(result: MigrateResult, root: Path, gate: Gate | None) -> None:
    if result.recovered:
        click.echo(result.recovered)
    for source in result.pending:
        click.echo(f"{source}: not split yet, skipped")
    if gate is not None:
        failing = {id(u) for u in gate.failing}
        for line in _use_lines([u for u in result.remaining if id(u) in failing], root):
            click.echo(line)
        held = f"; {gate.held} held by the baseline" if gate.held else ""
        for path, module, recorded, now in gate.stale:
            click.echo(f"  {path}: {now} uses of {module}, baseline {recorded}: update the "
                       "baseline (--update-baseline)")
        unread = [n for n in result.notes if n.code == "GS516"]
        # and Celery's `-A`, not counted as a use: `retire` keeps the app there
        for note in [n for n in result.notes if n.code == "GS132"] + unread:
            click.echo(f"  {_where(Path(note.path), note.line, root)}: {note.code}: {note.message}")
        if gate.failing:
            fixable = sum(u.fixable for u in gate.failing)
            files = len({u.path for u in gate.failing})
            click.echo(f"migrate --check: {plural(len(gate.failing), 'use')} of an old module in "
                       f"{plural(files, 'file')} ({fixable} of them `godsplit migrate` rewrites)"
                       f"{held}")
        elif unread:
            click.echo(f"migrate --check: no use of an old module left in the files it could "
                       f"read{held}; {plural(len(unread), 'directory')} could not be read")
        else:
            click.echo(f"migrate --check: no use of an old module left{held}"
                       + ("" if held else "; `godsplit retire` can remove the facades"))
        return
    print_migration(result, root)


def print_migration(result: MigrateResult, root: Path) -> None:
    """What `migrate` (or `apply --migrate`) rewrote and left alone."""
    done = [u for u in result.uses if u.fixable]
    left = [u for u in result.uses if not u.fixable]
    for finding in result.findings:
        if finding.severity != "info" or finding.code == "GS507":
            click.echo(f"  {finding.render()}")
    for note in result.notes:
        click.echo(f"  {_where(Path(note.path), note.line, root)}: {note.code}: {note.message}")
    for line in _use_lines(left, root):
        click.echo(line)
    # every line listed above is counted here: the uses left, and the mentions kept on
    # purpose (a string naming the old module, a pinned task name)
    notes = [n for n in result.notes if n.code != "GS516"]  # not an unreadable directory
    kept = f"; {plural(len(notes), 'mention')} kept on purpose" if notes else ""
    listed = " (listed above)" if left or result.notes else ""
    if result.rolled_back:
        click.echo("migrate: rolled back, nothing changed (see the errors above)")
    elif result.written:
        click.echo(f"migrate: rewrote {plural(len(done), 'use')} in "
                   f"{plural(len(result.changed), 'file')}; {len(left)} left alone{kept}{listed}")
    else:
        click.echo(f"migrate: nothing to rewrite; {plural(len(left), 'use')} left alone{kept}"
                   f"{listed}")


@click.command()
@sources_argument
@config_option
@handles_errors
def retire(sources: tuple[Path, ...], config_path: Path | None) -> None:
    """Remove the facades of SOURCES (default: every applied split) once nothing uses the
    old paths: sibling layout, delete the old file; package layout, keep only the
    docstring and the code kept on purpose in __init__.py. Refused (exit 1) while a use
    is left; rolled back if the new modules no longer import the same afterwards."""
    from .. import api

    config = api.load(config_path, need_splits=True)
    result = api.retire(*sources, config=config)
    work_done()  # removed and verified, or rolled back: what is left is the report
    _print_retire(result, config.root)


def _left(result: RetireResult) -> str:
    """What stands in retire's way: the uses `migrate` rewrites and those it leaves alone
    (each listed above with its reason), or the findings above."""
    uses = [use for split in result.splits for use in split.blocked]
    if not uses:
        return "see above"
    fixable = sum(use.fixable for use in uses)
    left = f"{plural(len(uses), 'use')} of an old module left"
    if fixable == len(uses):
        return f"{left}: `godsplit migrate` rewrites {'it' if fixable == 1 else 'them'}"
    alone = len(uses) - fixable
    hand = (f"{'it needs' if alone == 1 else 'they need'} a hand edit, for the reason "
            f"listed with {'it' if alone == 1 else 'each'}")
    if not fixable:
        return f"{left}, which `godsplit migrate` leaves alone: {hand}"
    return (f"{left}: `godsplit migrate` rewrites {fixable}; it leaves {alone} alone, and "
            f"{hand}")


def _print_retire(result: RetireResult, root: Path) -> None:
    if result.recovered:
        click.echo(result.recovered)
    for split in result.splits:
        for line in _use_lines(split.blocked, root):
            click.echo(line)
        for finding in split.findings:
            click.echo(f"  {finding.render()}")
    for finding in result.findings:
        click.echo(f"  {finding.render()}")
    if result.refused:
        click.echo(f"retire: refused, nothing changed ({_left(result)})")
        sys.exit(1)
    if result.rolled_back:
        click.echo("retire: the checks found differences: rolled back, nothing changed")
        sys.exit(1)
    for split in result.splits:
        own = (f"{len(split.kept)} statements of its own" if split.kept else "" if split.registers
               else "nothing else" if split.head else "nothing of its own")  # beside its imports
        kept = " and ".join(p for p in (split.head, own) if p)
        what = "deleted the old file" if split.deleted else (
            "__init__.py" + (f" keeps {kept}" if kept else "")
            + ((", and " if " and " in kept else " and " if kept else " ") + "imports its "
               f"modules ({split.registers})" if split.registers else "")
            + (f", and keeps {split.apps}" if split.apps else ""))
        click.echo(f"{split.old_module}: facade retired ({what}; its [[split]] left the config)")
