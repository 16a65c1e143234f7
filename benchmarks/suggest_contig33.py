"""Round 32 (tune33a): can the file tell when its maintainers cut it by file order? tune32c's
measurement (`suggest_contig32.py`) on all 114 tuning cases, with more signals read from the
file and a search over every rule of one or two thresholds on them. Src is not changed.

    .venv/bin/python benchmarks/suggest_contig33.py [--rows FILE.jsonl] [CASE ...]

For each case, before planning: F1 / ARI of `choose` (today's grouping), of the contiguous
cut (`suggest_contig32.contiguous`) and of file order, and signals none of which reads the
maintainers' grouping: `isolated` (share of definitions no other definition reads or is
read by: the graph is weak), `reads_per` (reads between definitions per definition),
`runs_free` (runs of today's grouping in file order, over K: how far it already follows
the file), `sections` (banner-separated sections), `adj_words` (share of neighbours sharing
a word of their names), `local` (share of read weight within three definitions),
`free_vs_contig` (ARI of the two groupings), `classes` (share of classes), and `choose`'s
and tune32c's figures for both groupings (reads' modularity, cycles, reads cut). `--rows`
writes one JSON line per case, and reads back the cases already there (a long run can be
resumed); with only `--rows` and no case left to score it reports from the file.

Then: each selector "take the contiguous cut when signal >= t (or <= t)" and each pair of
such at the signals' 10/25/50/75/90th percentiles, by mean F1 and cases beating file order
(F1 and ARI) over all cases; and the honest check of any threshold: fitted on the 99 older
cases, scored on fresh8's 15.

What it showed (114 cases at c4d6aef's src; /work/scratch/tune33a/sig.jsonl): today's
grouping mean F1 0.608, 80 of 114 beating file order before planning; the contiguous cut
0.532, 68; the better of the two per case (an oracle) 0.651, 93 (39 cases). The best single
threshold over all 114: 0.612, 83 (the contiguous cut's reads' modularity q_contig >= 0.44;
15 taken); the best pair 0.615, 83 (12 taken). Fitted on the 99 older cases, the best single
threshold (q_contig <= -0.117, 2 taken) takes none of fresh8's: 0.508, 6 of 15, as today: no
selector read from the file is shown to carry to unseen cases, and the gains over all 114
(+0.004 to +0.007, 2 or 3 cases) are the size a threshold fitted to the cases would give. On
every signal the range over the eight fresh8 cases where file order wins
(pennylane-measurements, imgaug-imgaug, imgaug-augmenters, pandapower-create,
pandapower-toolbox, ibis-operations, albumentations-geometric, vispy-cameras) overlaps the
range over six where the free grouping wins by far (asciimatics-widgets, gradio-components,
aiohttp-web, zeroconf, pylint-classes, flair-datasets).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from collections.abc import Callable
from pathlib import Path

import suggest_eval as ev
from suggest_contig32 import contiguous, read_cut
from suggest_loo import CAP

from godsplit.suggester import choose as ch
from godsplit.suggester.graph import Graph

Row = dict[str, float | str]
Rule = Callable[[Row], bool]
SIGNALS = ("isolated", "reads_per", "runs_free", "sections", "adj_words", "local",
           "free_vs_contig", "cut_free", "cut_contig", "q_free", "q_contig", "classes")


def measured(case: ev.Case) -> Row:
    gc = ev.graph_case(case)
    g: Graph = gc.graph

    def named(group: dict[int, int]) -> dict[str, str]:
        return {x: str(group[i]) for i, node in enumerate(g.nodes) for x in node.names}

    free, contig = ch.choose(g, case.k, CAP), contiguous(g, case.k)
    nf, nc = named(free), named(contig)
    sf = ev.score({n: nf[n] for n in gc.names}, gc.theirs)
    sc = ev.score({n: nc[n] for n in gc.names}, gc.theirs)
    sr = ev.score(gc.file_order, gc.theirs)
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    pos = {n: i for i, n in enumerate(order)}
    n = len(order)
    reads = [(r, p, w) for (r, p), w in sorted(g.reads.items()) if r >= 0 and r != p]
    touched = {r for r, _, _ in reads} | {p for _, p, _ in reads}
    total = sum(w for *_, w in reads) or 1.0
    pairs = list(itertools.pairwise(order))
    return {"id": case.id, "half": case.half, "k": case.k, "n": n,
            "f1_free": sf.f1, "ari_free": sf.ari, "f1_contig": sc.f1, "ari_contig": sc.ari,
            "f1_runs": sr.f1, "ari_runs": sr.ari,
            "isolated": 1 - len(touched) / max(1, n), "reads_per": len(reads) / max(1, n),
            "runs_free": (1 + sum(free[a] != free[b] for a, b in pairs)) / case.k,
            "sections": len({g.nodes[m].section for m in order}),
            "adj_words": sum(bool(g.nodes[a].grams & g.nodes[b].grams)
                             for a, b in pairs) / max(1, n - 1),
            "local": sum(w for r, p, w in reads if abs(pos[r] - pos[p]) <= 3) / total,
            "free_vs_contig": ev.ari(nf, {x: nc[x] for x in nf}),
            "cut_free": read_cut(g, free), "cut_contig": read_cut(g, contig),
            "q_free": ch.modularity(g, free), "q_contig": ch.modularity(g, contig),
            "tangled_free": ch.tangled(g, free), "tangled_contig": ch.tangled(g, contig),
            "classes": sum(g.nodes[m].kind == "class" for m in order) / max(1, n)}


def num(row: Row, key: str) -> float:
    value = row[key]
    assert isinstance(value, float | int)
    return float(value)


def result(rows: list[Row], take: Rule) -> tuple[float, int, int]:
    """Mean F1, cases beating file order (F1 and ARI), cases taking the contiguous cut."""
    got = [(num(r, "f1_contig"), num(r, "ari_contig")) if take(r)
           else (num(r, "f1_free"), num(r, "ari_free")) for r in rows]
    wins = sum(f > num(r, "f1_runs") and a > num(r, "ari_runs")
               for (f, a), r in zip(got, rows, strict=True))
    return statistics.mean(f for f, _ in got), wins, sum(map(take, rows))


def _at_least(key: str, t: float, sign: int) -> Rule:
    return lambda r: sign * num(r, key) >= sign * t


def rules(rows: list[Row], every: bool) -> list[tuple[str, Rule]]:
    """`signal >= t` and `signal <= t` at every value (or at five percentiles)."""
    out: list[tuple[str, Rule]] = []
    for key in SIGNALS:
        values = sorted({num(r, key) for r in rows})
        if not every:
            values = [values[int(len(values) * q)] for q in (0.1, 0.25, 0.5, 0.75, 0.9)]
        for t, sign in itertools.product(values, (1, -1)):
            out.append((f"{key} {'>=' if sign > 0 else '<='} {t:.3f}",
                        _at_least(key, t, sign)))
    return out


def _both(a: Rule, b: Rule) -> Rule:
    return lambda r: a(r) and b(r)


def report(rows: list[Row]) -> None:
    print(f"{len(rows)} cases")
    baselines: list[tuple[str, Rule]] = [
        ("today's grouping", lambda r: False), ("contiguous", lambda r: True),
        ("the better of the two", lambda r: num(r, "f1_contig") > num(r, "f1_free"))]
    for label, take in baselines:
        mean, wins, taken = result(rows, take)
        print(f"{label:<24} mean F1 {mean:.3f}  beating file order {wins}  contiguous taken "
              f"{taken}")
    singles = sorted(((result(rows, take), label) for label, take in rules(rows, True)),
                     reverse=True)
    for (mean, wins, taken), label in singles[:5]:
        print(f"  one threshold  {label:<28} mean F1 {mean:.3f}  beating {wins}  taken {taken}")
    coarse = rules(rows, False)
    both = sorted(((result(rows, _both(a, b)), f"{x} and {y}")
                   for (x, a), (y, b) in itertools.combinations(coarse, 2)
                   if x.split()[0] != y.split()[0]), reverse=True)
    for (mean, wins, taken), label in both[:5]:
        print(f"  two thresholds {label:<50} mean F1 {mean:.3f}  beating {wins}  taken {taken}")
    older = [r for r in rows if r["half"] != "fresh8"]
    fresh = [r for r in rows if r["half"] == "fresh8"]
    if older and fresh:
        label, take = max(rules(older, True), key=lambda x: result(older, x[1])[:2])
        fit, held, today = (result(older, take), result(fresh, take),
                            result(fresh, lambda r: False))
        print(f"fitted on the {len(older)} older cases: {label} (mean F1 {fit[0]:.3f}, "
              f"beating {fit[1]}, taken {fit[2]})")
        print(f"  on fresh8: mean F1 {held[0]:.3f}, beating {held[1]}, taken {held[2]}; "
              f"today's: {today[0]:.3f}, {today[1]}, {today[2]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every case)")
    parser.add_argument("--rows", type=Path, help="JSON lines: write, and resume from")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    if args.rows and args.rows.exists():
        rows = [json.loads(line) for line in args.rows.read_text().splitlines() if line]
    done = {r["id"] for r in rows}
    every = [ev.load_case(path) for path in sorted(ev.CASES.glob("*.toml"))]
    for case in ev.chosen(every, "all", args.cases):
        if case.id in done:
            continue
        row = measured(case)
        rows.append(row)
        if args.rows:
            with args.rows.open("a") as out:
                out.write(json.dumps(row) + "\n")
        print(f"{case.id:<26} K {case.k:>2}  free {num(row, 'f1_free'):.2f}  contiguous "
              f"{num(row, 'f1_contig'):.2f}  file order {num(row, 'f1_runs'):.2f}", flush=True)
    if rows:
        report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
