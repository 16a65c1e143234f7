"""Round 31 (mig32): after a hand edit, `migrate` replaced buku's redundant `import buku`
(beside the `import buku.network` the edit added, which binds the same name) with the
other seven new modules, as if it were imported for its side effects. It is dropped now;
an `import old` with nothing beside it that binds its name still imports every new
module (what importing the old module did)."""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.core import migrate

from splitkit import apply, make_project, run_python

SOURCE = '''
    """Big module."""


    def conv():
        return 1


    def export():
        return conv()


    def fetch():
        return 3
'''

MODULES = {"io": ["conv"], "db": ["export"], "network": ["fetch"]}

HAND = """\
import pkg.big
import pkg.big.network


def test_fetch():
    assert pkg.big.network.fetch() == 3
"""

ALONE = """\
import pkg.big


def test_nothing():
    pass
"""


def test_a_redundant_import_of_the_old_module_is_dropped(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, MODULES, files={
        "tests/test_hand.py": HAND, "tests/test_alone.py": ALONE}, **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    assert (tmp_path / "tests/test_hand.py").read_text() == HAND.replace("import pkg.big\n", "")
    alone = (tmp_path / "tests/test_alone.py").read_text()
    assert "import pkg.big.db\nimport pkg.big.io\nimport pkg.big.network\n" in alone, alone
    assert not [u for u in result.uses if not u.fixable]
    out = run_python(tmp_path, "import sys; sys.path.insert(0, 'tests'); import test_hand; "
                     "test_hand.test_fetch(); print('ok')")
    assert out == "ok\n"
    first = (tmp_path / "tests/test_hand.py").read_text()
    migrate(config)
    assert (tmp_path / "tests/test_hand.py").read_text() == first
