"""Round 34 (engine35, README item 31): one walker of the statements a module runs at module
level (`module_statements.module_level`) for pylint's unused imports, mypy's implicit
re-exports and pyflakes' module-level imports, which had three with different blocks
entered (pyflakes' entered `match` and `try/except*`, the other two did not)."""

from __future__ import annotations

import ast
import sys

import pytest

from godsplit.split.module_statements import module_level

TEXT = """\
import a
if X:
    import b
else:
    import c
try:
    import d
except ImportError:
    import e
else:
    import f
finally:
    import g
for i in x:
    import h
while y:
    import i
with z:
    import j
match w:
    case 1:
        import k
    case _:
        import l


def fn():
    import m


class C:
    import n
"""


def _names(nodes: list[ast.stmt]) -> list[str]:
    return [n.names[0].name for n in nodes if isinstance(n, ast.Import)]


def test_every_block_in_source_order_never_a_def_or_class() -> None:
    body = ast.parse(TEXT).body
    assert _names(list(module_level(body))) == list("abcdefghijkl")
    # a statement comes before those of its blocks
    kinds = [type(n).__name__ for n in module_level(body)][:5]
    assert kinds == ["Import", "If", "Import", "Import", "Try"]


def test_a_filter_says_which_blocks_are_entered() -> None:
    body = ast.parse("if TYPE_CHECKING:\n    import a\nelse:\n    import b\nimport c\n").body
    skip_body = list(module_level(body, lambda node, field: field != "body"))
    assert _names(skip_body) == ["b", "c"]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="try/except* is Python 3.11's")
def test_try_star() -> None:
    body = ast.parse("try:\n    import a\nexcept* ValueError:\n    import b\n").body
    assert _names(list(module_level(body))) == ["a", "b"]


def test_deep_nesting_needs_no_recursion() -> None:
    depth = 90  # (Python's parser stops at 100 nested blocks)
    text = "".join("    " * i + "if x:\n" for i in range(depth)) + "    " * depth + "import a\n"
    body = ast.parse(text).body
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(60)
    try:
        found = _names(list(module_level(body)))
    finally:
        sys.setrecursionlimit(limit)
    assert found == ["a"]
