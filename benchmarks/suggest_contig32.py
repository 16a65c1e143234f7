"""Round 31 (tune32c): would a contiguous cut of the file, at the best boundaries, beat the
free grouping of `suggest --modules K`, and can the file tell when? Before planning; src is
not changed.

    .venv/bin/python benchmarks/suggest_contig32.py [CASE ...]   (default: every case)

For each case: F1 / ARI against the maintainers' of `choose` (today's grouping), of the
contiguous cut (the file cut into K runs of definitions that maximise the merging's own
objective, `cluster.objective`: modularity of the affinities less the balance cost, by
dynamic programming over the cuts) and of file order (K runs of about equal lines, as
`suggest_eval.py` scores it); then signals read from the file and the two groupings, none
using the maintainers' grouping: the share of read weight going to an earlier definition
(`back`), the mean distance of a read in definitions over their count (`dist`), the share
of neighbours of one kind (`same`), and for each grouping the merging's objective, the
modularity of the reads (`choose.modularity`), the groups on a cycle of reads
(`choose.tangled`) and the share of read weight between groups (`cut`). Last, the mean F1
and the cases beating file order of each parameter-free way to pick one of the two.

What it showed (all 99 cases, fresh7 included, at 5d2c246 = cf408f1's src; log
/work/scratch/tune32c/contig32_all.txt): today's grouping before planning has mean F1
0.614 and beats file order (F1 and ARI) on 73 of 99; the contiguous cut alone 0.522, 58 of
99; the better of the two on each case (an oracle) 0.651, 82 of 99. The contiguous cut is
better by 0.01 or more in 28 cases and turns nine losers into wins (black 0.26 -> 0.36,
control-matlab 0.25 -> 0.39, esptool 0.50 -> 0.69, holidays 0.70 -> 0.75, peft-lora 0.14
-> 0.57, photutils-aperture 0.44 -> 0.75, pyrsistent 0.48 -> 0.88, scapy-isotp 0.65 ->
0.91, sqlalchemy-types 0.63 -> 0.95), but worse by 0.01 or more in 66 (asciimatics 0.92
-> 0.05, gradio 0.59 -> 0.07, pylint-classes 0.95 -> 0.44, aiohttp-web 0.95 -> 0.52). No
parameter-free pick found the 28: the higher merging objective takes the contiguous cut
in 68 cases (0.549, 64 of 99: the free grouping's helpers, families and cycle steps lower
its objective; aiohttp 0.239 against 0.576), `choose`'s own rule with the cut as a third
candidate 0.587 (70), fewer reads between groups 0.600 (71), all below today's. `back`,
`dist` and `same` overlap between the two sets (arcade-draw, buildbot-config and pip-req
read as "contiguous" as certbot-cli does; a threshold on them would be fitted to the
cases). So no rule was built (src is unchanged).
"""

from __future__ import annotations

import argparse
import itertools
import math
import statistics
from collections.abc import Callable

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester import choose as ch
from godsplit.suggester.cluster import BALANCE, RESOLUTION, objective
from godsplit.suggester.graph import Graph

Grouping = dict[int, int]


def contiguous(g: Graph, k: int) -> Grouping:
    """The file cut into k runs of definitions maximising `cluster.objective`."""
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    pos = {n: i for i, n in enumerate(order)}
    n = len(order)
    if k >= n:
        return {m: min(pos[m], k - 1) for m in range(n)}
    total = sum(g.weights.values()) or 1.0
    degree = [0.0] * n
    back: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for (a, b), w in sorted(g.weights.items()):
        i, j = sorted((pos[a], pos[b]))
        degree[i] += w
        degree[j] += w
        back[j].append((i, w))
    lines = [g.nodes[m].lines for m in order]
    spread_all = float(sum(lines) or 1)
    score = [[0.0] * n for _ in range(n)]  # score[i][j]: the run i..j
    for i in range(n):
        within = spread = size = squares = 0.0
        for j in range(i, n):
            within += sum(w for a, w in back[j] if a >= i)
            spread += degree[j]
            size += lines[j]
            squares += lines[j] ** 2
            score[i][j] = (within / total - RESOLUTION * spread * spread / (4 * total * total)
                           - BALANCE * (size * size - squares) / 2 / (spread_all * spread_all))
    best = [[-math.inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for runs in range(1, k + 1):
        for j in range(runs, n + 1):
            for i in range(runs - 1, j):
                if best[runs - 1][i] + score[i][j - 1] > best[runs][j]:
                    best[runs][j], cut[runs][j] = best[runs - 1][i] + score[i][j - 1], i
    out, j = {}, n
    for runs in range(k, 0, -1):
        i = cut[runs][j]
        out.update(dict.fromkeys(order[i:j], runs - 1))
        j = i
    return out


def parts(group: Grouping) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for n, key in sorted(group.items()):
        out.setdefault(key, []).append(n)
    return list(out.values())


def read_cut(g: Graph, group: Grouping) -> float:
    """The share of the read weight (kept code left out) between groups."""
    reads = [(r, p, w) for (r, p), w in sorted(g.reads.items()) if r >= 0 and r != p]
    total = sum(w for *_, w in reads) or 1.0
    return sum(w for r, p, w in reads if group[r] != group[p]) / total


def signals(g: Graph) -> tuple[float, float, float]:
    """back, dist, same (the docstring)."""
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    pos = {n: i for i, n in enumerate(order)}
    reads = [(r, p, w) for (r, p), w in sorted(g.reads.items()) if r >= 0 and r != p]
    total = sum(w for *_, w in reads) or 1.0
    back = sum(w for r, p, w in reads if pos[p] < pos[r]) / total
    dist = sum(w * abs(pos[p] - pos[r]) for r, p, w in reads) / total / max(1, len(order))
    same = sum(g.nodes[a].kind == g.nodes[b].kind for a, b in itertools.pairwise(order))
    return back, dist, same / max(1, len(order) - 1)


Figures = dict[str, float]
RULES: dict[str, Callable[[Figures], bool]] = {  # True: take the contiguous cut
    "higher objective": lambda f: f["obj_contig"] > f["obj_free"],
    "choose's own rule, contiguous third": lambda f: (f["tangled_contig"], -f["q_contig"]) < (
        f["tangled_free"], -f["q_free"]),
    "fewer reads cut": lambda f: f["cut_contig"] < f["cut_free"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every case)")
    args = parser.parse_args(argv)
    rows: list[Figures] = []
    every = [ev.load_case(path) for path in sorted(ev.CASES.glob("*.toml"))]
    for case in ev.chosen(every, "all", args.cases):  # fresh7 is tuning data from round 31
        gc = ev.graph_case(case)
        g = gc.graph

        def scored(group: Grouping, gc: ev.GraphCase = gc, g: Graph = g) -> ev.Score:
            placed = {x: str(group[i]) for i, node in enumerate(g.nodes) for x in node.names}
            return ev.score({n: placed[n] for n in gc.names}, gc.theirs)

        free, contig = ch.choose(g, case.k, CAP), contiguous(g, case.k)
        s_free, s_contig, s_runs = scored(free), scored(contig), ev.score(gc.file_order,
                                                                           gc.theirs)
        back, dist, same = signals(g)
        f: Figures = {"f1_free": s_free.f1, "f1_contig": s_contig.f1, "f1_runs": s_runs.f1,
                      "ari_free": s_free.ari, "ari_contig": s_contig.ari,
                      "ari_runs": s_runs.ari}
        for label, group in (("free", free), ("contig", contig)):
            f[f"obj_{label}"] = objective(g, parts(group))
            f[f"q_{label}"] = ch.modularity(g, group)
            f[f"tangled_{label}"] = ch.tangled(g, group)
            f[f"cut_{label}"] = read_cut(g, group)
        rows.append(f)
        print(f"{case.id:<26} K {case.k:>2}  free {s_free.f1:.2f} / {s_free.ari:.2f}  "
              f"contiguous {s_contig.f1:.2f} / {s_contig.ari:.2f}  file order "
              f"{s_runs.f1:.2f} / {s_runs.ari:.2f}  back {back:.2f} dist {dist:.2f} "
              f"same {same:.2f}  objective {f['obj_free']:.3f} {f['obj_contig']:.3f}  "
              f"reads' Q {f['q_free']:.3f} {f['q_contig']:.3f}  cycles "
              f"{f['tangled_free']:.0f} {f['tangled_contig']:.0f}  cut {f['cut_free']:.2f} "
              f"{f['cut_contig']:.2f}", flush=True)
    if not rows:
        return 0

    def beats(f1: float, ari: float, f: Figures) -> bool:  # as suggest_eval counts it
        return f1 > f["f1_runs"] and ari > f["ari_runs"]

    picks: dict[str, list[bool]] = {"free (today)": [False] * len(rows),
                                    "contiguous": [True] * len(rows),
                                    "the better of the two": [f["f1_contig"] > f["f1_free"]
                                                              for f in rows]}
    picks.update({label: [rule(f) for f in rows] for label, rule in RULES.items()})
    for label, chosen in picks.items():
        got = [(f["f1_contig"], f["ari_contig"]) if c else (f["f1_free"], f["ari_free"])
               for f, c in zip(rows, chosen, strict=True)]
        wins = sum(beats(a, b, f) for (a, b), f in zip(got, rows, strict=True))
        print(f"{label:<38} mean F1 {statistics.mean(a for a, _ in got):.3f}  beating file "
              f"order {wins} of {len(rows)}  contiguous taken {sum(chosen)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
