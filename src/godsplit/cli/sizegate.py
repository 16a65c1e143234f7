"""`godsplit check` as a click command, built from the option table in `checkrun.py`.

The common invocations do not come here: `godsplit.cli.run` hands them to
`checkrun.parse_fast` first, so a pre-commit run imports neither click nor rich. Help,
short options and bad usage come here, and so do `CliRunner` tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .checkrun import OPTIONS, Option, run


def _click_option(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    names = [option.name, option.dest] + ([option.short] if option.short else [])
    if option.kind == "flag":
        return click.option(*names, is_flag=True, help=option.help)
    kinds: dict[str, Any] = {
        "path": click.Path(path_type=Path, dir_okay=False),
        "count": click.IntRange(min=1),
        "choice": click.Choice(option.choices),
        "many": str,
    }
    return click.option(*names, type=kinds[option.kind], metavar=option.metavar,
                        multiple=option.kind == "many", help=option.help,
                        default=option.default, show_default=option.default not in (None, ()))


def _check(**params: Any) -> None:
    """Fail when a Python module is over its line limit (and not held by the baseline).

    PATHS are files and directories (default: the project root). Directories are walked
    respecting .gitignore; files named here are checked even if git ignores them, but
    excludes still apply: the config's, and the `exclude` and `extend-exclude` of the
    project's linters (generated migrations, vendored code): ruff's, nested configs
    too, and flake8's; with both configured, a file is skipped only when both skip it.
    """
    sys.exit(run(params))


def _command() -> click.Command:
    function: Callable[..., Any] = click.argument(
        "paths", nargs=-1, type=click.Path(path_type=Path))(_check)
    for option in reversed(OPTIONS):
        function = _click_option(option)(function)
    return click.command("check", context_settings={"help_option_names": ["-h", "--help"]})(
        function)


check = _command()
