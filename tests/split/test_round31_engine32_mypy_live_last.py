"""Round 31 (engine32): mypy's order for a module object imported last (`live_last`).

cycle31 (round 30) imports a module object read only at call time in a cycle at the end of
the module (`from . import alpha`, for `alpha.HEADERS`, a global rebound at run time).
`mypy_order.needs_order` looked only at `deferred` edges: where the module imported last
reads at its top a variable whose type mypy infers (`def make(url=DEFAULT_URL)`), the last
import of the module object stayed a plain module-level import, a tie in mypy's order of
the cycle, while the same cycle closed by names was written under `if TYPE_CHECKING:` so
mypy checks the module defining the variable first. It is now, for both."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

SOURCE = '''
    from typing import Any

    HEADERS: Any = None
    DEFAULT_URL = "".join(["u"])


    def init_headers() -> None:
        global HEADERS
        HEADERS = {"agent": "x"}


    def make(url: str = DEFAULT_URL) -> "Result":
        return Result(url)


    class Result:
        def __init__(self, url: str) -> None:
            self.url = url


    class Db:
        def get(self, url: str) -> tuple[str, Any]:
            return Result(url).url, HEADERS
'''
MODULES = {"zeta": ["Result", "Db", "DEFAULT_URL"], "alpha": ["HEADERS", "init_headers", "make"]}
MYPY = {"pyproject.toml": "[tool.mypy]\nstrict = true\n"}
ORDERED = ("if TYPE_CHECKING:  # mypy: no import-time cycle here\n"
           "    from . import alpha\nelse:\n    from . import alpha\n")


def test_a_module_object_imported_last_is_ordered_for_mypy(tmp_path: Path) -> None:
    plan, texts = plan_texts(make_project(tmp_path, SOURCE, MODULES, files=MYPY))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert ORDERED in texts["pkg/big/zeta.py"], texts["pkg/big/zeta.py"]
    assert "from typing import TYPE_CHECKING, Any\n" in texts["pkg/big/zeta.py"]


def test_without_mypy_the_import_stays_plain(tmp_path: Path) -> None:
    _, texts = plan_texts(make_project(tmp_path, SOURCE, MODULES))
    assert "TYPE_CHECKING" not in texts["pkg/big/zeta.py"]
    assert "from . import alpha  # noqa: E402\n" in texts["pkg/big/zeta.py"]


def test_the_ordered_split_runs_as_before(tmp_path: Path) -> None:
    for where in ("before", "after"):
        (tmp_path / where).mkdir()
        (tmp_path / where / "pyproject.toml").write_text(MYPY["pyproject.toml"])
    out = same_behaviour(tmp_path, SOURCE, MODULES, """
        import pkg.big as m
        m.init_headers()
        print(m.Db().get("v"), m.make().url)
    """)
    assert out == "('v', {'agent': 'x'}) u\n"
