"""Round 35 (engine36): the mark on a facade's kept star import, as the project's linters
need it.

pyflakes (flake8) reports a star import nothing reads as F401 ("'os.path.*' imported but
unused"); ruff never does (F403 only). The facade's kept `from os.path import *` got `#
noqa: F401` whatever the project ran, so a project linting with ruff and RUF100 (discord.py's
`guild.py` facade) got "unused noqa directive" there. Under ruff alone the import has no
mark; under flake8 it has F401, and RUF100 beside it where ruff checks the file too and
reports unused noqa codes (as `noqa.reexport_codes` writes a re-export's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check, write_texts

SOURCE = '''
    from os.path import *


    def joined(a: str) -> str:
        return join(a, "x")


    def based(a: str) -> str:
        return basename(a)
'''
RUFF = '[tool.ruff.lint]\nselect = ["F", "RUF100"]\n'
FLAKE8 = "[flake8]\nselect = F\n"
CASES = {
    "ruff": ({"pyproject.toml": RUFF}, "from os.path import *\n"),
    "flake8": ({"setup.cfg": FLAKE8}, "from os.path import *  # noqa: F401\n"),
    "both": ({"pyproject.toml": RUFF, "setup.cfg": FLAKE8},
             "from os.path import *  # noqa: F401, RUF100\n"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_kept_star_import_has_the_mark_the_linters_need(tmp_path: Path, case: str) -> None:
    files, line = CASES[case]
    plan, texts = plan_texts(make_project(tmp_path, SOURCE, {"paths": ["joined", "based"]},
                                          files=files))
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert line in facade, facade
    (tmp_path / "pkg" / "big.py").unlink()
    write_texts(tmp_path, texts)
    if "pyproject.toml" in files:  # F403 is the source's own (copied); nothing else
        found = ruff_check(tmp_path, "pkg/big").stdout
        assert "RUF100" not in found and "F401" not in found, found
    if "setup.cfg" in files:
        flake8 = Path(sys.executable).with_name("flake8")
        found = subprocess.run([str(flake8), "pkg/big/__init__.py"], cwd=tmp_path,
                               capture_output=True, text=True, timeout=60).stdout
        assert "F401" not in found, found
