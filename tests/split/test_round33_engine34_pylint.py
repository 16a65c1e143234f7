"""Round 33 (engine34, README item 30 (b)): pylint's unused-import (W0611) in the files a
split writes, where the project configures pylint.

mongomock (round 32, mig33): the source's guarded `try: from pymongo import ...` blocks,
copied whole into the new modules that use a name of them, got `# noqa: F401` for flake8
and nothing for pylint: 5 new W0611 under the project's tox.ini. A facade that is no
package's `__init__.py` re-exports what it does not read itself: pylint reported each."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split import render
from godsplit.split.checker_config import Pylint
from godsplit.split.pylint_unused import MARKER, unused_imports

from splitkit import apply, make_project

SOURCE = '''
    """Big."""
    import json

    try:
        from bson import BSON, SON
        from bson.errors import InvalidDocument
    except ImportError:
        SON = BSON = None
        InvalidDocument = ValueError

    try:
        from pymongo.operations import IndexModel
    except ImportError:

        class IndexModel:
            """Stand-in."""

            def name(self):
                """Its name."""
                return "index"

            def keys(self):
                """Its keys."""
                return []


    try:
        from collections.abc import Collection, Container, Iterable, Mapping, Sequence
    except ImportError:
        Mapping = dict


    def encode(doc):
        """Encode."""
        return BSON(doc), json.dumps(doc), Mapping


    def check(doc):
        """Check."""
        if not isinstance(doc, SON):
            raise InvalidDocument(doc)
        return IndexModel, Collection, Container, Iterable, Sequence
'''

MAPPING = {"enc": ["encode"], "chk": ["check"]}
PYLINT = '[tool.pylint."messages control"]\ndisable = ["C0103"]\n'
TOOLS = '[tool.black]\nline-length = 100\n\n[tool.isort]\nprofile = "black"\nline_length = 100\n'
FLAKE8 = "[flake8]\nmax-line-length = 100\n"
LAYOUTS = [{}, {"package": "pkg/big_parts"}]


def _tool(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name(name)), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _split(root: Path, layout: dict[str, str], pyproject: str) -> list[Path]:
    config = make_project(root, SOURCE, MAPPING, files={"setup.cfg": FLAKE8}, **layout)
    (root / "pyproject.toml").write_text(pyproject)
    result = apply(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    return sorted(root.glob("pkg/**/*.py"))


@pytest.mark.parametrize("layout", LAYOUTS, ids=["package", "sibling"])
def test_the_written_files_are_clean_under_the_projects_pylint(
        tmp_path: Path, layout: dict[str, str]) -> None:
    files = _split(tmp_path, layout, PYLINT + TOOLS)
    pylint = _tool("pylint", "--rcfile", "pyproject.toml", "--disable=all",
                   "--enable=unused-import,useless-suppression", "pkg", cwd=tmp_path)
    assert pylint.returncode == 0, pylint.stdout  # no W0611, and no pragma it does not need
    texts = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in files}
    new = "pkg/big/chk.py" if not layout else "pkg/big_parts/chk.py"
    # BSON: chk reads SON only
    assert "try:\n    from bson import BSON, SON  # pylint: disable=unused-import\n" in texts[new]
    # a line the pragma makes too long for the formatter: in parentheses, the pragma after `(`
    # (and flake8's noqa after it: pyflakes reports the names the source read)
    assert ("    from collections.abc import (  # pylint: disable=unused-import  # noqa: F401\n"
            "        Collection,\n") in texts[new.replace("chk", "enc")]
    # flake8's side is as it was, and the project's formatters leave the files as they are
    flake8 = _tool("flake8", "pkg", cwd=tmp_path)
    assert flake8.returncode == 0, flake8.stdout
    for tool, args in (("black", ("--check", "pkg")), ("isort", ("--check-only", "pkg"))):
        checked = _tool(tool, *args, cwd=tmp_path)
        assert checked.returncode == 0, (tool, checked.stdout + checked.stderr)


def test_a_facade_that_is_no_package_init_says_its_imports_are_re_exports(
        tmp_path: Path) -> None:
    _split(tmp_path, {"package": "pkg/big_parts"}, PYLINT)
    facade = (tmp_path / "pkg/big.py").read_text()
    head = facade.split("\n\n")[1]
    assert head.startswith(MARKER) and head.endswith("# pylint: disable=unused-import")
    assert facade.count("unused-import") == 1


@pytest.mark.parametrize("pyproject", ["", '[tool.pylint.main]\ndisable = "unused-import"\n'],
                         ids=["no pylint", "W0611 off"])
def test_no_pragma_where_pylint_does_not_report_it(tmp_path: Path, pyproject: str) -> None:
    for path in _split(tmp_path, {"package": "pkg/big_parts"}, pyproject):
        assert "unused-import" not in path.read_text(), path


def _unused(text: str, init: bool = False, **config: object) -> list[int]:
    tree = ast.parse(text)
    found = unused_imports(tree, Pylint(Path("pylintrc"), **config), init)  # type: ignore[arg-type]
    return [node.lineno for node in found]


def test_pylints_rule() -> None:
    text = (
        "from __future__ import annotations\n"  # 1: never
        "import os as _os\n"  # 2: pylint's dummy-variables-rgx
        "import typing\n"  # 3: read in a string annotation
        "from json import dumps, loads\n"  # 4: dumps unused
        "if typing.TYPE_CHECKING:\n"
        "    from collections import deque\n"  # 6: never in TYPE_CHECKING
        "import xml.dom\n"  # 7: `xml` read
        "from os import path\n"  # 8: only in `__all__`
        "import sys\n"  # 9: only named in a docstring: unused
        "__all__ = ['path']\n"
        "def f(x: 'typing.Any'):\n"
        "    '''sys'''\n"
        "    return loads(x), xml\n")
    assert _unused(text) == [4, 9]
    assert _unused(text, init=True) == []  # an `__init__.py`: not reported by default
    assert _unused(text, init=True, init_import=True) == [4, 9]
    assert _unused(text, dummy_variables_rgx="^dummy") == [2, 4, 9]


def test_the_marker_is_the_facades() -> None:
    assert render.MARKER == MARKER
