"""Round 30 (trial31): hostile input no earlier table holds (`test_bad_input*.py`,
`test_round28_trial29_bad_input.py`, `test_round29_trial30_hostile.py`).

Each accepted case is split (`apply`, the import check on) and a few lines of Python print
the same before and after. Each refused case runs through the CLI as `plan` and as `apply`:
exit 2, the cause and where it is (`file:line`) in the output, the tree's bytes the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from conftest import make_project, tree_hash

BIG = '''\
"""A module to split."""
import json


def alpha():
    return json.dumps(1)


def beta():
    return alpha()


def gamma():
    return 3
'''
CHECK = "import big; print(big.alpha(), big.beta(), big.gamma())"
DELTA = 'one = ["alpha"]\ntwo = ["beta", "delta"]'


def config(modules: str = 'one = ["alpha"]\ntwo = ["beta"]', source: str = "big.py",
           extra: str = "") -> str:
    return (f'\n[[split]]\nsource = "{source}"\ndefault = "rest"\n{extra}\n'
            f'[split.modules]\n{modules}\n')


def run(root: Path, command: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command, "--config", str(root / "godsplit.toml")])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def python(root: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=60, env={"PYTHONPATH": str(root),
                                                      "PYTHONDONTWRITEBYTECODE": "1",
                                                      "PATH": os.defpath})


@dataclass(frozen=True)
class Split:
    id: str
    files: dict[str, str]
    config: str
    check: str = CHECK


# a package's `__init__.py` as the god file, with a `__main__` block and a logger: the
# split must not claim `python -m pkg` ran it as `__main__` (GS417, round 30)
INIT = BIG + '''

import logging

log = logging.getLogger(__name__)


def delta():
    log.warning("delta")
    return log.name


if __name__ == "__main__":
    delta()
'''

SPLITS = [
    Split("a-package-init-with-a-main-block", {"pkg/__init__.py": INIT},
          config(DELTA, "pkg/__init__.py", 'package = "pkg"'),
          "import pkg; print(pkg.beta(), pkg.delta(), pkg.log.name)"),
    # mypy skips a file whose first line is `# type: ignore`: each new module keeps it
    Split("type-ignore-on-the-first-line", {"big.py": "# type: ignore\n" + BIG}, config()),
    Split("the-god-file-imports-itself", {"big.py": BIG.replace(
        "import json\n", "import json\n\nimport big\n") + (
        "\n\ndef delta():\n    return big.gamma() + 1\n")},
        config(DELTA), "import big; print(big.delta(), big.big is big)"),
    Split("a-star-import-of-itself", {"big.py": BIG.replace(
        "import json\n", "import json\n\nfrom big import *  # noqa: F403\n")}, config()),
    Split("a-with-statement-binds-names-at-top-level", {"big.py": BIG + (
        "\n\nimport os\n\nwith open(os.devnull) as _null:\n    EMPTY = _null.read()\n\n\n"
        "def delta():\n    return EMPTY, _null.closed\n")},
        config(DELTA), "import big; print(big.delta(), big._null.closed)"),
    Split("a-while-loop-binds-names-at-top-level", {"big.py": BIG + (
        "\n\nN = 0\nwhile N < 3:\n    N += 1\n    LAST = N * 10\n\n\n"
        "def delta():\n    return LAST, N\n")},
        config(DELTA), "import big; print(big.delta(), big.N, big.LAST)"),
    # the second `def alpha` is the one that counts, before and after
    Split("a-function-defined-twice", {"big.py": BIG + (
        '\n\ndef alpha():\n    return "second"\n')}, config()),
    Split("definitions-under-if-debug", {"big.py": BIG + (
        '\n\nif __debug__:\n    def delta():\n        return "debug"\nelse:\n'
        '    def delta():\n        return "optimized"\n\n\ndef epsilon():\n    return delta()\n')},
        config('one = ["alpha"]\ntwo = ["beta", "epsilon"]'),
        "import big; print(big.epsilon(), big.delta())"),
    Split("a-new-module-named-as-the-source", {"big.py": BIG},
          config('big = ["alpha"]\ntwo = ["beta"]')),
]


@pytest.mark.parametrize("case", SPLITS, ids=[c.id for c in SPLITS])
def test_hostile_but_valid_input_is_split_with_the_same_behaviour(case: Split,
                                                                  tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", dict(case.files), case.config)
    before = python(root, case.check)
    assert before.returncode == 0, before.stderr
    status, output = run(root, "apply")
    assert status == 0, output
    assert "verified" in output.splitlines()[-1], output
    after = python(root, case.check)
    assert (after.returncode, after.stdout, after.stderr) == (0, before.stdout, before.stderr)
    if case.id.startswith("type-ignore"):
        for path in (root / "big").glob("*.py"):
            assert path.read_text().startswith("# type: ignore\n"), path
    if case.id.startswith("a-package-init"):
        assert "GS417" not in output, output


@dataclass(frozen=True)
class Refused:
    id: str
    files: dict[str, str]
    config: str
    words: tuple[str, ...]
    where: str


REFUSED = [
    Refused("a-mapped-name-with-a-leading-space", {"big.py": BIG},
            config('one = [" alpha"]\ntwo = ["beta"]'),
            ("' alpha' is mapped to one but not defined", "did you mean alpha?"),
            "godsplit.toml:7"),
    Refused("an-empty-source", {"big.py": ""}, config(),
            ("'alpha' is mapped to one but not defined",), "godsplit.toml:7"),
    Refused("a-source-path-with-a-backslash", {"big.py": BIG, "sub/big.py": BIG},
            config(source="sub\\\\big.py"),
            ("is not an importable module name", "set `package`"), "godsplit.toml:3"),
    Refused("a-source-outside-the-root-through-dotdot", {"big.py": BIG},
            config(source="../big.py"),
            ("points outside the project root", "'..'"), "godsplit.toml:3"),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
@pytest.mark.parametrize("command", ["plan", "apply"])
def test_hostile_input_exits_2_names_file_line_and_cause_and_changes_nothing(
        case: Refused, command: str, tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", dict(case.files), case.config)
    if case.id.endswith("dotdot"):
        (tmp_path / "big.py").write_text(BIG)  # there, but outside the root
    before = tree_hash(tmp_path)
    status, output = run(root, command)
    assert status == 2, output
    for word in case.words:
        assert word in output, output
    assert case.where in output, output
    assert tree_hash(tmp_path) == before
