"""Round 25 (smalls25): README item 21 (g).

`retire`'s refusal said "run `godsplit migrate`, then edit the rest by hand" after migrate
had run and every use left was one migrate leaves alone; it now says what is left and why.
GS505 guessed "a logger name, a route or task-name prefix?" for lemur's
`CELERY_IMPORTS = ('lemur.common.celery')`, a setting that imports the module (plan's
GS214 says so); it now names the setting and what it does.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_migrate_forms import migrated
from test_retire import USER, project

from godsplit.cli import main
from godsplit.migration.core import migrate


def test_retire_after_migrate_says_what_is_left_and_why(tmp_path: Path) -> None:
    user = USER + '''
    SCRIPT = b"""
    import pkg.big
    pkg.big.run()
    """
    '''
    config = project(tmp_path, user=user)
    migrate(config)
    cli = CliRunner().invoke(main, ["retire", "--config", str(config.path)])
    assert cli.exit_code == 1
    assert "run `godsplit migrate`" not in cli.output, cli.output
    assert cli.output.rstrip().endswith(
        "retire: refused, nothing changed (1 use of an old module left, which `godsplit "
        "migrate` leaves alone: it needs a hand edit, for the reason listed with it)"), cli.output


def test_retire_before_migrate_says_migrate_rewrites_the_uses(tmp_path: Path) -> None:
    config = project(tmp_path)
    cli = CliRunner().invoke(main, ["retire", "--config", str(config.path)])
    assert cli.exit_code == 1
    assert cli.output.rstrip().endswith(
        "retire: refused, nothing changed (1 use of an old module left: `godsplit migrate` "
        "rewrites it)"), cli.output


def test_gs505_names_the_setting_that_imports_the_module(tmp_path: Path) -> None:
    _, result = migrated(tmp_path, """
        CELERY_IMPORTS = ("pkg.big")
        app.conf.update(include="pkg.big")
        PREFIX = "pkg.big"
    """, path="settings.py", layout="package")
    notes = [(n.line, n.code, n.message) for n in result.notes]
    assert [line for line, _, _ in notes] == [1, 2, 3]
    assert notes[0][2] == (
        "'pkg.big' is loaded by name here (`CELERY_IMPORTS`, a setting that imports the "
        "module): left alone; the module still imports under this name and its facade imports "
        "every new module, so all its tasks still register")  # the old module has a task
    assert "(`include`, a setting that imports the module)" in notes[1][2]
    assert "a logger name, a route or task-name prefix?" in notes[2][2]  # not a setting
