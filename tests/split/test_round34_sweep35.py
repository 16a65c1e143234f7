"""Round 34, sweep35: benchmarks/installed_god_files.py's lint of the files apply wrote.

ply's `yacc.py` has `if sys.version_info[0] < 3: string_types = basestring` (F821 in the
source); the block is copied into each module that reads `string_types` (an import-only
block), so the written files had the source's F821 twice, and the harness, counting by
code, called one of them new. A finding on a line the source has with the same code and
message is now "copied from the source"; a finding on any other line is still new.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchkit import load_benchmark

pytestmark = pytest.mark.slow  # runs ruff

BLOCK = ("import sys\n\nif sys.version_info[0] < 3:\n    string_types = basestring\n"
         "else:\n    string_types = str\n")
USE = "\n\ndef f(x):\n    return isinstance(x, string_types)\n"


def test_a_copied_source_finding_is_not_new_and_a_new_one_is(tmp_path: Path) -> None:
    harness = load_benchmark("installed_god_files")
    source = tmp_path / "site" / "big.py"
    source.parent.mkdir()
    source.write_text(BLOCK + USE)
    work = tmp_path / "work"
    (work / "big").mkdir(parents=True)
    before = harness.python_files(work)
    (work / "big" / "__init__.py").write_text(BLOCK + "\nfrom .f import f as f\n")
    (work / "big" / "f.py").write_text("import os\n" + BLOCK + USE)

    said = harness.findings(work, str(source), before)

    assert said.startswith("ruff F,E9: source 1, written 3"), said
    assert "copied from the source {'F821': 1}" in said, said
    assert "new {'F401': 1}" in said and "big/f.py:1:8: F401" in said, said
    assert "F821" not in said.split("new ")[1], said
