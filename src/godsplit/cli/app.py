"""The click group: every command, with help and usage errors.

Exit status: 0 done/clean, 1 findings (plan errors, verify differences, size violations,
a pending split under `plan --check`), 2 bad usage, config or input, 130 interrupted.
"""

from __future__ import annotations

import click

from .. import __version__
from .sizegate import check
from .split import apply, plan, verify
from .suggester import suggest


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="godsplit")
def main() -> None:
    """Split god files into focused modules behind a facade, and prove nothing broke."""


for _command in (plan, apply, verify, check, suggest):
    main.add_command(_command)
