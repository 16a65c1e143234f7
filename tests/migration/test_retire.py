"""`godsplit retire`: refused while the old path is used; then the facade goes.

Sibling layout: the old file is deleted; package layout: `__init__.py` keeps only its
docstring and its own code. The split's `[[split]]` table leaves the config. The new
modules are imported before and after, and a difference rolls everything back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.split.apply import apply_splits
from godsplit.types import Config, GodsplitError

from conftest import tree_hash
from splitkit import dedent, run_python

SOURCE = dedent('''
    """Tools for the app."""
    import os

    __version__ = "1.0"


    def helper():
        return os.sep


    def run():
        return helper()
''')
MAIN = '''

if __name__ == "__main__":
    print(run())
'''
USER = """
    from pkg.big import run


    def main():
        return run()
"""


def project(root: Path, source: str = SOURCE, layout: str = "sibling", verify: bool = False,
            extra: str = "", user: str = USER) -> Config:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "big.py").write_text(source)
    (root / "app.py").write_text(dedent(user))
    package = 'package = "pkg/parts"\n' if layout == "sibling" else ""
    (root / "godsplit.toml").write_text(
        f"verify-import = {str(verify).lower()}\n\n# keep this comment\n\n"
        f'# the split\n[[split]]\nsource = "pkg/big.py"\n{package}{extra}\n'
        '[split.modules]\ntools = ["helper"]\njobs = ["run"]\n')
    config = load_config(root / "godsplit.toml")
    assert apply_splits(config).written
    return config


def test_refused_while_the_old_path_is_used(tmp_path: Path) -> None:
    config = project(tmp_path)
    before = tree_hash(tmp_path)
    result = retire(config)
    assert result.refused and not result.written
    assert [(u.path.name, u.line, u.name) for s in result.splits for u in s.blocked] == [
        ("app.py", 1, "run")]
    assert tree_hash(tmp_path) == before
    cli = CliRunner().invoke(main, ["retire", "--config", str(config.path)])
    assert cli.exit_code == 1
    assert "app.py:1: pkg.big.run -> pkg.parts.jobs" in cli.output
    assert "retire: refused, nothing changed" in cli.output


def test_refused_while_code_in_a_string_reads_the_old_path(tmp_path: Path) -> None:
    """After migrating, a script held in a string (run by a subprocess in a test) still
    reads `pkg.big.run`: retiring would break it, so retire refuses and names its line."""
    user = USER + '''
    SCRIPT = b"""
    import pkg.big
    pkg.big.run()
    """
    '''
    config = project(tmp_path, user=user)
    migrate(config)
    before = tree_hash(tmp_path)
    result = retire(config)
    assert result.refused and not result.written
    assert [(u.path.name, u.line, u.name, u.kind) for s in result.splits for u in s.blocked] == [
        ("app.py", 9, "run", "string")]
    assert tree_hash(tmp_path) == before


def test_sibling_layout_deletes_the_old_file_and_its_config_table(tmp_path: Path) -> None:
    config = project(tmp_path)
    migrate(config)
    result = retire(config)
    assert result.written and not result.refused and result.splits[0].deleted
    assert not (tmp_path / "pkg" / "big.py").exists()
    assert (tmp_path / "godsplit.toml").read_text() == "verify-import = false\n\n# keep this comment\n"
    assert run_python(tmp_path, "import app; print(app.main())").strip() == "/"
    with pytest.raises(GodsplitError, match=r"no \[\[split\]\] tables"):
        retire(load_config(tmp_path / "godsplit.toml"))


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_package_layout_keeps_the_docstring_and_its_own_code(tmp_path: Path) -> None:
    config = project(tmp_path, SOURCE + MAIN, layout="package")
    migrate(config)
    assert retire(config).written
    assert (tmp_path / "pkg" / "big" / "__init__.py").read_text() == dedent('''
        """Tools for the app."""

        __version__ = "1.0"
    ''')  # the __main__ block went to __main__.py with the split (`python -m` runs it)
    assert "    print(run())\n" in (tmp_path / "pkg" / "big" / "__main__.py").read_text()
    assert run_python(tmp_path, "import app, pkg.big; print(app.main(), pkg.big.__version__)"
                      ).split() == ["/", "1.0"]


def test_sibling_layout_with_code_of_its_own_is_refused(tmp_path: Path) -> None:
    config = project(tmp_path, SOURCE + MAIN)
    migrate(config)
    result = retire(config)
    assert result.refused and not result.written
    assert "keeps code of its own (line" in result.splits[0].findings[0].message


def test_keep_module_name_is_refused(tmp_path: Path) -> None:
    config = project(tmp_path, extra="keep-module-name = true\n")
    migrate(config)
    result = retire(config)
    assert result.refused
    assert "keep-module-name" in result.splits[0].findings[0].message


@pytest.mark.slow
def test_an_import_that_breaks_after_retiring_rolls_back(tmp_path: Path) -> None:
    """A use migrate cannot see (a name built at run time) breaks a new module's import
    once the old file is gone: the import check catches it and nothing changes."""
    source = SOURCE.replace("import os\n", "import os\nimport pkg.loader\n")
    config = project(tmp_path, source, verify=True)
    (tmp_path / "pkg" / "loader.py").write_text(
        "import importlib\nOLD = importlib.import_module('pkg.' + 'big')\n")
    migrate(config)
    before = tree_hash(tmp_path)
    result = retire(config)
    assert result.rolled_back and not result.written
    assert any(f.code == "GS506" and "no longer imports" in f.message for f in result.findings)
    assert tree_hash(tmp_path) == before
