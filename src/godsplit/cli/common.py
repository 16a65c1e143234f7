"""What every command shares: the bad-input handler (exit 2) and the common options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..types import GodsplitError
from .text import error_line, os_error

F = TypeVar("F", bound=Callable[..., Any])

# Findings that mean the config is wrong rather than the split: exit 2 like bad input.
CONFIG_ERRORS = frozenset({"GS100", "GS101", "GS106"})


def fail(error: GodsplitError) -> None:
    click.echo(error_line(error), err=True)
    sys.exit(2)


def handles_errors(command: F) -> F:
    """Bad usage, config or input: one line on stderr, exit 2. Ctrl-C: exit 130 (click
    would say "Aborted!" and exit 1, the status of findings)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GodsplitError as exc:
            fail(exc)
        except OSError as exc:  # (the writers roll back and raise GodsplitError themselves)
            fail(os_error(exc))
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was written", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
    help="godsplit.toml or pyproject.toml (default: found from the current directory up).",
)
sources_argument = click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
