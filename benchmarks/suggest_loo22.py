"""Round 22 (losers22): one definition of a thin base for the graph and for naming,
judged by leave-one-out on the tuning half only (as `suggest_loo.py`; the other halves
are never read).

    .venv/bin/python benchmarks/suggest_loo22.py [CASE ...]

Why: `graph.Weights.thin` (round 21: a first base of at most 20 lines, 5 times shorter
than its class, bonds as a mixin does; tuned by `suggest_loo21.py`) and naming's thin
shared base (a tenth of its largest subclass's lines or less, no bound on its lines)
said the same thing with two thresholds. `graph.thin_base(base, class)` is the graph's;
this script scores the graph built with each candidate definition
(`lines`: the base's most lines, `ratio`: how many times longer its class is), the
naming side's own among them (`lines None ratio 10`).

Result (round 22, scored before planning as `suggest_loo.py` scores): today (`lines 20
ratio 5`) 0.687 / ARI 0.454, 17 of 18 beat file order. Every setting with ratio 10 (any
bound on lines, none included) and `lines 30` or `40` with ratio 5 group all 18 cases
exactly as today; only `lines None ratio 5` differs, and is worse (0.672 / 0.440:
astroid-scoped 0.60 / 0.10, werkzeug-datastructures 0.53 / 0.45). Leave-one-out keeps
today in every fold (ties go to today). So the tuning half gives no evidence for moving
the graph's definition. Naming cannot take the graph's either: with it, werkzeug-routing's
`RoutingException` family (an 8-line base under the 70-line `BuildError`) is named
`build_error` instead of `routing_exceptions`. The two tests stay apart, each saying why.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace

import suggest_eval as ev
from suggest_loo import CAP, Figures, Grouping, loo

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm

NO_BOUND = 10**9
SETTINGS: dict[str, gm.Weights] = {"today": gm.WEIGHTS} | {
    f"lines {'None' if lines == NO_BOUND else lines} ratio {ratio}": replace(
        gm.WEIGHTS, thin=lines, thin_ratio=ratio)
    for lines, ratio in ((NO_BOUND, 10.0), (40, 10.0), (30, 10.0), (20, 10.0), (40, 5.0),
                         (30, 5.0), (NO_BOUND, 5.0))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="tuning case ids (default: the whole tuning half)")
    args = parser.parse_args(argv)
    cases = [c for c in map(ev.load_case, sorted(ev.CASES.glob("*.toml")))
             if c.half == "tuning" and (not args.cases or c.id in args.cases)]
    table: dict[str, dict[str, Figures]] = {}
    baseline: dict[str, Figures] = {}
    for case in cases:
        source = ev.project_dir(case) / case.path
        analysis = analyze(read_source(source))
        truth = {n: m for m, names in case.modules.items() for n in names}
        score: Callable[[gm.Graph, Grouping], Figures] | None = None
        for label, weights in SETTINGS.items():
            g = gm.build_graph(analysis, (), weights)
            if score is None:
                first = {name: node.line for node in g.nodes for name in node.names}
                names = sorted(set(first) & set(truth))
                theirs = {n: truth[n] for n in names}
                total = source.read_text(errors="replace").count("\n") + 1
                fo = ev.score(ev.file_order({n: first[n] for n in names}, total, case.k), theirs)
                baseline[case.id] = fo.f1, fo.ari

                def score(g: gm.Graph, grouping: Grouping, names: list[str] = names,
                          theirs: dict[str, str] = theirs) -> Figures:
                    placed = {name: str(grouping[i]) for i, node in enumerate(g.nodes)
                              for name in node.names}
                    s = ev.score({n: placed[n] for n in names}, theirs)
                    return s.f1, s.ari
            table.setdefault(label, {})[case.id] = score(g, ch.choose(g, case.k, CAP))
        print(f"{case.id}: done", flush=True)
    ids = [c.id for c in cases]
    n = len(ids) or 1

    def beats(figures: dict[str, Figures]) -> int:
        return sum(f > baseline[c][0] and a > baseline[c][1] for c, (f, a) in figures.items())

    def mean(figures: dict[str, Figures], i: int) -> float:
        return sum(x[i] for x in figures.values()) / n

    out = {c: figures for c, (_, figures) in loo(table, ids).items()}
    for label, figures in table.items():
        print(f"in-sample {label}: F1 {mean(figures, 0):.3f} / ARI {mean(figures, 1):.3f}, "
              f"{beats(figures)} of {len(ids)} beat file order; changed: "
              + (", ".join(f"{c} {figures[c][0]:.2f} / {figures[c][1]:.2f}" for c in ids
                           if figures[c] != table["today"][c]) or "none"))
    print(f"leave-one-out: F1 {mean(out, 0):.3f} / ARI {mean(out, 1):.3f}, {beats(out)} "
          f"beat file order; chosen: "
          + ", ".join(f"{c} {s}" for c, (s, _) in loo(table, ids).items() if s != "today"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
