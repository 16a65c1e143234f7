"""Round 35 (tune35b): with `--modules K`, the runs of private helpers that several modules
share make one module of their own (`suggester/helper_runs.py`, called from `choose`):
pandapower's `create.py` ends with 17 helpers its maintainers moved whole to `_utils`;
suggest had given each to the module calling it most."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.helper_runs import common, pool_runs, runs
from godsplit.suggester.place import groups_of


def _graph(tmp_path: Path, source: str) -> Graph:
    path = tmp_path / "create.py"
    path.write_text(source)
    return build_graph(analyze(read_source(path)), ())


def _fn(name: str, calls: tuple[str, ...] = ()) -> str:
    body = "".join(f"    v{i} = {c}(x)\n" for i, c in enumerate(calls)) or "    v0 = x\n"
    pad = "".join(f"    w{i} = x * {i + 2}\n" for i in range(4))
    return f"def {name}(x):\n    '''{name}.'''\n{body}{pad}    return x\n\n\n"


HELPERS = ("_check", "_not_nan", "_set_entries", "_set_many", "_add_geo")


def _file(shared: bool) -> str:
    """Three families of public makers; each calls helpers: `shared`, every family calls
    every helper; else each family calls its own two or three."""
    out = ""
    for i, family in enumerate(("bus", "line", "trafo")):
        calls = HELPERS if shared else HELPERS[2 * i:2 * i + 2] or HELPERS[-1:]
        out += _fn(f"create_{family}", calls) + _fn(f"create_{family}s", (f"create_{family}",))
    return (out + "".join(_fn(h) for h in HELPERS)).rstrip() + "\n"


def _labels(g: Graph, members: list[int]) -> set[str]:
    return {g.nodes[n].label for n in members}


def test_a_run_of_helpers_every_module_calls_becomes_one_module(tmp_path: Path) -> None:
    g = _graph(tmp_path, _file(shared=True))
    (run,) = runs(g)
    assert _labels(g, run) == set(HELPERS)
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    # before: each family a group, each helper with a family that calls it (`to_helpers`)
    group = {n: i // 2 for i, n in enumerate(sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line))
             if i < 6}
    for j, h in enumerate(HELPERS):
        group[node[h]] = j % 3
    assert common(g, group, run)
    assert pool_runs(g, group, 3, 10_000)
    parts = [_labels(g, m) for m in groups_of(group).values()]
    assert set(HELPERS) in parts and len(parts) == 3  # the helpers alone; two families merged
    assert not pool_runs(g, group, 3, 10_000)  # a fixed point


def test_each_familys_own_helpers_stay_with_it(tmp_path: Path) -> None:
    g = _graph(tmp_path, _file(shared=False))
    (run,) = runs(g)
    node = {g.nodes[n].label: n for n in range(len(g.nodes))}
    group = {n: 0 for n in range(len(g.nodes))}
    for i, family in enumerate(("bus", "line", "trafo")):
        group[node[f"create_{family}"]] = group[node[f"create_{family}s"]] = i
    for i, pair in enumerate((HELPERS[:2], HELPERS[2:4], HELPERS[4:])):
        for h in pair:
            group[node[h]] = i
    before = dict(group)
    assert not common(g, group, run)
    assert not pool_runs(g, group, 3, 10_000) and group == before


def test_four_helpers_are_no_run(tmp_path: Path) -> None:
    g = _graph(tmp_path, _fn("create_bus", HELPERS[:4]) + "".join(_fn(h) for h in HELPERS[:4]))
    assert runs(g) == []
