"""Round 31 (engine32): "a module dunder assignment", spelled three times.

`migration/by_name._dunder` (libcst, now gone: retire calls the shared one) and the plain/annotated part of
`split/classify._facade_assignment` (libcst) are one predicate, now
`classify.assigns_dunders`; `_facade_assignment` adds `__all__ += ...` and
`__all__.extend(...)`, which stay in the facade too. `split/noqa._dunder_assignment` (`ast`)
asks another question, what pycodestyle's E402 lets come before imports (one target, a
name of at least five characters), so it stays apart: the table shows where they differ."""

from __future__ import annotations

import libcst as cst
import pytest

from godsplit.migration import by_name
from godsplit.split.classify import _facade_assignment, assigns_dunders
from godsplit.split.noqa import ends_import_block

# statement -> (assigns_dunders, _facade_assignment, allowed before imports by E402)
CASES = {
    '__version__ = "1.0"': (True, True, True),
    "__all__: list[str] = []": (True, True, True),
    "__all__ += ['x']": (False, True, False),
    "__all__.extend(['x'])": (False, True, False),
    "__a__ = __b__ = 1": (True, True, False),
    "__ = 1": (True, True, False),
    "___ = 1": (True, True, False),
    "__all__ = x = []": (False, False, False),
    "VERSION = '1'": (False, False, False),
    "__all__[0] = 'x'": (False, False, False),
    "obj.__doc__ = 'x'": (False, False, False),
    "__all__: list[str]": (True, True, True),
    "print(__name__)": (False, False, False),
    "x.__all__.extend([])": (False, False, False),
}


def _small(code: str) -> cst.BaseSmallStatement:
    stmt = cst.parse_module(code + "\n").body[0]
    assert isinstance(stmt, cst.SimpleStatementLine)
    return stmt.body[0]


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_three_spellings(code: str) -> None:
    assigns, facade, e402 = CASES[code]
    small = _small(code)
    assert assigns_dunders(small) is assigns
    assert _facade_assignment(small) is facade
    assert (not ends_import_block(code + "\n")) is e402


def test_no_statement_is_no_dunder() -> None:
    assert not assigns_dunders(None)


def test_retire_uses_the_shared_predicate() -> None:
    """`by_name` had its own copy (`_dunder`); it calls `assigns_dunders` now."""
    assert by_name.assigns_dunders is assigns_dunders
    assert not hasattr(by_name, "_dunder")
