"""`godsplit suggest`: print (or append to the config) a ready `[[split]]` entry.

The engine (`godsplit.suggester`) finds and proves the mapping and renders it as TOML;
this module prints it, or appends it to godsplit.toml or pyproject.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..files import not_a_file
from ..types import GodsplitError
from .common import handles_errors


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--max-lines", type=click.IntRange(min=1), metavar="N",
              help="Largest module to plan (default: the config's max-lines, else 600).")
@click.option("--modules", "modules", type=click.IntRange(min=1), metavar="K",
              help="Exactly K modules, the shared one included (default: as many as the "
                   "file needs for modules about 60% of max-lines; max-lines is raised, and "
                   "written by --write, if K modules cannot fit under it).")
@click.option("--package", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Put the modules in DIR beside SOURCE, which stays as the facade "
                   "(default: SOURCE becomes a package).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="godsplit.toml or pyproject.toml (default: found from the current "
                   "directory up; --write creates godsplit.toml here if there is none).")
@click.option("--write", is_flag=True,
              help="Append the entry to the config ([[tool.godsplit.split]] in pyproject.toml), "
                   "and raise its max-lines if the suggestion needs more.")
@click.option("--static", is_flag=True,
              help="Do not run apply's import check on the suggestion (in a scratch copy); "
                   "by default, names it finds must stay (GS416) are kept and it tries again.")
@handles_errors
def suggest(source: Path, max_lines: int | None, modules: int | None, package: Path | None,
            config_path: Path | None, write: bool, static: bool) -> None:
    """Propose the [[split]] mapping for SOURCE: cohesive modules under max-lines (a
    definition longer than that gets a module of its own, with a warning), named after
    their family, main class or shared words, proven by planning it."""
    from ..split.module_identity import SOURCE_ERRORS
    from ..suggester.checked import suggest_checked as make_suggestion
    from ..suggester.entry import append_entry, config_file, render_entry

    config, path = config_file(config_path, write)
    if not source.is_file():
        raise GodsplitError(not_a_file(source, "source", "a .py file"), source)
    result = make_suggestion(source, config, max_lines, modules or 0, package, static)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.errors:
        click.echo(render_entry(result), nl=False)
        for finding in result.errors:
            click.echo(f"error: {finding.render()}", err=True)
        if {f.code for f in result.errors} <= SOURCE_ERRORS:
            click.echo("error: this file cannot be split safely as it is, and no mapping "
                       "can fix that (see above); nothing was written", err=True)
        else:
            click.echo("error: no mapping without plan errors was found; fix the entry by "
                       "hand", err=True)
        sys.exit(1)
    if not write:
        click.echo(render_entry(result), nl=False)
        return
    click.echo(append_entry(path, config, result), nl=False)
    click.echo(f"wrote the suggestion for {result.source} to {path}", err=True)
