"""Line counting for `godsplit check`: physical lines from bytes, code lines by the scanner.

The scanner is checked against a reference built on `tokenize` (the definition of a code
line) on crafted cases and on a sample of the standard library.
"""

from __future__ import annotations

import io
import sysconfig
import tokenize
from pathlib import Path

import pytest

from godsplit.sizegate.counting import (
    count_code,
    count_code_files,
    count_code_text,
    count_physical,
    decode,
    read_bytes,
)

_NOT_CODE = {
    tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
    tokenize.ENCODING, tokenize.ENDMARKER,
}


def _docstring_token(token: tokenize.TokenInfo) -> bool:
    if token.type != tokenize.STRING:
        return False
    prefix = token.string[: min(i for i in (token.string.find('"'), token.string.find("'"))
                                if i >= 0)].lower()
    return "f" not in prefix and "b" not in prefix


def reference_code_lines(data: bytes) -> int:
    """Lines carrying a token other than comments/newlines/indents, outside docstrings."""
    lines: set[int] = set()
    expect_docstring = True
    logical: list[tokenize.TokenInfo] = []

    def finish(tokens: list[tokenize.TokenInfo], expect: bool) -> bool:
        significant = [t for t in tokens if t.type not in _NOT_CODE]
        if not significant:
            return expect
        body, header = significant, False
        first = significant[0].string
        if first in ("def", "class") or (first == "async" and significant[1].string == "def"):
            depth = 0
            for index, token in enumerate(significant):
                if token.type == tokenize.OP and token.string in "([{":
                    depth += 1
                elif token.type == tokenize.OP and token.string in ")]}":
                    depth -= 1
                elif token.type == tokenize.OP and token.string == ":" and depth == 0:
                    body, header = significant[index + 1:], True
                    break
            expect = header
        docstring = expect and bool(body) and all(_docstring_token(t) for t in body)
        skip = {id(t) for t in body} if docstring else set()
        for token in significant:
            if id(token) not in skip:
                lines.update(range(token.start[0], token.end[0] + 1))
        return header and not body

    for token in tokenize.tokenize(io.BytesIO(data).readline):
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            expect_docstring = finish([*logical, token], expect_docstring)
            logical = []
        elif token.type not in _NOT_CODE:
            logical.append(token)
    return len(lines)


PHYSICAL = [
    pytest.param(b"", 0, id="empty"),
    pytest.param(b"\n", 1, id="one-empty-line"),
    pytest.param(b"x = 1\n", 1, id="one-line"),
    pytest.param(b"x = 1", 1, id="no-final-newline"),
    pytest.param(b"a\nb\nc", 3, id="last-line-without-newline"),
    pytest.param(b"a\r\nb\r\n", 2, id="crlf"),
    pytest.param(b"a\r\nb", 2, id="crlf-no-final-newline"),
    pytest.param(b"a\rb\r", 2, id="lone-cr"),
    pytest.param(b"a\r\nb\nc\rd", 4, id="mixed-endings"),
    pytest.param(b"\n\n\n", 3, id="blank-lines"),
    pytest.param("é = 'ü'\n".encode(), 1, id="utf8"),
]


@pytest.mark.parametrize(("data", "expected"), PHYSICAL)
def test_physical(data: bytes, expected: int) -> None:
    assert count_physical(data) == expected


CODE = [
    pytest.param("", 0, id="empty"),
    pytest.param("\n\n   \n\t\n", 0, id="only-blank"),
    pytest.param("# a comment\n    # indented comment\n", 0, id="only-comments"),
    pytest.param("x = 1  # trailing comment\n", 1, id="code-with-comment"),
    pytest.param("x = 1", 1, id="no-final-newline"),
    pytest.param("x = 1\r\n\r\n# c\r\ny = 2\r\n", 2, id="crlf"),
    pytest.param("x = 1\r\r# c\ry = 2", 2, id="lone-cr"),
    pytest.param('"""Module docstring.\n\nMore.\n"""\nx = 1\n', 1, id="module-docstring"),
    pytest.param("#!/usr/bin/env python\n# comment\n'''Doc.'''\nx = 1\n", 1,
                 id="module-docstring-after-comments"),
    pytest.param('from __future__ import annotations\n"""Not a docstring."""\n', 2,
                 id="string-after-import-is-code"),
    pytest.param('def f():\n    """Doc\n    string."""\n    return 1\n', 2, id="function-docstring"),
    pytest.param('async def f():\n    """Doc."""\n    return 1\n', 2, id="async-docstring"),
    pytest.param('class A:\n    """Doc.\n\n    More.\n    """\n\n    x = 1\n', 2,
                 id="class-docstring"),
    pytest.param('class A(B,\n        C):\n    r"""Doc."""\n', 2, id="multiline-header"),
    pytest.param('def f(\n    a: int = 1,\n) -> "R":  # c\n    # c\n    """Doc."""\n', 3,
                 id="annotated-header-comment-before-docstring"),
    pytest.param('def f(): """Doc\nmore."""\n', 1, id="one-line-def-docstring"),
    pytest.param('def f():\n    return 1\n"""Not a docstring."""\n', 3, id="string-statement-late"),
    pytest.param('if x:\n    """Not a docstring."""\n', 2, id="string-under-if"),
    pytest.param('def f():\n    f"""Not {a} docstring."""\n', 2, id="fstring-not-docstring"),
    pytest.param('def f():\n    b"""Not\n    docstring."""\n', 3, id="bytes-not-docstring"),
    pytest.param('def f():\n    """Doc.""".strip()\n', 2, id="docstring-expression"),
    pytest.param('def f():\n    "Doc" \'more\'\n    x = 1\n', 2, id="concatenated-docstring"),
    pytest.param('def f():\n    """Doc."""; x = 1\n', 2, id="docstring-then-statement"),
    pytest.param('def f(): return lambda: """not\na docstring"""\n', 2, id="lambda-string"),
    pytest.param('d = {\n    "a":\n        "b"\n}\n', 4, id="dict-colon-then-string"),
    pytest.param('x: "int"\n', 1, id="string-annotation"),
    pytest.param('x = """\n\n# not a comment\n"""\n', 4, id="multiline-string-is-code"),
    pytest.param("x = (1,\n     2,\n\n     3)\n", 3, id="continuation-lines"),
    pytest.param("x = 1 + \\\n    2\n", 2, id="backslash-continuation"),
    pytest.param("x = [1,\n\\\n2]\n", 2, id="backslash-only-line"),
    pytest.param("s = 'a # not a comment'\n# '''\ny = 1\n", 2, id="quotes-in-comment"),
    pytest.param("s = \"'''\"\nt = 1\n", 2, id="triple-in-single"),
    pytest.param("s = 'it\\'s'\nt = '''a\\'''b'''\n", 2, id="escaped-quotes"),
    pytest.param("s = 'a\\\nb'\n", 2, id="single-quoted-continued"),
    pytest.param('class A: pass\n"""Not doc."""\n', 2, id="one-line-class"),
    pytest.param('def f[T](x: T) -> T:\n    """Doc."""\n    return x\n', 2, id="type-params"),
    pytest.param("\ufeff'''Doc.'''\nx = 1\n", 1, id="bom"),
    pytest.param("x = '''unterminated\n\n", 2, id="unterminated-triple"),
]


@pytest.mark.parametrize(("source", "expected"), CODE)
def test_code(source: str, expected: int) -> None:
    assert count_code_text(source) == expected
    data = source.encode("utf-8")
    assert count_code(data) == expected
    assert expected <= count_physical(data)


@pytest.mark.parametrize(("source", "expected"), [
    p for p in CODE if p.id not in ("unterminated-triple", "type-params", "lone-cr")
])
def test_code_matches_tokenize_reference(source: str, expected: int) -> None:
    assert reference_code_lines(source.encode("utf-8")) == expected


def _stdlib_sample(count: int) -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in root.glob("*.py") if p.is_file())
    step = max(1, len(files) // count)
    sample = files[::step][:count]
    return sample + [p for p in (root / "typing.py",) if p.is_file() and p not in sample]


@pytest.mark.parametrize("path", _stdlib_sample(25), ids=lambda p: p.name)
def test_code_matches_tokenize_on_stdlib(path: Path) -> None:
    data = path.read_bytes()
    try:
        expected = reference_code_lines(data)
    except (tokenize.TokenError, SyntaxError):
        pytest.skip("not tokenizable")
    assert count_code(data) == expected
    assert count_code(data) <= count_physical(data)


@pytest.mark.parametrize(("data", "text"), [
    pytest.param(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "# -*- coding: latin-1 -*-\nx = 'é'\n",
                 id="latin-1-cookie"),
    pytest.param(b"\xef\xbb\xbfx = 1\n", "x = 1\n", id="bom"),
    pytest.param(b"# coding: no-such-codec\nx = 1\n", "# coding: no-such-codec\nx = 1\n",
                 id="unknown-codec-falls-back"),
    pytest.param(b"x = '\xff'\n", "x = '\ufffd'\n", id="undecodable-replaced"),
])
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_read_bytes_and_parallel_counting(tmp_path: Path) -> None:
    files = []
    for index in range(4):
        path = tmp_path / f"m{index}.py"
        path.write_text('"""Doc."""\n' + "x = 1\n# c\n\n" * (index + 1))
        files.append((str(path), path.stat().st_size))
    assert read_bytes(files[0][0]) == Path(files[0][0]).read_bytes()
    serial = count_code_files(files, jobs=1)
    assert serial == [1, 2, 3, 4]
    assert count_code_files(files, jobs=2) == serial


@pytest.mark.slow
def test_code_matches_tokenize_on_generated_programs() -> None:
    """hypothesmith's random valid programs: the scanner agrees with the tokenize reference."""
    hypothesis = pytest.importorskip("hypothesis")
    hypothesmith = pytest.importorskip("hypothesmith")

    @hypothesis.settings(max_examples=25, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(hypothesmith.from_node() | hypothesmith.from_grammar())
    def agree(source: str) -> None:
        # tokenize reads lines split at "\n" only, while Python also ends lines at a lone
        # "\r": the reference is not the definition there
        hypothesis.assume("\r" not in source)
        try:
            expected = reference_code_lines(source.encode("utf-8"))
        except (tokenize.TokenError, SyntaxError, UnicodeError):
            hypothesis.reject()
        assert count_code_text(source) == expected

    agree()
