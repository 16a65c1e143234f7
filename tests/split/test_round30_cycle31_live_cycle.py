"""Round 30 (cycle31): a module-object import in a call-time cycle.

buku's `db` reads `network.MYHEADERS` (a global `network` rebinds at run time) through
the module object, `from buku import network as _network`, which godsplit put at the top
of `db` even in a cycle; `network` imports `FetchResult` from `db` at its end (a call-time
cycle). Importing `db` first ran all of `network` from `db`'s import block, and
`network`'s last import read `FetchResult` from the half-done `db`: an ImportError, so
`apply` rolled back a plan with no errors (GS406). In a cycle of call-time reads the
module object is now imported at the end too, where every module of the cycle is done
with its own names, whatever module is imported first.
"""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, run_python, same_behaviour

SOURCE = '''
HEADERS = None


def init_headers():
    global HEADERS
    HEADERS = {"agent": "x"}


def fetch(url):
    return Result(url)


class Result:
    def __init__(self, url):
        self.url = url


class Db:
    def get(self, url):
        if not HEADERS:
            init_headers()
        return fetch(url).url, HEADERS
'''

# names too: db imports `fetch` and the module object; network imports `Result`
WITH_NAMES = {"db": ["Result", "Db"], "network": ["HEADERS", "init_headers", "fetch"]}
# the module object alone: db reads only `network.HEADERS`, network only `Result`
LIVE_ONLY_SOURCE = SOURCE.replace("    return Result(url)", "    return Result(url)\n\n\n"
                                  "def make(url):\n    return Result(url)")
LIVE_ONLY = {"db": ["Result", "Db", "fetch"], "network": ["HEADERS", "init_headers", "make"]}

# every import order a user can trigger: the facade, then each new module first
ORDERS = [
    "import pkg.big as m\nprint(m.Db().get('u'))\n",
    "from pkg.big.db import Db\nprint(Db().get('u'))\n",
    "import pkg.big.network as n\nimport pkg.big.db as d\nprint(d.Db().get('u'))\n",
]


def _applies_in_every_order(tmp_path: Path, source: str, modules: dict[str, list[str]]) -> None:
    out = same_behaviour(tmp_path, source, modules, ORDERS[0], **{"verify-import": True})
    assert out == "('u', {'agent': 'x'})\n"
    for code in ORDERS[1:]:
        assert run_python(tmp_path / "after", code) == out


def test_module_object_import_with_names_in_a_call_time_cycle(tmp_path: Path) -> None:
    _applies_in_every_order(tmp_path, SOURCE, WITH_NAMES)


def test_module_object_import_alone_closes_the_cycle(tmp_path: Path) -> None:
    _applies_in_every_order(tmp_path, LIVE_ONLY_SOURCE, LIVE_ONLY)


def test_module_object_import_goes_last_in_the_cycle(tmp_path: Path) -> None:
    _, texts = plan_texts(make_project(tmp_path, SOURCE, WITH_NAMES))
    db = texts["pkg/big/db.py"]
    head, _, tail = db.partition("class Result")
    assert "import network" not in head
    assert "from . import network  # noqa: E402\n" in tail and "from .network import" in tail
