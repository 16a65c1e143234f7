"""Round 34 (engine35, README item 31 (b)): pylint's pragmas where the project runs pylint.

An import continued with a backslash gets its `# pylint: disable-next=unused-import` on a
line of its own (a comment after the backslash would be a syntax error): untested until
now. Here pylint, with useless-suppression on, finds neither the unused import nor a
useless pragma in the written files (the package facade's `useless-import-alias` and
`import-outside-toplevel` pragmas included), and flake8 nothing new."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_round33_engine34_pylint import FLAKE8, MAPPING, SOURCE, _tool

from splitkit import apply, make_project

# a plain `import a, b` has no parenthesized form, and an import below the first definition
# is copied as it is (not sorted): its backslash stays
CONTINUED = SOURCE.replace('    def check(doc):\n', '''    try:
        import zlib, \\
            bz2
    except ImportError:
        zlib = bz2 = None


    def check(doc):
''').replace("return BSON(doc),", "return zlib, BSON(doc),").replace(
    "return IndexModel,", "return bz2, IndexModel,")
PYLINT = ('[tool.pylint."messages control"]\ndisable = ["C0103"]\n'
          'enable = ["useless-suppression"]\n')


@pytest.mark.slow
def test_a_backslash_continued_import_gets_its_pragma_on_the_line_before(
        tmp_path: Path) -> None:
    assert CONTINUED != SOURCE
    config = make_project(tmp_path, CONTINUED, MAPPING, files={"setup.cfg": FLAKE8,
                                                               "pyproject.toml": PYLINT})
    before = _tool("flake8", "--format=%(code)s", "pkg", cwd=tmp_path).stdout.split()
    assert before == ["E401"]  # the source's own `import zlib, bz2`
    result = apply(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    enc = (tmp_path / "pkg/big/enc.py").read_text()
    assert ("try:\n    # pylint: disable-next=unused-import\n    import zlib, \\\n"
            "        bz2\n") in enc, enc
    # the package facade's pragmas (README item 31 (b): reported useless on mongomock's split
    # where pylint ran with `--disable=all`, which turns off what they suppress)
    facade = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "# pylint: disable=useless-import-alias\n" in facade
    assert "# pylint: disable-next=import-outside-toplevel\n" in facade
    # the project's own settings, useless-suppression on (an I message: pylint's exit status
    # does not show it, so its output is read)
    pylint = _tool("pylint", "--rcfile", "pyproject.toml", "pkg", cwd=tmp_path)
    assert pylint.stdout.count("rated at"), pylint.stdout + pylint.stderr  # it ran
    assert "W0611" not in pylint.stdout and "I0021" not in pylint.stdout, pylint.stdout
    flake8 = _tool("flake8", "--format=%(code)s", "pkg", cwd=tmp_path)
    assert set(flake8.stdout.split()) == {"E401"}, flake8.stdout  # (copied), none new
