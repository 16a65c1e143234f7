"""Round 34 (trial35): `TYPE_CHECKING` imported once in a module ordered for mypy.

paho-mqtt's `client.py` imports `from typing import TYPE_CHECKING, Any, ...` above a
`try: from typing import Literal / except ImportError: ...` block. Split by hand, the
modules whose last imports godsplit writes under `if TYPE_CHECKING:` (mypy's order of an
import cycle) got the source's typing import, which binds `TYPE_CHECKING`, and a second
`from typing import TYPE_CHECKING` below the `try` block (where no sorter merges the two):
ruff's F811 "redefinition of unused `TYPE_CHECKING`" in two generated modules. The second
import is written only where the module does not import the name already."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

SOURCE = '''
    from typing import TYPE_CHECKING, Any

    try:
        from typing import Literal
    except ImportError:
        from typing_extensions import Literal  # type: ignore

    if TYPE_CHECKING:
        from collections import OrderedDict

    HEADERS: Any = None
    DEFAULT_URL = "".join(["u"])
    MODE: Literal["a", "b"] = "a"


    def init_headers() -> None:
        global HEADERS
        HEADERS = {"agent": "x"}


    def make(url: str = DEFAULT_URL) -> "Result":
        return Result(url)


    class Result:
        def __init__(self, url: str, extra: "OrderedDict[str, int] | None" = None) -> None:
            self.url = url


    class Db:
        def get(self, url: str) -> tuple[str, Any]:
            return Result(url).url, HEADERS
'''
MODULES = {"zeta": ["Result", "Db", "DEFAULT_URL", "MODE"], "alpha": ["HEADERS", "init_headers", "make"]}
MYPY = {"pyproject.toml": "[tool.mypy]\nstrict = true\n"}


def _bindings(text: str, name: str) -> int:
    """How many imports at the module's top level bind `name`."""
    return sum(1 for node in ast.parse(text).body if isinstance(node, ast.ImportFrom)
               for alias in node.names if (alias.asname or alias.name) == name)


# the source without its own TYPE_CHECKING import: the module ordered for mypy still gets one
WITHOUT = SOURCE.replace("from typing import TYPE_CHECKING, Any", "from typing import Any").replace(
    "    if TYPE_CHECKING:\n        from collections import OrderedDict\n", "").replace(
    '"OrderedDict[str, int] | None"', '"dict[str, int] | None"')


@pytest.mark.parametrize("source", [SOURCE, WITHOUT], ids=["source-imports-it", "source-does-not"])
def test_type_checking_is_imported_once(tmp_path: Path, source: str) -> None:
    plan, texts = plan_texts(make_project(tmp_path, source, MODULES, files=MYPY))
    assert not plan.errors, [f.render() for f in plan.errors]
    zeta = texts["pkg/big/zeta.py"]
    assert "if TYPE_CHECKING:  # mypy: no import-time cycle here\n" in zeta, zeta
    assert _bindings(zeta, "TYPE_CHECKING") == 1, zeta


def test_the_split_runs_as_before(tmp_path: Path) -> None:
    for where in ("before", "after"):
        (tmp_path / where).mkdir()
        (tmp_path / where / "pyproject.toml").write_text(MYPY["pyproject.toml"])
    out = same_behaviour(tmp_path, SOURCE, MODULES, """
        import pkg.big as m
        m.init_headers()
        print(m.Db().get("v"), m.make().url, m.MODE)
    """)
    assert out == "('v', {'agent': 'x'}) u a\n"
