"""`--help`: every option is described, every command says what its exit statuses mean,
and the split commands say that SOURCES default to every configured split."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from godsplit.cli import main

COMMANDS = sorted(main.commands)


def test_every_command_is_covered() -> None:
    assert COMMANDS == ["apply", "check", "migrate", "plan", "retire", "suggest", "verify"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_described(name: str) -> None:
    command = main.commands[name]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help and len(param.help) > 10, (name, param.name)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_lists_its_exit_statuses(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], terminal_width=100)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    status = text[text.index("Exit status:"):]
    for code in ("0 ", "1 ", "2 ", "130 interrupted"):
        assert code in status, (name, code, status)


@pytest.mark.parametrize("name", ["plan", "apply", "verify"])
def test_sources_default_to_every_configured_split(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], terminal_width=100)
    assert "without any, every configured split is taken" in " ".join(result.output.split())
