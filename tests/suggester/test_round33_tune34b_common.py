"""Round 33 (tune34b): with `--modules K`, a run of constants is counted by the names it
binds (holidays' `MON, TUE, ... = range(7)` is seven constants), and a block read from more
than half of the modules is a module of its own however small (holidays' `constants`)
(`suggester/common.py`, called from `constants`)."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.choose import choose
from godsplit.suggester.common import everyones
from godsplit.suggester.constants import blocks
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.place import groups_of

DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
COUNTRIES = ["Aruba", "Brazil", "Chile", "Denmark", "Estonia", "France"]


def _graph(tmp_path: Path, source: str) -> Graph:
    path = tmp_path / "holidays.py"
    path.write_text(source)
    return build_graph(analyze(read_source(path)), ())


def _country(name: str, days: list[str]) -> str:
    body = "".join(f"    def rule_{i}(self, year):\n        '''Rule {i}.'''\n"
                   f"        x = year + {i}\n        y = x * 2\n"
                   f"        return self.base(y) + {days[i % len(days)]}\n\n"
                   for i in range(6))
    return f"class {name}(Holidays):\n    '''{name}.'''\n\n{body}\n"


def _holidays() -> str:
    """Two statements binding eight constants, a base, six countries reading two days each."""
    return (
        f"{', '.join(DAYS)} = range(7)\nWEEKEND = (SAT, SUN)\n\n\n"
        "class Holidays:\n    '''A base.'''\n\n    def base(self, y):\n        return y\n\n\n"
        + "".join(_country(c, [DAYS[i], "WEEKEND"])
                  for i, c in enumerate(COUNTRIES))
    ).rstrip() + "\n"


def test_a_tuple_unpacked_run_counts_each_name(tmp_path: Path) -> None:
    source = "A, B, C = range(3)\nD, E = 4, 5\n\n\nlow, high = 1, 2\nX_1 = 1\nX_2 = 2\n"
    g = _graph(tmp_path, source)
    # main: two statements in a row are no block (RUN counted statements)
    assert [sorted(n for i in block for n in g.nodes[i].names) for block in blocks(g)] == [
        ["A", "B", "C", "D", "E"]]


def test_a_small_block_most_modules_read_is_a_module_of_its_own(tmp_path: Path) -> None:
    g = _graph(tmp_path, _holidays())
    made = [sorted(n for i in members for n in g.nodes[i].names)
            for members in groups_of(choose(g, 4, 10_000)).values()]
    # main: the days and WEEKEND were pooled with the base and three countries
    assert sorted([*DAYS, "WEEKEND"]) in made and len(made) == 4


def test_everyones_is_more_than_half_and_three() -> None:
    assert everyones({1, 2, 3}, 5) and not everyones({1, 2, 3}, 6)
    assert not everyones({1, 2}, 3)  # two readers: the size gate decides, as before
