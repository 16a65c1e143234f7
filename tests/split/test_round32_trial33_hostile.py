"""Round 32 (trial33): hostile input no earlier table holds (`test_bad_input*.py`,
`test_round28_trial29_bad_input.py`, `test_round29_trial30_hostile.py`,
`test_round30_trial31_hostile.py`, `test_round31_trial32_hostile.py`).

Each accepted case is split (`apply`, the import check on) and a few lines of Python print
the same before and after. Each refused case runs through the CLI as `plan`, `apply` and
`suggest`: exit 2, the cause and where it is (`file:line`) in the output, the tree's bytes
the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_round30_trial31_hostile import BIG, config, python, run

from godsplit.cli import main

from conftest import make_project, tree_hash

THREE = 'one = ["alpha"]\ntwo = ["beta"]\nthree = ["delta"]'


@dataclass(frozen=True)
class Split:
    id: str
    tail: str
    check: str
    modules: str = THREE


SPLITS = [
    # PEP 572: a walrus in a comprehension binds its target in the module, not in the
    # comprehension; LibCST's scopes put it in the comprehension, and the moved code reading
    # it was written without importing it (GS411 "godsplit wrote code that reads 'last'")
    Split("a-name-bound-only-by-a-walrus-in-a-comprehension",
          "\n\n_squares = [last := x * x for x in range(4)]\n\n\ndef delta():\n"
          "    return last + gamma()\n",
          "import big; print(big.delta(), big.last, big._squares)"),
    Split("a-walrus-in-a-generator-and-a-plain-binding-too",
          "\n\nlast = None\nfound = any((hit := w) == 'b' for w in 'abc')\n"
          "_squares = [last := x for x in range(3)]\n\n\ndef delta():\n    return last, hit\n",
          "import big; print(big.delta(), big.found, big.hit, big.last)"),
    # `global` at module level is legal and binds nothing
    Split("a-global-statement-at-module-level",
          "\n\nglobal counter\ncounter = 0\n\n\ndef delta():\n    global counter\n"
          "    counter += 1\n    return counter\n",
          "import big; print(big.delta(), big.delta(), big.counter)"),
]


@pytest.mark.parametrize("case", SPLITS, ids=[c.id for c in SPLITS])
def test_hostile_but_valid_input_is_split_with_the_same_behaviour(case: Split,
                                                                  tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG + case.tail},
                        config(case.modules))
    before = python(root, case.check)
    assert before.returncode == 0, before.stderr
    status, output = run(root, "apply")
    assert status == 0, output
    assert "verified" in output.splitlines()[-1], output
    after = python(root, case.check)
    assert (after.returncode, after.stdout, after.stderr) == (0, before.stdout, before.stderr)


@dataclass(frozen=True)
class Refused:
    id: str
    files: dict[str, str]
    config: str
    words: tuple[str, ...]
    where: str


# the names of the code godsplit writes (the facade's `_godsplit_sys`, `_GODSPLIT_MODULES`,
# `_GodsplitFacade`): a source binding one had it overwritten, and the live facade failed
# to import ("'str' object has no attribute 'modules'", said to be the module's failure)
OWN = ("names starting with `_godsplit` are godsplit's own", "rename it")
REFUSED = [
    Refused("a-source-binding-a-name-of-godsplits-facade",
            {"big.py": BIG + '\n\n_godsplit_sys = "mine"\n'}, config(extra='facade = "live"'),
            ("binds _godsplit_sys", *OWN), "big.py:17"),
    Refused("a-source-defining-a-class-of-godsplits-name",
            {"big.py": BIG + "\n\nclass _GodsplitFacade:\n    pass\n"}, config(),
            ("binds _GodsplitFacade", *OWN), "big.py:17"),
    Refused("a-source-importing-under-a-name-of-godsplits",
            {"big.py": "import sys as _godsplit_sys\n" + BIG}, config(),
            ("binds _godsplit_sys", *OWN), "big.py:1"),
    Refused("a-stub-file-as-the-source", {"big.pyi": BIG}, config(source="big.pyi"),
            ("must be the path of a .py file",), "godsplit.toml:3"),
    Refused("the-same-source-in-two-splits", {"big.py": BIG},
            config() + config('three = ["gamma"]').replace('"rest"', '"other"'),
            ("is already split by split[0]",), "godsplit.toml:11: "),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
@pytest.mark.parametrize("command", ["plan", "apply", "suggest"])
def test_hostile_input_exits_2_names_file_line_and_cause_and_changes_nothing(
        case: Refused, command: str, tmp_path: Path) -> None:
    if command == "suggest" and "godsplit" not in case.id:
        pytest.skip("a config error: suggest reads no config")
    root = make_project(tmp_path / "project", dict(case.files), case.config)
    before = tree_hash(tmp_path)
    if command == "suggest":
        result = CliRunner().invoke(main, ["suggest", str(root / "big.py"), "--write",
                                           "--config", str(root / "godsplit.toml")])
        status, output = result.exit_code, result.output
    else:
        status, output = run(root, command)
    assert status == 2, output
    for word in case.words:
        assert word in output, output
    assert case.where in output, output
    assert tree_hash(tmp_path) == before
