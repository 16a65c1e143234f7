"""Round 21 (losers21): a thin shared base, for `suggest --modules K`, judged by
leave-one-out on the tuning half only (as `suggest_loo.py`; the other halves are never
read).

    .venv/bin/python benchmarks/suggest_loo21.py [--settings] [CASE ...]

Why: pytest's `python.py` (tuning) became `python` and `fixtures`; `FixtureRequest`
(fixtures) and `Metafunc` (python) share a 9-line base, `FuncargnamesCompatAttr`, whose
first-base bond (3.0, plus the import-time read of the base) pulls the two large classes
together. `thin`: a first base of at most `lines` lines whose subclass is at least
`ratio` times longer bonds to it with `weight` instead of the first-base weight (and,
with `reads`, the subclass's import-time read of it is dropped as well).

Result (round 21, at c6cee1d, scored before planning as `suggest_loo.py` scores): today
0.682 / ARI 0.446, 16 of 18 beat file order; best in-sample `lines 20 ratio 5.0 weight
1.0 reads False` (and `lines 40`, either ratio) 0.687 / 0.454, 17 of 18; leave-one-out
0.686 / 0.452, 17 of 18 (17 folds pick `lines 20 ratio 5.0 weight 1.0`, werkzeug-
datastructures' fold `lines 10`): pytest-python 0.40 / 0.08 -> 0.48 / 0.20 (file order
0.45 / 0.14), werkzeug-datastructures 0.53 / 0.44 -> 0.55 / 0.46, no case lower. Dropping
the bond (`weight 0`) or the read as well (`reads True`) is worse. Shipped in
`graph.Weights.thin` (20 lines, ratio 5, the mixin weight); after that commit this
script's `today` is the shipped rule.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable

import suggest_eval as ev
from suggest_loo import CAP, Figures, Grouping, loo

from godsplit.files import read_source
from godsplit.split.analyze import Analysis, analyze
from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm

Setting = tuple[int, float, float, bool]  # lines, ratio, weight, reads
SETTINGS: list[Setting] = [
    (lines, ratio, weight, reads) for lines, ratio, weight, reads in itertools.product(
        (10, 20, 40), (5.0, 10.0), (0.0, 1.0), (False, True))]


def thin_graph(analysis: Analysis, setting: Setting | None) -> gm.Graph:
    """The suggest graph, with thin first bases bonding by `setting` (None: today)."""
    g = gm.build_graph(analysis, ())
    if setting is None:
        return g
    lines, ratio, weight, drop = setting
    weights = dict(g.weights)
    nodes = g.nodes
    for index, node in enumerate(nodes):
        base = node.bases[0] if node.bases else None
        if base is None or nodes[base].label.endswith("Mixin"):
            continue
        if nodes[base].lines > lines or node.lines < ratio * nodes[base].lines:
            continue
        key = (index, base) if index < base else (base, index)
        cut = gm.WEIGHTS.base - weight
        if drop and (index, base) in g.reads:
            fan = len([r for r in g.readers.get(base, ()) if r >= 0]) ** gm.WEIGHTS.fan
            cut += g.reads[index, base] / fan
        weights[key] = max(0.0, weights.get(key, 0.0) - cut)
    return gm.Graph(g.nodes, {k: v for k, v in weights.items() if v > 1e-9}, g.reads,
                    g.readers, g.early, g.surface, g.composes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="tuning case ids (default: the whole tuning half)")
    parser.add_argument("--settings", action="store_true",
                        help="also print every setting's in-sample figures")
    args = parser.parse_args(argv)
    cases = [c for c in map(ev.load_case, sorted(ev.CASES.glob("*.toml")))
             if c.half == "tuning" and (not args.cases or c.id in args.cases)]
    table: dict[str, dict[str, Figures]] = {}
    baseline: dict[str, Figures] = {}
    variants: dict[str, Setting | None] = {"today": None}
    variants.update({f"lines {s[0]} ratio {s[1]} weight {s[2]} reads {s[3]}": s
                     for s in SETTINGS})
    for case in cases:
        source = ev.project_dir(case) / case.path
        analysis = analyze(read_source(source))
        truth = {n: m for m, names in case.modules.items() for n in names}
        score: Callable[[gm.Graph, Grouping], Figures] | None = None
        for label, setting in variants.items():
            g = thin_graph(analysis, setting)
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

    today = table["today"]
    print(f"\ntoday: F1 {mean(today, 0):.3f} / ARI {mean(today, 1):.3f}, beats file order "
          f"on {beats(today)} of {len(ids)}")
    top = max(table, key=lambda s: (mean(table[s], 0), -list(table).index(s)))
    picked = loo(table, ids)
    out = {c: figures for c, (_, figures) in picked.items()}
    strict = {c: figures for c, (_, figures) in loo(table, ids, baseline).items()}
    print(f"thin: best in-sample {top!r}: F1 {mean(table[top], 0):.3f} / ARI "
          f"{mean(table[top], 1):.3f}, {beats(table[top])} beat file order; "
          f"leave-one-out: F1 {mean(out, 0):.3f} / ARI {mean(out, 1):.3f}, "
          f"{beats(out)} beat file order; choosing by cases beaten first: F1 "
          f"{mean(strict, 0):.3f} / ARI {mean(strict, 1):.3f}, {beats(strict)}")
    for variant in table if args.settings else ():
        print(f"  in-sample {variant!r}: F1 {mean(table[variant], 0):.3f} / ARI "
              f"{mean(table[variant], 1):.3f}, {beats(table[variant])}")
    for case_id in ids:
        chosen, (f1, ari) = picked[case_id]
        print(f"  {case_id:<25} today {today[case_id][0]:.2f} / {today[case_id][1]:.2f}  "
              f"LOO {f1:.2f} / {ari:.2f}  file order {baseline[case_id][0]:.2f} / "
              f"{baseline[case_id][1]:.2f}  ({chosen})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
