"""Round 28 (tune29b): where suggest's `--modules K` grouping loses pairs against the
maintainers', before planning, on every case but the held-out half's
(`suggest_eval.tuning_cases`; names them to narrow).

    .venv/bin/python benchmarks/suggest_pairs28.py [CASE ...]

Per case: precision / recall of suggest and of file order; pairs put together by suggest
and by the maintainers; the share of names in the largest module of each; names in the
shared module and the F1 without them; how many of suggest's false pairs lie inside its
largest module, and how many of the pairs it misses lie between its two largest modules;
runs of one module in file order. Then, per kind of definition (listed by name or a
helper), how often the maintainers and suggest put it with the definition before it, the
one after it, the definition that reads it most and the one it reads most.

Result at a78aa79 (log /work/scratch/tune29b/bd_base.txt, signals_base.txt): mean precision
0.644, recall 0.658, F1 0.629 (file order 0.535 / 0.526 / 0.500); suggest makes more pairs
than the maintainers in 31 cases; 9 cases put names in the shared module, and leaving them
out would raise the mean F1 by 0.004 only. False pairs sit mostly inside suggest's largest
module (19 cases have 90% or more of them there, at least 10), missed pairs between its two
largest (half or more of them in 21 cases, 17 with K <= 5: the maintainers' core module
cut in two; with K = 2 every missed pair is). A helper
constant sits with the definition that reads it most in 65% of the maintainers' placements
and 94% of suggest's (a private helper function 84% and 95%).
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter, defaultdict

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm

Pair = tuple[str, str]


def pairs(grouping: dict[str, int] | dict[str, str]) -> set[Pair]:
    by: dict[object, list[str]] = defaultdict(list)
    for name, module in sorted(grouping.items()):
        by[module].append(name)
    return {pair for names in by.values() for pair in itertools.combinations(names, 2)}


def prf(ours: dict[str, int] | dict[str, str], theirs: dict[str, str]) -> tuple[float, ...]:
    a, b = pairs(ours), pairs(theirs)
    both = len(a & b)
    p, r = both / len(a) if a else 1.0, both / len(b) if b else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, len(a), len(b)


def case_row(case: ev.Case, signals: Counter[tuple[str, ...]]) -> str:
    gc = ev.graph_case(case)
    g, first, names, theirs = gc.graph, gc.first, gc.names, gc.theirs
    truth = {n: m for m, names in case.modules.items() for n in names}
    base = gc.file_order
    group = ch.choose(g, case.k, CAP)
    placed = {name: group[n] for n, node in enumerate(g.nodes) for name in node.names}
    ours = {n: placed[n] for n in names}
    p, r, f, made, wanted = prf(ours, theirs)
    bp, br, bf, *_ = prf(base, theirs)
    sizes, their_sizes = Counter(ours.values()), Counter(theirs.values())
    largest = [m for m, _ in sizes.most_common(2)]
    shared = [n for n in names if ours[n] == -1]
    rest = [n for n in names if ours[n] != -1]
    without = prf({n: ours[n] for n in rest}, {n: theirs[n] for n in rest})[2] if shared else f
    false = pairs(ours) - pairs(theirs)
    missed = pairs(theirs) - pairs(ours)
    in_largest = sum(ours[a] == largest[0] for a, _ in false)
    between = sum(ours[a] in largest and ours[b] in largest for a, b in missed)
    order = sorted(names, key=lambda n: first[n])
    runs = [1 + sum(x[a] != x[b] for a, b in itertools.pairwise(order)) for x in (ours, theirs)]
    _signals(g, group, truth, signals)
    return (f"| {case.id} | {case.k} | {len(names)} | {p:.2f} / {r:.2f} | {f:.2f} | {bp:.2f} / "
            f"{br:.2f} | {bf:.2f} | {made} / {wanted} | {sizes.most_common(1)[0][1] / len(names):.2f}"
            f" / {their_sizes.most_common(1)[0][1] / len(names):.2f} | {len(shared)} | "
            f"{without:.2f} | {in_largest} / {len(false)} | {between} / {len(missed)} | "
            f"{runs[0]} / {runs[1]} |")


def _signals(g: gm.Graph, group: dict[int, int], truth: dict[str, str],
             out: Counter[tuple[str, ...]]) -> None:
    nodes = sorted((n for n, node in enumerate(g.nodes) if any(x in truth for x in node.names)),
                   key=lambda n: g.nodes[n].line)
    theirs = {n: truth[next(x for x in g.nodes[n].names if x in truth)] for n in nodes}
    inside = set(nodes)
    for i, n in enumerate(nodes):
        kind = f"{g.nodes[n].kind}/{'listed' if g.nodes[n].anchor else 'helper'}"
        out[kind, "names"] += 1
        reader = max(((g.reads.get((r, n), 0.0), r) for r in g.readers.get(n, ())
                      if r in inside and r != n), default=None)
        provider = max(((s, q) for (r, q), s in g.reads.items() if r == n and q in inside
                        and q != n), default=None)
        near = {"before": nodes[i - 1] if i else None,
                "after": nodes[i + 1] if i + 1 < len(nodes) else None,
                "reader": reader[1] if reader else None,
                "provider": provider[1] if provider else None}
        for what, other in near.items():
            if other is not None:
                out[kind, what, "n"] += 1
                out[kind, what, "theirs"] += theirs[other] == theirs[n]
                out[kind, what, "ours"] += group[other] == group[n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: all but the held-out half)")
    args = parser.parse_args(argv)
    cases = ev.tuning_cases(args.cases)
    print("| case | K | names | P / R | F1 | file order P / R | file order F1 | pairs ours / "
          "theirs | largest module ours / theirs | in shared | F1 without them | false pairs "
          "in our largest / all | missed pairs between our two largest / all | runs ours / "
          "theirs |")
    print("|---|---:|---:|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|")
    signals: Counter[tuple[str, ...]] = Counter()
    for case in cases:
        print(case_row(case, signals), flush=True)
    print("\n| kind | names | with the one before: maintainers / suggest | with the one after | "
          "with its top reader | with its top provider |\n|---|---:|---|---|---|---|")
    kinds = sorted({k[0] for k in signals}, key=lambda k: -signals[k, "names"])
    for kind in kinds:
        cells = [f"{signals[kind, w, 'theirs'] / max(signals[kind, w, 'n'], 1):.2f} / "
                 f"{signals[kind, w, 'ours'] / max(signals[kind, w, 'n'], 1):.2f} "
                 f"(n {signals[kind, w, 'n']})" for w in ("before", "after", "reader", "provider")]
        print(f"| {kind} | {signals[kind, 'names']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
