"""Round 28 (tune29a): does the file's own order, or its reads, say where maintainers cut?
Both `--modules K` candidates, file order and the maintainers' layout, read before
planning (src is not changed).

    .venv/bin/python benchmarks/suggest_sections28.py [CASE ...]

Default cases: fresh4's four losers at the round's start (poetry-env, pyglet-layout,
pytype-abstract, scipy-distributions; every case is tuning data from this round on).
For each grouping: F1 / ARI against the maintainers' (file order, here cut by whole
definitions into K runs of about equal lines, `suggest_loo.in_runs`; the candidates), the
Newman modularity of the reads (`choose.modularity`: 0 is what chance gives groups of
those sizes) and the groups on a cycle of reads (`choose.tangled`); `*` marks the
candidate `choose` takes.

What it showed (a78aa79 and tune29a's branch; log /work/scratch/tune29a/exp*.txt):

- poetry-env (K 11) and pyglet-layout (K 3): file order scores F1 0.81 and 0.79, but
  the reads rate it at chance (modularity 0.02 and -0.05): no signal in the reads says
  "follow the file's order". File order wins because the files are written one variant
  after another in a few large classes (pyglet: three classes hold 74% of the lines), so
  runs of equal length fall on them. The `pieces` candidate is the closer (0.67 / 0.62
  and 0.77 / 0.56), `choose` takes `greedy` (0.44 / 0.32 and 0.42 / -0.03) for fewer
  modules on a cycle of reads; poetry's maintainers' own layout has 3 modules on a cycle
  (one class per module, the subclasses reading their base), so "fewest cycles" misleads
  there, and neither candidate beats file order on both F1 and ARI anyway.
- pytype-abstract: classes derive from re-exported names (`X = imported.X`), which the
  graph took for a family root: every class pooled around one alias (fixed this round,
  `suggester/reexports.py`).
- scipy-distributions: 197 of its 274 names (the distribution classes and instances)
  stay in the old module (code reading the module's namespace, `globals()[name]`), so
  77 helpers are scored, most read only by kept code: nothing in the file places them.
"""

from __future__ import annotations

import argparse

import suggest_eval as ev
from suggest_loo import CAP, in_runs

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm
from godsplit.suggester.chance import beyond_chance

TARGETS = ["poetry-env", "pyglet-layout", "pytype-abstract", "scipy-distributions"]


def scored(g: gm.Graph, group: dict[int, int], theirs: dict[str, str]) -> str:
    """F1 / ARI against the maintainers' (over the names both place), modularity, cycles."""
    placed = {x: str(group[i]) for i, node in enumerate(g.nodes) for x in node.names}
    s = ev.score({n: placed[n] for n in theirs}, theirs)
    return (f"{s.f1:.2f} / {s.ari:.2f} (modularity {ch.modularity(g, group):.3f}, "
            f"{ch.tangled(g, group)} on cycles)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: fresh4's four losers)")
    args = parser.parse_args(argv)
    for case in ev.tuning_cases(args.cases or TARGETS):
        source = ev.project_dir(case) / case.path
        g = gm.build_graph(analyze(read_source(source)), ())
        truth = {n: m for m, names in case.modules.items() for n in names}
        names = sorted({x for node in g.nodes for x in node.names} & set(truth))
        theirs = {n: truth[n] for n in names}
        modules = sorted(set(theirs.values()))
        layout = {i: next((modules.index(theirs[x]) for x in node.names if x in theirs),
                          len(modules) + i) for i, node in enumerate(g.nodes)}

        made = ch.candidates(g, case.k, CAP)
        q = [ch.modularity(g, group) for _, group in made]
        pick = min((ch.tangled(g, made[i][1]), -q[i], i) for i in beyond_chance(q))[2]
        print(f"{case.id} (K {case.k}, {len(names)} names)")
        print(f"  file order     {scored(g, in_runs(g, case.k), theirs)}")
        for i, (name, group) in enumerate(made):
            print(f"  {name:<8}{'*' if i == pick else ' '}     {scored(g, group, theirs)}")
        print(f"  maintainers    modularity {ch.modularity(g, layout):.3f}, "
              f"{ch.tangled(g, layout)} on cycles", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
