"""The click group: every command, with help and usage errors.

Exit status: 0 done/clean, 1 findings (plan errors, verify differences, size violations,
a pending split under `plan --check`), 2 bad usage, config or input, 130 interrupted.
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


# What each command's exit status means, shown at the end of its --help (and in the README).
EXIT_STATUS = {
    "plan": "0 no plan errors (with --check: every split is applied); 1 plan errors (with "
            "--check: a split is not applied yet); 2 bad usage, config or input (GS100, "
            "GS101 and GS106 are config errors); 130 interrupted.",
    "apply": "0 split and verified, or nothing to do; 1 plan errors or verify differences "
             "(nothing changed); 2 bad usage, config or input, or another apply is running "
             "in the project; 130 interrupted (the tree is restored).",
    "verify": "0 no differences; 1 a name is missing, `import *` changed, or the old "
              "module does not import; 2 bad usage or config, an unknown --against "
              "revision, or --against outside git; 130 interrupted.",
    "check": "0 every module within its limit (or held by the baseline); 1 a module is "
             "over its limit or grew past its baseline; 2 bad usage, config or baseline "
             "file; 130 interrupted.",
    "suggest": "0 a suggestion with no plan errors (warnings are printed in the entry); 1 the "
               "plan still has errors (the entry is printed, the errors go to stderr); 2 bad "
               "usage or input; 130 interrupted.",
    "migrate": "0 rewritten (or nothing to rewrite; with --check: no use of an old path left, "
               "or all held by the baseline); 1 rolled back after a difference (with --check: "
               "uses left); 2 bad usage, config or input (with --check: a directory it "
               "cannot read, GS516); 130 interrupted.",
    "retire": "0 the facades are retired; 1 refused while a use is left, or rolled back "
              "after a difference (nothing changed); 2 bad usage, config or input; 130 "
              "interrupted.",
}

for _command in (plan, apply, verify, check, suggest, migrate, retire):
    _command.epilog = f"Exit status: {EXIT_STATUS[_command.name or '']}"
    main.add_command(_command)
