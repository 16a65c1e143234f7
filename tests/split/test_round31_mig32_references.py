"""Round 31 (mig32): `apply --rewrite-references` decides a patch target by the rule
`migrate` follows since idem31 (one function, `split/patch_homes.py`): code that reads a
name at its new home when it runs reads the home's binding, so a patch that went only to
the module that looks the name up would not reach it. README item 28 (g): references.py
still patched the lookups only."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import apply_splits

from splitkit import make_project

SOURCE = '''
    """Big module."""


    def conv():
        return 1


    def export():
        return conv()
'''

TESTS = """\
from unittest import mock


def test_conv():
    from pkg.big.io import conv
    assert conv() == 1


@mock.patch('pkg.big.conv')
def test_export(m_conv):
    from pkg.big import export
    export()
"""


def test_a_read_at_the_home_keeps_the_patch_from_going_to_the_lookup_only(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"tests/test_use.py": TESTS}, **{"verify-import": False})
    result = apply_splits(config, rewrite_references=True)
    assert result.written
    assert (tmp_path / "tests/test_use.py").read_text() == TESTS  # no half patch written
    said = [f for s in result.splits for f in s.findings if f.code in ("GS210", "GS213")]
    assert [(f.code, f.line) for f in said] == [("GS210", 9)], [f.render() for f in said]
    assert "pkg.big.db, pkg.big.io" in said[0].message


def test_without_a_read_at_the_home_the_patch_goes_to_the_lookup(tmp_path: Path) -> None:
    tests = TESTS.replace("from pkg.big.io import conv", "from pkg.big import conv")
    config = make_project(tmp_path, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"tests/test_use.py": tests}, **{"verify-import": False})
    result = apply_splits(config, rewrite_references=True)
    assert result.written
    text = (tmp_path / "tests/test_use.py").read_text()
    assert "@mock.patch('pkg.big.conv')" in text  # read through the old module: it stays
