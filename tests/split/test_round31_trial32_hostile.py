"""Round 31 (trial32): hostile input no earlier table holds (`test_bad_input*.py`,
`test_round28_trial29_bad_input.py`, `test_round29_trial30_hostile.py`,
`test_round30_trial31_hostile.py`).

A module whose import-time code uses the interpreter's command line or its standard output
imports on its own (`python -c "import big"`), so the import check must import it too: it
said "it does not import on its own" (the probe's own arguments were in `sys.argv`) or "the
module's code ended the interpreter" (the probe printed its result to a `sys.stdout` the
module had replaced), skipped the check and split unchecked. Each case is split (`apply`,
the import check on) and a few lines of Python print the same before and after.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_round30_trial31_hostile import BIG, config, python, run

from godsplit.cli import main

from conftest import make_project, tree_hash

CONFIG = config()
# to stderr: the cases below take standard output from the code that imports them
CHECK = "import sys, big; sys.stderr.write(repr((big.alpha(), big.beta(), big.gamma())))"


@dataclass(frozen=True)
class Split:
    id: str
    tail: str
    check: str = CHECK


SPLITS = [
    # a script-like module: `python -c "import big"` gives it no arguments to refuse
    Split("a-module-parsing-sys-argv-at-import",
          "\n\nimport argparse\n\n_parser = argparse.ArgumentParser()\n"
          '_parser.add_argument("--n", type=int, default=1)\nARGS = _parser.parse_args()\n',
          "import big; print(big.ARGS.n, big.beta())"),
    Split("a-module-replacing-sys-stdout-at-import",
          "\n\nimport io\nimport sys\n\nsys.stdout = io.StringIO()\n"),
    Split("a-module-closing-sys-stdout-at-import",
          "\n\nimport sys\n\nprint('loading')\nsys.stdout.close()\n"),
    Split("a-module-sending-file-descriptor-1-to-devnull-at-import",
          "\n\nimport os\n\nos.dup2(os.open(os.devnull, os.O_WRONLY), 1)\n"),
    Split("a-module-setting-sys-stdout-to-none-at-import",
          "\n\nimport sys\n\nsys.stdout = None\n"),
]


@pytest.mark.parametrize("case", SPLITS, ids=[c.id for c in SPLITS])
def test_a_module_using_the_command_line_or_stdout_at_import_is_import_checked(
        case: Split, tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG + case.tail}, CONFIG)
    before = python(root, case.check)
    assert before.returncode == 0, before.stderr
    status, output = run(root, "apply")
    assert status == 0, output
    assert "import check skipped" not in output, output
    assert "does not import" not in output and "ended the interpreter" not in output, output
    assert output.splitlines()[-1].endswith("; verified"), output
    after = python(root, case.check)
    assert (after.returncode, after.stdout, after.stderr) == (0, before.stdout, before.stderr)
    status, output = run(root, "verify")
    assert status == 0 and "import check skipped" not in output, output


def test_a_module_ending_the_interpreter_at_import_is_still_said_to(tmp_path: Path) -> None:
    """The probe's result no longer goes through `sys.stdout`, so the message for a module
    that ends the interpreter (`os._exit(0)`) must still be given, and only then."""
    root = make_project(tmp_path / "project",
                        {"big.py": BIG + "\n\nimport os\n\nos._exit(0)\n"}, CONFIG)
    status, output = run(root, "plan")
    assert status == 0, output
    assert "the module's code ended the interpreter while it was imported" in output, output
    assert "import check: ran" not in output, output


# A name only a module-level `match` statement binds (a capture pattern). Mapping it was
# refused as "not defined in the source", and the statement was "a module-level statement
# that defines nothing": both untrue. Since round 32 (engine33) the captures are the
# statement's bindings, as an assignment's are: mapping one moves the statement.
MATCH = BIG + '''

match [1, 2]:
    case [FIRST, SECOND]:
        pass


def delta():
    return 4
'''


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_mapping_a_name_only_a_match_capture_binds_moves_the_statement(
        command: str, tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": MATCH},
                        CONFIG.replace('["beta"]', '["beta", "FIRST"]'))
    status, output = run(root, command)
    assert status == 0, output
    assert "not defined in the source" not in output, output
    assert "FIRST, SECOND (mapped by 'FIRST')" in output or command == "apply", output
    assert "defines nothing" not in output, output
    assert "verified" in output or command == "plan", output


def test_a_match_statement_is_placed_as_a_definition_of_its_captures(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": MATCH}, CONFIG)
    status, output = run(root, "plan")  # (GS405 until round 32: the facade's `__all__`
    assert status == 0, output  # lacked FIRST; the statement stayed there, GS204)
    assert "defines nothing" not in output, output
    assert "FIRST, SECOND (default: not used by any module)" in output, output


def test_a_module_defining_dir_has_every_name_compared(tmp_path: Path) -> None:
    """A module `__dir__` (PEP 562) lists what `dir(module)` shows: the import check read the
    names through it, so it compared 2 names of 7 and said "the same 2 names"; the ones the
    `__dir__` leaves out (gamma, json) went unchecked."""
    root = make_project(tmp_path / "project", {"big.py": BIG + (
        '\n\ndef __dir__():\n    return ["alpha", "beta"]\n')}, CONFIG)
    status, output = run(root, "apply")
    assert status == 0, output
    assert "imported big before and after in a fresh interpreter: the same 7 names" in output
    assert output.splitlines()[-1].endswith("; verified"), output
    check = "import big; print(dir(big), big.gamma(), big.json.__name__)"
    assert python(root, check).stdout == "['alpha', 'beta'] 3 json\n"


# `--config` naming something that is there but is no regular file: `plan --config
# /dev/null` (a device) and a named pipe said "config file not found", untrue. Refused as
# what it is, exit 2, the tree untouched; a path that is not there is still "not found".
@pytest.mark.parametrize("command", [["plan"], ["apply"], ["verify"], ["suggest", "big.py"],
                                     ["suggest", "big.py", "--write"]])
@pytest.mark.parametrize("kind", ["device", "pipe", "missing"])
def test_a_config_that_is_no_regular_file_is_named_for_what_it_is(
        command: list[str], kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG}, CONFIG)
    given = {"device": Path(os.devnull), "pipe": tmp_path / "pipe.toml",
             "missing": tmp_path / "missing.toml"}[kind]
    if kind == "pipe":
        os.mkfifo(given)
    monkeypatch.chdir(root)
    before = tree_hash(root)  # (not tmp_path: reading the pipe would wait for a writer)
    result = CliRunner().invoke(main, [*command, "--config", str(given)])
    if kind == "missing" and "--write" in command:  # --write creates it
        assert result.exit_code == 0 and given.is_file(), result.output
    elif kind == "missing":
        assert result.exit_code == 2, result.output
        assert f"error: {given}: config file not found" in result.output, result.output
    else:
        assert result.exit_code == 2, result.output
        assert f"error: {given}: " in result.output, result.output
        assert "not found" not in result.output, result.output
        assert "the config is not a regular file (a pipe, a device)" in result.output
    assert tree_hash(root) == before
