"""The command line: turns API results into output and exit codes. Nothing else prints.

Exit status: 0 done/clean, 1 findings (plan errors, verify differences, size violations),
2 bad usage, config or input. click and rich live only in this package; heavy imports
(libcst, rich) happen inside the commands that need them, so `godsplit check` stays fast.
"""

from __future__ import annotations

import click

from .. import __version__
from .migration import migrate, retire
from .sizegate import check
from .split import apply, plan, verify
from .suggester import suggest


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="godsplit")
def main() -> None:
    """Split god files into focused modules behind a facade, and prove nothing broke."""


for _command in (plan, apply, verify, check, suggest, migrate, retire):
    main.add_command(_command)
