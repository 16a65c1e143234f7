"""Round 23 (smalls23): a taken target is a config error at the config line that names it.

README item 19(l): "target already exists with other content" named the file only. The
user fixes it in `godsplit.toml` (rename the module or move the file away), so the error
points at the line that names the module, says which file is taken, exits 2 and writes
nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from conftest import make_project, tree_hash

BIG = '''\
def alpha():
    return 1


def beta():
    return alpha()


def gamma():
    return 3
'''

# lines:       1                    2  3            4                    5
CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n'
          # 6  7                  8                  9
          '\n[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n')


def _run(root: Path, command: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command, "--config", str(root / "godsplit.toml")])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(("taken", "where", "words"), [
    ("big/one.py", "godsplit.toml:8:", ("module 'one'", "big/one.py")),
    ("big/two.py", "godsplit.toml:9:", ("module 'two'", "big/two.py")),
    ("big/rest.py", "godsplit.toml:5:", ("module 'rest'", "big/rest.py")),  # the `default` key
    ("big/__init__.py", "godsplit.toml:3:", ("facade", "big/__init__.py")),
])
@pytest.mark.parametrize("command", ["plan", "apply"])
def test_a_taken_target_names_the_config_line_of_its_module(
    tmp_path: Path, taken: str, where: str, words: tuple[str, ...], command: str,
) -> None:
    root = make_project(tmp_path / "p", {"big.py": BIG, taken: "x = 1\n"}, CONFIG)
    before = tree_hash(root)
    status, output = _run(root, command)
    assert status == 2, output
    assert len(output.strip().splitlines()) == 1, output
    assert where in output and "already exists with other content" in output, output
    for word in words:
        assert word in output, output
    assert tree_hash(root) == before


def test_a_taken_main_module_names_the_split_and_what_goes_there(tmp_path: Path) -> None:
    main_block = BIG + '\n\nif __name__ == "__main__":\n    print(alpha())\n'
    root = make_project(tmp_path / "p", {"big.py": main_block, "big/__main__.py": "x = 1\n"},
                        CONFIG)
    before = tree_hash(root)
    status, output = _run(root, "apply")
    assert status == 2, output
    assert "godsplit.toml:3:" in output and "`__main__` block to big/__main__.py" in output
    assert tree_hash(root) == before


def test_a_package_directory_with_other_files_names_the_split(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"big.py": BIG, "big/other.py": "x = 1\n"}, CONFIG)
    before = tree_hash(root)
    status, output = _run(root, "apply")
    assert status == 2, output
    assert "godsplit.toml:3:" in output and "big already exists" in output, output
    assert "other.py" in output
    assert tree_hash(root) == before
