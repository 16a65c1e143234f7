"""Learn the pair affinity of `godsplit suggest` from the maintainers' groupings (round 12).

    .venv/bin/python benchmarks/suggest_learn.py [--lopo] [--c C] [--transform T] [--dense]
        [--signed [--mean] [--offset X]] [--no-hand] [--print] [--final]

For every pair of definitions (graph nodes) of a tuning case that the graph joins by an
edge (`--dense`: every pair), 28 features from the signals the graph already uses (reads
either way and of which strength, the hand weights' fan-discounted reads, a provider read
by the other only, first base, mixin, same in-file family, the words' tf-idf cosine, a
shared prefix or suffix, neighbours in the file within or across a section banner, the
distance in definitions and in lines, kinds, sizes, shared readers and providers, both
public, and the hand-set affinity itself unless `--no-hand`) and a label: together in the
maintainers' grouping. A logistic regression (plain Python, L2 with inverse strength
`--c`, Newton's method; each case weighs the same) is fitted, and `suggest --modules K`
runs with the model's output as the graph's edge weights (`--transform`: the probability,
the odds, the hand weights scaled by it, ...). `--signed` makes the first grouping by the
summed log-odds of the pairs (correlation clustering, greedy, to exactly K; `--offset`
subtracted from each) instead of the modularity merging; the rest of `suggest` is as is.

`--lopo` scores leave-one-project-out: each tuning project's cases (astroid, pip, pylint,
werkzeug) with a model fitted on the other tuning projects only. Without it, the model
is fitted on the whole tuning half and scored on it; `--final` then also scores the
held-out half. The held-out half is never fitted on. Round 12's result (README, "Tried
in round 12"): no setting is as good as the hand weights under leave-one-project-out
(best mean F1 0.659 with 10 of 14 beating file order, against 0.659 and 11 of 14), so
nothing learned ships; this script is the record.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import suggest_eval as ev

import godsplit.suggester.core as core
from godsplit.files import read_source
from godsplit.split.analyze import Analysis, analyze
from godsplit.suggester.graph import WEIGHTS, Graph, build_graph

Pair = tuple[int, int]

FEATURES = (
    "call",
    "import_time",
    "annotation",
    "both_ways",
    "fan_reads",
    "sole_reader",
    "base",
    "mixin",
    "family",
    "words",
    "prefix",
    "suffix",
    "near",
    "across",
    "rank_log",
    "line_gap",
    "same_section",
    "both_class",
    "both_function",
    "both_value",
    "class_value",
    "function_value",
    "small_log",
    "large_log",
    "co_readers",
    "co_providers",
    "both_public",
    "hand",
)


def features(g: Graph, dense: bool = False) -> dict[Pair, list[float]]:
    """Pair (a < b) -> its features, for the pairs the graph joins by an edge (`dense`:
    every pair)."""
    nodes = g.nodes
    order = sorted(range(len(nodes)), key=lambda n: nodes[n].line)
    rank = {n: i for i, n in enumerate(order)}
    total = max(n.line + n.lines for n in nodes) or 1
    fan = {p: max(1, len([r for r in rs if r >= 0])) ** WEIGHTS.fan for p, rs in g.readers.items()}
    readers = {p: {r for r in rs if r >= 0} for p, rs in g.readers.items()}
    providers: dict[int, set[int]] = defaultdict(set)
    for r, p in g.reads:
        providers[r].add(p)
    words = _words_only(g)
    out: dict[Pair, list[float]] = {}
    pairs = itertools.combinations(range(len(nodes)), 2) if dense else list(g.weights)
    for a, b in pairs:
        na, nb = nodes[a], nodes[b]
        ab, ba = g.reads.get((a, b), 0.0), g.reads.get((b, a), 0.0)
        strengths = {ab, ba}
        kinds = {na.kind, nb.kind}
        d = abs(rank[a] - rank[b])
        same = na.section == nb.section
        fam = g.families
        ra, rb = readers.get(a, set()), readers.get(b, set())
        pa, pb = providers.get(a, set()), providers.get(b, set())
        out[a, b] = [
            float(WEIGHTS.call in strengths),
            float(WEIGHTS.import_time in strengths),
            float(WEIGHTS.annotation in strengths and max(strengths) == WEIGHTS.annotation),
            float(ab > 0 and ba > 0),
            ab / fan.get(b, 1.0) + ba / fan.get(a, 1.0),
            float(ra == {b} or rb == {a}),
            float(na.bases[:1] == (b,) or nb.bases[:1] == (a,)),
            float(b in na.bases[1:] or a in nb.bases[1:]),
            float(a in fam and b in fam and fam[a] == fam[b]),
            words.get((a, b), 0.0),
            float(any(x.startswith("^") for x in na.grams & nb.grams)),
            float(any(x.endswith("$") for x in na.grams & nb.grams)),
            (1.0 / d if d <= WEIGHTS.window else 0.0) if same else 0.0,
            (1.0 / d if d <= WEIGHTS.window else 0.0) if not same else 0.0,
            math.log(1 + d),
            abs(na.line - nb.line) / total,
            float(same),
            float(kinds == {"class"}),
            float(kinds == {"function"}),
            float(kinds == {"value"}),
            float(kinds == {"class", "value"}),
            float(kinds == {"function", "value"}),
            math.log(1 + min(na.lines, nb.lines)) / 5,
            math.log(1 + max(na.lines, nb.lines)) / 5,
            _jaccard(ra, rb),
            _jaccard(pa, pb),
            float(na.public and nb.public),
            g.weights.get((a, b), 0.0) if HAND else 0.0,  # the hand-set affinity
        ]
    return out


def _jaccard(x: set[int], y: set[int]) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


def _words_only(g: Graph) -> dict[Pair, float]:
    """The graph's tf-idf cosine of the names' words alone (its words term, weight 1)."""
    import godsplit.suggester.graph as graph

    none = graph.Weights(call=0, import_time=0, annotation=0, base=0, mixin=0, words=1.0, near=0, across=0)
    return graph._weights(g.nodes, {}, {}, none)


def labels(g: Graph, case: ev.Case) -> dict[int, str]:
    """Node -> the maintainers' module for its label (nodes they do not place: absent)."""
    theirs = {n: m for m, names in case.modules.items() for n in names}
    out = {}
    for i, node in enumerate(g.nodes):
        placed = [theirs[x] for x in node.names if x in theirs]
        if placed:
            out[i] = theirs.get(node.label, placed[0])
    return out


def graph_of(case: ev.Case) -> Graph:
    root = ev.project_dir(case)
    return build_graph(analyze(read_source(root / case.path)), ())


Row = tuple[list[float], float, float]  # features, label, weight


PRIOR = 0.5  # the base rate of "together" in the fitted pairs (set by main)
DENSE = False  # fit and weigh every pair, not only the graph's edges


def rows(case: ev.Case) -> list[Row]:
    g = graph_of(case)
    placed = labels(g, case)
    found = [
        (f, float(placed[a] == placed[b]))
        for (a, b), f in features(g, DENSE).items()
        if a in placed and b in placed
    ]
    return [(f, y, 1.0 / len(found)) for f, y in found]


def fit(data: list[Row], c: float) -> list[float]:
    """L2-regularised logistic regression by Newton's method: [intercept, *coefficients]."""
    dim = len(FEATURES) + 1
    beta = [0.0] * dim
    xs = [[1.0, *f] for f, _, _ in data]
    for _ in range(30):
        grad = [0.0] * dim
        hess = [[0.0] * dim for _ in range(dim)]
        for x, (_, y, w) in zip(xs, data, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(dim):
                grad[i] += w * (p - y) * x[i]
                if x[i]:
                    s = w * p * (1 - p) * x[i]
                    for j in range(dim):
                        hess[i][j] += s * x[j]
        for i in range(1, dim):
            grad[i] += beta[i] / c
            hess[i][i] += 1 / c
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            m[col][col] = 1e-12
        for r in range(n):
            if r != col and m[r][col]:
                factor = m[r][col] / m[col][col]
                m[r] = [x - factor * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def logit(beta: list[float], f: list[float]) -> float:
    return beta[0] + sum(b * v for b, v in zip(beta[1:], f, strict=True))


TRANSFORMS: dict[str, Callable[[float, float], float]] = {
    "p": lambda z, old: 1 / (1 + math.exp(-z)),
    "odds": lambda z, old: math.exp(min(z, 30.0)),
    "relu": lambda z, old: max(0.0, z + 3.0),
    "blend": lambda z, old: old * (0.5 + 1 / (1 + math.exp(-z))),
    "scale": lambda z, old: old * 2 / (1 + math.exp(-z)),
    "lift": lambda z, old: max(0.0, 1 / (1 + math.exp(-z)) - PRIOR),
    "pos": lambda z, old: max(0.0, z),
}


OFFSET = 0.0  # subtracted from every log-odds before the signed grouping
SIGNED = False  # the first grouping by the sum of log-odds, not by modularity
HAND = True  # the hand-set affinity (tuned on the tuning half) as a feature
MEAN = False  # the signed grouping by the mean log-odds of the pairs, not their sum
LOGITS: dict[int, dict[Pair, float]] = {}  # id(graph) -> its pairs' log-odds


def signed(
    g: Graph, nodes: list[int], k: int, cap: int, resolution: float = 1.0, force: bool = True
) -> list[list[int]]:
    """Greedy merging of the two groups whose pairs have the highest sum of log-odds (every
    pair of the two groups counted; pairs with no edge at the model's value for them)."""
    z = {p: v - OFFSET for p, v in LOGITS[id(g)].items()}
    groups = {n: [n] for n in nodes}
    cross = {(a, b): z.get((a, b), 0.0) for a, b in itertools.combinations(sorted(nodes), 2)}
    while len(groups) > k:
        a, b = max(
            sorted(cross), key=lambda p: cross[p] / (len(groups[p[0]]) * len(groups[p[1]]) if MEAN else 1)
        )
        groups[a] += groups.pop(b)
        for c in groups:
            if c == a:
                continue
            key_a, key_b = (min(a, c), max(a, c)), (min(b, c), max(b, c))
            cross[key_a] = cross.get(key_a, 0.0) + cross.pop(key_b, 0.0)
        cross = {p: v for p, v in cross.items() if b not in p}
    return sorted(sorted(m) for m in groups.values())


@contextmanager
def learned(beta: list[float], transform: str) -> Iterator[None]:
    """`suggest` with the model's output as the graph's edge weights."""
    how = TRANSFORMS[transform]

    def patched(analysis: Analysis, decorators: tuple[str, ...]) -> Graph:
        g = build_graph(analysis, decorators)
        z = {k: logit(beta, f) for k, f in features(g, DENSE).items()}
        weights = {k: how(v, g.weights.get(k, 0.0)) for k, v in z.items()}
        weights = {k: w for k, w in weights.items() if w > 0}
        out = Graph(g.nodes, weights, g.reads, g.readers, g.early, g.surface, g.composes)
        LOGITS[id(out)] = z
        return out

    with ExitStack() as stack:  # the names `suggest` calls, in its own module
        stack.enter_context(mock.patch.object(core, "build_graph", patched))
        if SIGNED:
            stack.enter_context(mock.patch.object(core, "agglomerate", signed))
        yield


def report(results: list[ev.Result], title: str) -> None:
    beats = sum(r.suggest.f1 > r.baseline.f1 and r.suggest.ari > r.baseline.ari for r in results)
    mean = sum(r.suggest.f1 for r in results) / max(len(results), 1)
    print(f"{title}: mean F1 {mean:.3f}, {beats} of {len(results)} beat file order")
    for r in results:
        print(
            f"  {r.case.id}: F1 {r.suggest.f1:.2f} ARI {r.suggest.ari:.2f} "
            f"(file order {r.baseline.f1:.2f} / {r.baseline.ari:.2f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lopo", action="store_true")
    parser.add_argument("--final", action="store_true", help="score the held-out half once")
    parser.add_argument("--transform", choices=sorted(TRANSFORMS), default="p")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--signed", action="store_true", help="group by summed log-odds")
    parser.add_argument("--mean", action="store_true", help="signed grouping by mean log-odds")
    parser.add_argument("--no-hand", action="store_true", help="without the hand-set affinity")
    parser.add_argument("--offset", type=float, default=0.0)
    parser.add_argument("--dense", action="store_true", help="every pair, not only edges")
    parser.add_argument("--print", action="store_true", help="print the coefficients")
    args = parser.parse_args(argv)
    global DENSE, PRIOR, SIGNED, OFFSET, MEAN, HAND
    HAND = not args.no_hand
    MEAN = args.mean
    OFFSET = args.offset
    DENSE, SIGNED = args.dense, args.signed
    cases = [ev.load_case(p) for p in sorted(ev.CASES.glob("*.toml"))]
    tuning = [c for c in cases if c.half == "tuning"]
    data = {c.id: rows(c) for c in tuning}
    PRIOR = sum(y * w for rs in data.values() for _, y, w in rs) / len(data)
    results: list[ev.Result] = []
    if args.lopo:
        for project in sorted({c.project for c in tuning}):
            train = [r for c in tuning if c.project != project for r in data[c.id]]
            beta = fit(train, args.c)
            with learned(beta, args.transform):
                results += [ev.evaluate(c) for c in tuning if c.project == project]
        report(
            sorted(results, key=lambda r: r.case.id),
            f"LOPO {args.transform} C={args.c} dense={DENSE} signed={SIGNED} offset={OFFSET} "
            f"mean={MEAN} hand={HAND}",
        )
        return 0
    beta = fit([r for c in tuning for r in data[c.id]], args.c)
    if args.print:
        print(f"intercept {beta[0]:+.4f}")
        for name, b in zip(FEATURES, beta[1:], strict=True):
            print(f"{name:16} {b:+.4f}")
    with learned(beta, args.transform):
        report([ev.evaluate(c) for c in tuning], f"tuning (fitted on it) {args.transform}")
        if args.final:
            report([ev.evaluate(c) for c in cases if c.half == "held-out"], "held-out")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
