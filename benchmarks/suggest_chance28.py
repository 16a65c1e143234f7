"""Round 27 (tune28b): the `--modules K` choice with candidates no better than chance set
aside (`suggester/chance.py`), at other thresholds, scored before planning against the
maintainers' grouping, and by leave-one-project-out.

    .venv/bin/python benchmarks/suggest_chance28.py [CASE ...]

For each case: both candidates' F1 / ARI, modules on a cycle and modularity. Then, for each
threshold t (a candidate whose modularity is t or below is set aside when another is
above t; "none": today's rule before round 27), the cases beating file order (F1 and ARI)
and the mean F1; and leave-one-project-out: each project's cases scored with the threshold
the other projects' cases prefer (most cases beaten, then mean F1, then the value nearest
0). Result (8ad7517 + the rule, /work/scratch/tune28b/sweep.txt): t <= -0.005 38 of 47
(today), t in [0, 0.01] 39 (uncertainties-core), t 0.065 40 (wtforms-fields and
beets-importer, but sphinx-autodoc-2025 loses); leave-one-project-out 38 of 47: the cases
a threshold above 0 adds (beets-importer, wtforms-fields) are lost when their project is
held out. The rule keeps t = 0 (chance level), not a fitted value.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester import choose as ch

GRID: tuple[float | None, ...] = (None, *(round(-0.1 + 0.005 * i, 3) for i in range(61)))


@dataclass(frozen=True)
class Candidate:
    f1: float
    ari: float
    tangled: int
    modularity: float


def pick(made: list[Candidate], t: float | None) -> Candidate:
    """The choice with candidates at or below `t` set aside (none: today's rule)."""
    keep = [i for i, c in enumerate(made) if t is None or c.modularity > t] or list(range(len(made)))
    return made[min(keep, key=lambda i: (made[i].tangled, -made[i].modularity, i))]


Cases = dict[str, tuple[tuple[float, float], list[Candidate]]]


def result(cases: Cases, t: float | None) -> tuple[int, float]:
    won = f1 = 0.0
    for base, made in cases.values():
        c = pick(made, t)
        won += c.f1 > base[0] and c.ari > base[1]
        f1 += c.f1
    return int(won), f1 / max(len(cases), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*",
                        help=f"case ids (default: all but the held-out {ev.HELD_OUT} half)")
    args = parser.parse_args(argv)
    chosen = ev.tuning_cases(args.cases)  # (never the held-out half unless named)
    cases: Cases = {}
    project = {c.id: c.project for c in chosen}
    for case in chosen:
        gc = ev.graph_case(case)
        g, names, theirs = gc.graph, gc.names, gc.theirs
        base = ev.score(gc.file_order, theirs)
        made = []
        for _, group in ch.candidates(g, case.k, CAP):
            placed = {name: str(group[n]) for n, node in enumerate(g.nodes) for name in node.names}
            s = ev.score({n: placed[n] for n in names}, theirs)
            made.append(Candidate(s.f1, s.ari, ch.tangled(g, group), ch.modularity(g, group)))
        cases[case.id] = ((base.f1, base.ari), made)
        print(f"{case.id:<24} file order {base.f1:.2f} / {base.ari:.2f}  "
              + "  ".join(f"{name} {c.f1:.2f} / {c.ari:.2f} cycles {c.tangled} Q {c.modularity:.3f}"
                          for (name, _), c in zip(ch.CANDIDATES, made, strict=True)), flush=True)
    for t in GRID:
        won, f1 = result(cases, t)
        print(f"t {t}: {won} of {len(cases)} beat file order, mean F1 {f1:.4f}")
    won, f1 = 0, 0.0
    for p in sorted(set(project.values())):
        rest = {c: v for c, v in cases.items() if project[c] != p}
        best = max(GRID, key=lambda t: (*result(rest, t), -(abs(t) if t is not None else 1.0)))
        for c in (c for c in cases if project[c] == p):
            figures, made = cases[c]
            x = pick(made, best)
            won += x.f1 > figures[0] and x.ari > figures[1]
            f1 += x.f1
            print(f"leave out {p}: t {best}: {c} {x.f1:.2f} / {x.ari:.2f}")
    print(f"leave-one-project-out: {won} of {len(cases)} beat file order, "
          f"mean F1 {f1 / max(len(cases), 1):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
