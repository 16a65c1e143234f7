"""Round 33 (trial34): `retire` after `migrate` on pydantic-settings 2.3.4's `sources.py`.

Its `tests/test_sources.py` holds the old module's name in a variable, `MODULE =
'pydantic_settings.sources'`, and patches through it: `mocker.patch(f'{MODULE}.Path.cwd',
...)`. migrate called the string a logger name or a route (GS505) and left it alone; retire
emptied `sources/__init__.py` and said the import check saw the same names, and six tests
failed (`module 'pydantic_settings.sources' has no attribute 'Path'`). A string held in a
name that the file reads as the start of a dotted path is a use to edit by hand: migrate
lists it, `migrate --check` fails on it and retire refuses while it is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.migration.retire import retire
from godsplit.types import Config

from splitkit import apply, make_project

SOURCE = '''
    """Big module."""

    from pathlib import Path


    def here():
        return Path.cwd()


    def export():
        return here()
'''

MODULES = {"io": ["here"], "db": ["export"]}


def _project(root: Path, test: str) -> Config:
    config = make_project(root, SOURCE, MODULES, files={"tests/test_big.py": test})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\n'
        'io = ["here"]\ndb = ["export"]\n')
    assert apply(config).written
    return config


PREFIXES = {
    "fstring": "mock.patch(f'{MODULE}.Path.cwd', return_value=1)",
    "plus": "mock.patch(MODULE + '.Path.cwd', return_value=1)",
    "percent": "mock.patch('%s.Path.cwd' % MODULE, return_value=1)",
}


@pytest.mark.parametrize("spelling", sorted(PREFIXES))
def test_retire_refuses_while_a_name_holds_the_old_module_as_a_path_prefix(
        tmp_path: Path, spelling: str) -> None:
    test = ("from unittest import mock\n\nMODULE = 'pkg.big'\n\n\n"
            f"def test_here():\n    with {PREFIXES[spelling]}:\n        pass\n")
    config = _project(tmp_path, test)
    before = (tmp_path / "pkg/big/__init__.py").read_text()
    result = retire(config)
    assert not result.written
    blocked = [u for s in result.splits for u in s.blocked]
    assert [(u.path.name, u.line, u.fixable) for u in blocked] == [("test_big.py", 3, False)]
    assert "MODULE" in blocked[0].detail and "dotted path" in blocked[0].detail
    assert (tmp_path / "pkg/big/__init__.py").read_text() == before


def test_a_logger_name_in_a_variable_blocks_nothing(tmp_path: Path) -> None:
    test = ("import logging\n\nMODULE = 'pkg.big'\nlog = logging.getLogger(MODULE)\n"
            "child = logging.getLogger(f'{MODULE}-child')\n")
    config = _project(tmp_path, test)
    result = retire(config)
    assert result.written and not [u for s in result.splits for u in s.blocked]
