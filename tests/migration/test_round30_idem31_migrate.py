"""Round 30 (idem31): `migrate` run twice changes nothing the second time.

On buku a second run rewrote `@mock.patch('buku.convert_bookmark_set')`: the first run
kept it (a decorator cannot patch both `buku.db`, which looks the name up, and
`buku.importers`, its home, where a test's `from buku import convert_bookmark_set`
inside a function now reads it), but once that read was migrated to the home it no
longer counted, so the second run patched `buku.db` only. A read of a name at its new
home now counts like a read through the old module.

A second run also replaced `import buku` (shadowed by `import buku.network` below it)
by every new module, `buku.network` again (flake8 F811): a new module the block already
imports is not imported twice.
"""

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
'''

TESTS = """\
from unittest import mock


def test_conv():
    from pkg.big import conv
    assert conv() == 1


@mock.patch('pkg.big.conv')
def test_export(m_conv):
    from pkg.big import export
    export()
"""


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.py"))}


def test_a_second_migrate_changes_no_byte(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"tests/test_use.py": TESTS}, **{"verify-import": False})
    assert apply(config).written
    migrate(config)
    first = _tree(tmp_path)
    used = first["tests/test_use.py"]
    assert "from pkg.big.io import conv" in used
    # looked up in pkg.big.db and read at home: both patched with the decorator's mock
    # (round 31; the decorator was left alone before)
    assert "@mock.patch('pkg.big.db.conv')" in used
    assert "    with mock.patch('pkg.big.io.conv', m_conv):\n" in used
    second = migrate(config)
    assert _tree(tmp_path) == first
    assert not any(u.fixable for u in second.uses)


HAND = """\
def test_fetch():
    import pkg.big
    import pkg.big.io

    pkg.big.io.conv()
"""


def test_an_import_of_a_new_module_already_there_is_not_written_again(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"tests/test_hand.py": HAND}, **{"verify-import": False})
    assert apply(config).written
    migrate(config)
    out = (tmp_path / "tests/test_hand.py").read_text()
    assert out.count("import pkg.big.io\n") == 1, out
    # (round 31) `import pkg.big` binds what `import pkg.big.io` does: dropped, and not
    # replaced by the other new module (`pkg.big.db`)
    assert "import pkg.big.db" not in out and "    import pkg.big\n" not in out
    first = _tree(tmp_path)
    migrate(config)
    assert _tree(tmp_path) == first


BELOW = """\
def fetch():
    import pkg.big

    value = pkg.big.conv()
    import pkg.big.io
    return value, pkg.big.io.conv()
"""


def test_an_import_of_the_new_module_below_the_use_is_not_relied_on(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"io": ["conv"], "db": ["export"]},
                          files={"app/hand.py": BELOW}, **{"verify-import": False})
    assert apply(config).written
    migrate(config)
    out = (tmp_path / "app/hand.py").read_text()
    assert out.index("import pkg.big.io") < out.index("pkg.big.io.conv()"), out
    assert run_python(tmp_path, "from app.hand import fetch; print(fetch())").strip() == "(1, 1)"
