"""Round 16 (suggest17): three ideas for `suggest --modules K`, judged by leave-one-out.

    .venv/bin/python benchmarks/suggest_loo.py [CASE ...]

Tuning half of benchmarks/maintainers only (the held-out, fresh and fresh2 halves are never read).
Every variant is scored on the grouping before planning (the nodes' names, as
`suggest_eval.py` scores the planned one; for today's choice the two agree on all 14
cases). A variant family has settings; its **leave-one-out** figure scores each case with
the setting (today's rule included, first on ties) that has the best mean F1 on the 13
other cases, so no setting is chosen by looking at the case it is scored on.

- `smooth`: a contiguity prior after the choice. A definition whose neighbours in the
  file (`span` on each side) all lie in one other group moves there when its affinity to
  that group is at least `ratio` times its affinity to its own, its group keeps a member
  and no more groups end on a cycle of reads.
- `agree`: an ensemble of groupings (the greedy merging at five resolutions, the pieces
  merging at five resolutions and four stops, both on a graph whose file-order pull is
  x2 and x4, and the file cut in K runs); the candidate (or any member: `medoid`) with
  the highest mean adjusted Rand index to a subset of the ensemble wins, optionally after
  the fewest groups on a cycle of reads.
- `rule`: today's own family (round 14's rules for the two candidates: modularity only,
  fewest cycles then greedy, always one of them), the yardstick of what leave-one-out
  costs a choice made in-sample.
- `segment`: the file cut into K runs that maximise the modularity of the reads
  (dynamic programming), finished as the candidates are, kept only when it has no more
  groups on cycles and no lower modularity than today's choice (one of them strictly).
- `stable`: the candidate whose grouping changes least when the merging's resolution
  (and, optionally, the file-order pull) is perturbed wins, when the two differ by more
  than a margin; else today's rule.
"""

from __future__ import annotations

import argparse
import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

import suggest_eval as ev

from godsplit.files import read_source
from godsplit.split.analyze import Analysis, analyze
from godsplit.suggester import choose as ch
from godsplit.suggester.cluster import agglomerate
from godsplit.suggester.dominators import dominator_pieces
from godsplit.suggester.graph import WEIGHTS, Graph, build_graph
from godsplit.suggester.place import groups_of

CAP = ev.UNBOUNDED - 100  # the budget suggest derives from the unbounded max-lines
RESOLUTIONS = (0.5, 0.75, 1.0, 1.5, 2.0)
STOPS = (1.0, 1.5, 2.0, 3.0)
Grouping = dict[int, int]
Figures = tuple[float, float]  # F1, ARI


def loo(table: dict[str, dict[str, Figures]], cases: Sequence[str],
        baseline: dict[str, Figures] | None = None) -> dict[str, tuple[str, Figures]]:
    """Case -> (the setting chosen on the other cases, its figures on this case). The
    setting with the highest summed F1 over the other cases (with `baseline`: first the
    most of them beating it on F1 and ARI); the first listed on a tie."""
    settings = list(table)
    out = {}
    for case in cases:
        train = [c for c in cases if c != case]

        def merit(s: str, train: list[str] = train) -> tuple[float, ...]:
            won = sum(table[s][c][0] > baseline[c][0] and table[s][c][1] > baseline[c][1]
                      for c in train) if baseline else 0
            return won, sum(table[s][c][0] for c in train), -settings.index(s)

        best = max(settings, key=merit)
        out[case] = best, table[best][case]
    return out


def _affinity(g: Graph, n: int, members: set[int]) -> float:
    return sum(w for m, w in g.near.get(n, {}).items() if m in members and m != n)


def smooth(g: Graph, group: Grouping, ratio: float, span: int = 1) -> Grouping:
    """`group` with each definition between `span` neighbours of one other group moved
    there, when its affinity to that group is at least `ratio` times that to its own."""
    group = dict(group)
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    tangled = ch.tangled(g, group)
    for _ in order:
        changed = False
        for i in range(span, len(order) - span):
            n = order[i]
            around = {group[m] for m in (*order[i - span:i], *order[i + 1:i + 1 + span])}
            if len(around) != 1 or group[n] in around:
                continue
            parts = groups_of(group)
            home, dest = parts[group[n]], next(iter(around))
            if len(home) == 1 or _affinity(g, n, set(parts[dest])) < ratio * _affinity(
                    g, n, set(home)):
                continue
            old, group[n] = group[n], dest
            if ch.tangled(g, group) > tangled:
                group[n] = old
                continue
            changed = True
        if not changed:
            break
    return group


def member(g: Graph, k: int, resolution: float = 1.0, stop: float | None = None) -> Grouping:
    """The greedy merging (`stop` None) or the pieces merging stopped at `stop` * k groups,
    at `resolution`, finished as suggest finishes its candidates."""
    everything = list(range(len(g.nodes)))
    until = k if stop is None else min(len(everything), max(k, int(stop * k)))
    parts = agglomerate(g, everything, until, CAP, resolution=resolution,
                        pieces=dominator_pieces(g) if stop is not None else ())
    return ch._finish(g, parts, k, CAP)


def in_runs(g: Graph, k: int) -> Grouping:
    """The file cut into k runs of about equal lines."""
    total, done, out = g.size(range(len(g.nodes))) or 1, 0, {}
    for n in sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line):
        out[n] = min(k - 1, done * k // total)
        done += g.nodes[n].lines
    return out


def segmentation(g: Graph, k: int) -> Grouping:
    """The file cut into k runs of definitions that maximise Newman's modularity of the
    reads (dynamic programming over the cuts; `choose.modularity`'s graph)."""
    order = sorted(range(len(g.nodes)), key=lambda n: g.nodes[n].line)
    pos = {n: i for i, n in enumerate(order)}
    n, total = len(order), 0.0
    degree = [0.0] * n
    back: list[list[tuple[int, float]]] = [[] for _ in range(n)]  # back[j]: (i < j, weight)
    for (r, p), strength in sorted(g.reads.items()):
        if r < 0 or r == p:
            continue
        a, b = sorted((pos[r], pos[p]))
        total += strength
        degree[a] += strength
        degree[b] += strength
        back[b].append((a, strength))
    if not total or k >= n:
        return {m: min(pos[m], k - 1) for m in range(n)}
    prefix = [0.0, *itertools.accumulate(degree)]
    score = [[0.0] * n for _ in range(n)]  # score[i][j]: the run i..j
    for i in range(n):
        inside = 0.0
        for j in range(i, n):
            inside += sum(w for a, w in back[j] if a >= i)
            score[i][j] = inside / total - ((prefix[j + 1] - prefix[i]) / (2 * total)) ** 2
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


def node_ari(a: Grouping, b: Grouping) -> float:
    return ev.ari({str(n): str(a[n]) for n in a}, {str(n): str(b[n]) for n in a})


def ensemble(g: Graph, k: int, analysis: Analysis) -> dict[str, Grouping]:
    out = {}
    for r in RESOLUTIONS:
        out[f"g{r}"] = member(g, k, r)
        for s in STOPS:
            out[f"p{r}/{s}"] = member(g, k, r, s)
    for x in (2, 4):
        near = build_graph(analysis, (), replace(WEIGHTS, near=WEIGHTS.near * x,
                                                 across=WEIGHTS.across * x))
        out[f"n{x}g"], out[f"n{x}p"] = member(near, k), member(near, k, 1.0, 2.0)
    out["fo"] = in_runs(g, k)
    return out


def _subsets(names: list[str]) -> dict[str, list[str]]:
    greedy = [n for n in names if n.startswith("g")]
    pieces = [n for n in names if n.startswith("p")]
    near = [n for n in names if n.startswith("n")]
    one = ["g1.0", *(f"p1.0/{s}" for s in STOPS)]
    return {"all": names, "all-fo": [n for n in names if n != "fo"], "g": greedy,
            "p": pieces, "g+p": greedy + pieces, "g+fo": [*greedy, "fo"],
            "g+p+fo": [*greedy, *pieces, "fo"], "n": near, "n+fo": [*near, "fo"],
            "fo": ["fo"], "g+n": greedy + near, "res1": one, "res1+fo": [*one, "fo"]}


def variants(g: Graph, k: int, analysis: Analysis) -> dict[str, dict[str, Grouping]]:
    """Family -> setting -> grouping, each family's first setting today's choice."""
    greedy, pieces = (grouping for _, grouping in ch.candidates(g, k, CAP))
    made = {"greedy": greedy, "pieces": pieces}
    today = ch.choose(g, k, CAP)
    out: dict[str, dict[str, Grouping]] = {f: {"today": today} for f in ("rule", "smooth",
                                                                          "agree", "stable")}
    cycles = {"greedy": ch.tangled(g, greedy), "pieces": ch.tangled(g, pieces)}
    q = {"greedy": ch.modularity(g, greedy), "pieces": ch.modularity(g, pieces)}
    for label, key in (("modularity only", lambda x: (-q[x],)),
                       ("cycles, then greedy", lambda x: (cycles[x],)),
                       ("always greedy", lambda x: (x != "greedy",)),
                       ("always pieces", lambda x: (x != "pieces",))):
        out["rule"][label] = made[min(("greedy", "pieces"), key=key)]
    runs = segmentation(g, k)
    runs = ch._finish(g, [[n for n in runs if runs[n] == r] for r in sorted(set(runs.values()))],
                      k, CAP)
    ahead = (ch.tangled(g, runs), -ch.modularity(g, runs))
    behind = (ch.tangled(g, today), -ch.modularity(g, today))
    dominates = ahead != behind and all(x <= y for x, y in zip(ahead, behind, strict=True))
    out["segment"] = {"today": today, "the runs when no worse on cycles and Q": (
        runs if dominates else today), "the runs always": runs}
    for span, ratio in itertools.product((1, 2), (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)):
        out["smooth"][f"span {span}, ratio {ratio}"] = smooth(g, today, ratio, span)
    members = ensemble(g, k, analysis)
    made.update(members)
    agree = {a: {b: node_ari(made[a], made[b]) for b in members} for a in made}
    tangled = {a: ch.tangled(g, made[a]) for a in made}
    for (label, subset), first, medoid in itertools.product(
            _subsets(list(members)).items(), (True, False), (False, True)):
        pool = [m for m in subset if m != "fo"] or ["greedy"] if medoid else ["greedy", "pieces"]
        best = min(pool, key=lambda a: (tangled[a] if first else 0,
                                        -sum(agree[a][b] for b in subset) / len(subset),
                                        pool.index(a)))
        out["agree"][f"{'medoid' if medoid else 'two'} {label} {'cycles first' if first else ''}"
                     ] = made[best]
    for (label, perturbed), near, first, margin in itertools.product(
            (("0.5-2", (0.5, 0.75, 1.5, 2.0)), ("0.75,1.5", (0.75, 1.5)), ("0.5,2", (0.5, 2.0)),
             ("0.75", (0.75,))), (False, True), (False, True), (0.0, 0.1, 0.2)):
        def steady(name: str, prefix: str, suffix: str, x: str, rs: tuple[float, ...] = perturbed,
                   n: bool = near) -> float:
            others = [f"{prefix}{r}{suffix}" for r in rs] + ([f"n2{x}", f"n4{x}"] if n else [])
            return sum(agree[name][o] for o in others) / len(others)
        sg, sp = steady("greedy", "g", "", "g"), steady("pieces", "p", "/2.0", "p")
        settled = first and tangled["greedy"] != tangled["pieces"]  # today's rule decides
        pick = today if settled or abs(sg - sp) <= margin else greedy if sg > sp else pieces
        out["stable"][f"{label} near {near} cycles first {first} margin {margin}"] = pick
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="tuning case ids (default: the whole tuning half)")
    parser.add_argument("--settings", action="store_true",
                        help="also print every setting's in-sample figures")
    args = parser.parse_args(argv)
    cases = [c for c in map(ev.load_case, sorted(ev.CASES.glob("*.toml")))
             if c.half == "tuning" and (not args.cases or c.id in args.cases)]
    tables: dict[str, dict[str, dict[str, Figures]]] = {}
    baseline: dict[str, Figures] = {}
    for case in cases:
        source = ev.project_dir(case) / case.path
        analysis = analyze(read_source(source))
        g = build_graph(analysis, ())
        truth = {n: m for m, names in case.modules.items() for n in names}
        first = {name: node.line for node in g.nodes for name in node.names}
        names = sorted(set(first) & set(truth))
        theirs = {n: truth[n] for n in names}
        total = source.read_text(errors="replace").count("\n") + 1
        fo = ev.score(ev.file_order({n: first[n] for n in names}, total, case.k), theirs)
        baseline[case.id] = fo.f1, fo.ari
        for family, settings in variants(g, case.k, analysis).items():
            for setting, grouping in settings.items():
                placed = {name: str(grouping[i]) for i, node in enumerate(g.nodes)
                          for name in node.names}
                s = ev.score({n: placed[n] for n in names}, theirs)
                tables.setdefault(family, {}).setdefault(setting, {})[case.id] = s.f1, s.ari
        print(f"{case.id}: done", flush=True)
    ids = [c.id for c in cases]
    n = len(ids) or 1

    def beats(figures: dict[str, Figures]) -> int:
        return sum(f > baseline[c][0] and a > baseline[c][1] for c, (f, a) in figures.items())

    def mean(figures: dict[str, Figures], i: int) -> float:
        return sum(x[i] for x in figures.values()) / n

    today = tables["smooth"]["today"]
    print(f"\ntoday: F1 {mean(today, 0):.3f} / ARI {mean(today, 1):.3f}, beats file order "
          f"on {beats(today)} of {len(ids)}")
    for family, table in tables.items():
        top = max(table, key=lambda s: (mean(table[s], 0), -list(table).index(s)))
        picked = loo(table, ids)
        out = {c: figures for c, (_, figures) in picked.items()}
        strict = {c: figures for c, (_, figures) in loo(table, ids, baseline).items()}
        print(f"\n{family}: best in-sample {top!r}: F1 {mean(table[top], 0):.3f} / ARI "
              f"{mean(table[top], 1):.3f}, {beats(table[top])} beat file order; "
              f"leave-one-out: F1 {mean(out, 0):.3f} / ARI {mean(out, 1):.3f}, "
              f"{beats(out)} beat file order; choosing by cases beaten first: F1 "
              f"{mean(strict, 0):.3f} / ARI {mean(strict, 1):.3f}, {beats(strict)}")
        for setting in table if args.settings else ():
            print(f"  in-sample {setting!r}: F1 {mean(table[setting], 0):.3f} / ARI "
                  f"{mean(table[setting], 1):.3f}, {beats(table[setting])}")
        for case_id in ids:
            setting, (f1, ari) = picked[case_id]
            print(f"  {case_id:<25} today {today[case_id][0]:.2f} / {today[case_id][1]:.2f}  "
                  f"LOO {f1:.2f} / {ari:.2f}  file order {baseline[case_id][0]:.2f} / "
                  f"{baseline[case_id][1]:.2f}  ({setting})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
