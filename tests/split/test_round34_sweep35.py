"""Round 34, sweep35: 55 more installed god files (benchmarks/installed_god_files.py).

PyGithub's `Repository.py` has `def mark_notifications_as_read(self, last_read_at=
datetime.now(timezone.utc))`: its signature differs between any two imports, so GS408 said
it changed after every split and suggest ended with "no mapping without plan errors was
found". The import before the split runs twice already; a signature that differs between
those two is not compared, and GS400 says so.

pika's `spec.py` rebinds `str = bytes` at the top; keep-module-name's code in the package
facade tested `isinstance(home, str)`, renamed nothing, and GS424 (a suggest dead end) said
the classes reported their new modules. The runtime code godsplit writes reads a builtin the
file rebinds through the builtins module.

benchmarks/installed_god_files.py's lint of the files apply wrote:

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
from splitkit import apply, make_project, same_behaviour

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


SHADOWED = """
    str = bytes


    class Access:
        def encode(self):
            return str(3)


    class Basic:
        pass


    def has(x):
        return isinstance(x, (Access, Basic))
"""
SHOW = """
    import pkg.big
    print(pkg.big.Access.__module__, pkg.big.Basic.__module__, pkg.big.Access().encode())
"""


def test_keep_module_name_renames_where_the_module_rebinds_a_builtin_it_reads(
        tmp_path: Path) -> None:
    modules = {"access": ["Access"], "basic": ["Basic", "has"]}
    out = same_behaviour(tmp_path, SHADOWED, modules, SHOW, **{"keep-module-name": True})
    assert out == "pkg.big pkg.big b'\\x00\\x00\\x00'\n"
    facade = (tmp_path / "after" / "pkg" / "big" / "__init__.py").read_text()
    assert '__import__("builtins").str' in facade


NOW = """
    import datetime


    class Repo:
        def mark(self, at=datetime.datetime.now()):
            return at


    def other():
        return 1
"""


def test_a_default_computed_at_import_is_not_compared_and_gs400_says_so(tmp_path: Path) -> None:
    result = apply(make_project(tmp_path, NOW, {"repo": ["Repo"], "rest": ["other"]}))
    assert result.written and not result.errors, result.errors
    said = [f.message for s in result.splits for f in s.findings if f.code == "GS400"]
    assert len(said) == 1 and "(the signature of 1 not compared: it differs between two " \
        "imports before the split, a default computed as the module loads: Repo.mark; its " \
        "type hints the same)" in said[0], said  # (round 35: its hints are compared)


def test_a_star_import_re_based_for_the_new_depth_is_copied_not_new(tmp_path: Path) -> None:
    # discord's guild.py: `from .channel import *` became `from ..channel import *` in the
    # package facade and in the new module that reads its names
    harness = load_benchmark("installed_god_files")
    source = tmp_path / "site" / "pkg" / "big.py"
    source.parent.mkdir(parents=True)
    source.write_text("from .channel import *\n\nX = Channel\n")
    work = tmp_path / "work"
    (work / "pkg" / "big").mkdir(parents=True)
    before = harness.python_files(work)
    (work / "pkg" / "big" / "__init__.py").write_text(
        "from ..channel import *  # noqa: F401\nfrom .x import X as X\n")
    (work / "pkg" / "big" / "x.py").write_text("from ..channel import *\n\nX = Channel\n")

    said = harness.findings(work, str(source), before)

    assert said == "ruff F,E9: source 2, written 3, copied from the source {'F403': 1}", said
    assert "new" not in said, said
