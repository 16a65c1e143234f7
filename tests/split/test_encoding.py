"""Encodings and line endings survive a split: every file godsplit writes is encoded like
its source (PEP 263 cookie, UTF-8 BOM) and uses the source's line endings (LF, CRLF, CR;
a file with mixed endings gets its dominant one), compiles, and decodes to the same text.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import subprocess
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.files import decode_source
from godsplit.split.apply import apply_splits

from conftest import make_project

# Non-ASCII text in a comment, a docstring and string literals; latin-1 encodable.
TEMPLATE = '''\
"""Caf\u00e9 helpers: \u00bd price, \u00e0 la carte."""
import os

# Pr\u00e9f\u00e9rences \u2014 see below
GREETING = "h\u00e9llo"  # \u00e9


def greet(name):
    """Sa\u00fc\u00df."""
    return f"{GREETING}, {name} \u00bb"


class Menu:
    items = ["cr\u00eape", "g\u00e2teau"]

    def first(self):
        return self.items[0]


def path():
    return os.sep + "\u00e9t\u00e9"
'''
TEMPLATE_LATIN1 = TEMPLATE.replace("\u2014", "-")  # no em dash in latin-1


@dataclass(frozen=True)
class Variant:
    id: str
    head: str  # lines before the template (shebang, cookie)
    encoding: str  # what the bytes are encoded with
    bom: bool
    newline: str  # "\n", "\r\n", "\r", or "mixed" (CRLF, every third line LF)
    expected_newline: str  # what the output must use
    sibling: bool = False


VARIANTS = [
    Variant("utf8-lf", "", "utf-8", False, "\n", "\n"),
    Variant("latin1-cookie", "# -*- coding: latin-1 -*-\n", "latin-1", False, "\n", "\n"),
    Variant("latin1-cookie-after-shebang", "#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\n",
            "latin-1", False, "\n", "\n"),
    Variant("cp1252-cookie-crlf", "# coding: cp1252\n", "cp1252", False, "\r\n", "\r\n"),
    Variant("utf8-bom", "", "utf-8", True, "\n", "\n"),
    Variant("utf8-bom-crlf", "", "utf-8", True, "\r\n", "\r\n"),
    Variant("utf8-bom-cookie", "# -*- coding: utf-8 -*-\n", "utf-8", True, "\n", "\n"),
    Variant("crlf", "", "utf-8", False, "\r\n", "\r\n"),
    Variant("cr", "", "utf-8", False, "\r", "\r"),
    Variant("mixed-mostly-crlf", "", "utf-8", False, "mixed", "\r\n"),
    Variant("latin1-crlf-sibling", "# coding: latin-1\n", "latin-1", False, "\r\n", "\r\n",
            sibling=True),
    Variant("utf8-bom-sibling", "", "utf-8", True, "\n", "\n", sibling=True),
]


def source_bytes(variant: Variant) -> bytes:
    text = variant.head + (TEMPLATE if variant.encoding == "utf-8" else TEMPLATE_LATIN1)
    if variant.newline == "mixed":
        lines = text.split("\n")
        text = "".join(
            line + ("\n" if index % 3 == 2 else "\r\n") for index, line in enumerate(lines[:-1])
        ) + lines[-1]
    else:
        text = text.replace("\n", variant.newline)
    data = text.encode(variant.encoding)
    return codecs.BOM_UTF8 + data if variant.bom else data


CONFIG = """\
verify-import = true

[[split]]
source = "pkg/big.py"
{package}
[split.modules]
words = ["GREETING", "greet"]
menu = ["Menu"]
paths = ["path"]
"""

PROBE = """
import pkg.big as m
print(ascii((m.__doc__, m.GREETING, m.greet("x"), m.greet.__doc__, m.Menu().first(),
             m.Menu.items, m.path())))
"""


def probe(root: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return proc.stdout


def python_encoding(data: bytes) -> str:
    """The encoding Python itself reads these bytes with."""
    return tokenize.detect_encoding(io.BytesIO(data).readline)[0]


def line_endings(data: bytes) -> set[str]:
    crlf = data.count(b"\r\n")
    found = set()
    if crlf:
        found.add("\r\n")
    if data.count(b"\n") > crlf:
        found.add("\n")
    if data.count(b"\r") > crlf:
        found.add("\r")
    return found


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_split_keeps_encoding_and_line_endings(variant: Variant, tmp_path: Path) -> None:
    source = source_bytes(variant)
    compile(source, "big.py", "exec")  # the input is valid Python
    package = 'package = "pkg/parts"' if variant.sibling else ""
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": source},
                        CONFIG.format(package=package))
    before = probe(root)
    original = decode_source(source, Path("big.py"))
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written and not result.errors, [f.render() for f in result.errors]
    plan = result.splits[0].plan
    written = [c for c in plan.changes if c.data is not None]
    assert {c.path.name for c in written} >= {"words.py", "menu.py", "paths.py"}
    source_encoding = python_encoding(source)
    for change in written:
        data = change.path.read_bytes()
        assert data == change.data
        name = change.path.relative_to(root).as_posix()
        compile(data, name, "exec")
        assert data.startswith(codecs.BOM_UTF8) == variant.bom, name
        text = decode_source(data, change.path)
        if change.path.name != "__init__.py" or not variant.sibling:
            # every module with moved code (and the facade) is read by Python as the source
            # is; a sibling package's new __init__.py is ASCII, its docstring only
            assert python_encoding(data) == source_encoding, name
            assert text.encoding == original.encoding, name
        assert line_endings(data) == {variant.expected_newline}, (name, line_endings(data))
        assert text.newline == variant.expected_newline
    # the moved code is byte for byte the source's (same encoding, same line endings)
    out = b"".join(change.path.read_bytes() for change in written)
    blocks = re.findall(r"^(?:GREETING|def |class ).*?(?=\n\n\n|\n?\Z)", original.text,
                        re.S | re.M)
    assert len(blocks) == 4
    for block in blocks:
        chunk = block.replace("\n", variant.expected_newline).encode(original.encoding)
        assert chunk in out, chunk
    # and it does the same
    assert probe(root) == before


def test_mixed_line_endings_become_the_dominant_one(tmp_path: Path) -> None:
    """Mixed endings are normalised to the file's dominant ending (Python reads them all the
    same, string literals included), so each output file has one kind."""
    lines = ["def alpha():", "    return 1", "", "", "def beta():", "    return 2", ""]
    source = ("\n".join(lines[:3]) + "\r\n" + "\r\n".join(lines[3:])).encode()
    assert line_endings(source) == {"\n", "\r\n"}
    root = make_project(tmp_path, {"big.py": source}, (
        'verify-import = false\n[[split]]\nsource = "big.py"\n'
        '[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n'
    ))
    dominant = decode_source(source, Path("big.py")).newline
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written
    for change in result.splits[0].plan.changes:
        if change.data is not None:
            assert line_endings(change.path.read_bytes()) == {dominant}


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "iso8859-15", "utf-8"])
def test_non_ascii_names_round_trip(encoding: str, tmp_path: Path) -> None:
    """Identifiers outside ASCII move and are re-exported in the source's encoding."""
    text = (f"# coding: {encoding}\n\n\ndef caf\u00e9():\n    return '\u00e9'\n\n\n"
            "def na\u00efve():\n    return caf\u00e9()\n")
    root = make_project(tmp_path, {"big.py": text.encode(encoding)}, (
        'verify-import = true\n[[split]]\nsource = "big.py"\n'
        '[split.modules]\none = ["caf\u00e9"]\ntwo = ["na\u00efve"]\n'
    ))
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written and not result.errors, [f.render() for f in result.errors]
    facade = (root / "big" / "__init__.py").read_bytes()
    assert "from big.one import caf\u00e9\n".encode(encoding) in facade  # listed in `__all__`
    assert python_encoding((root / "big" / "two.py").read_bytes()) == python_encoding(
        text.encode(encoding))
