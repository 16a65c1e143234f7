"""Round 29 (tune30a): do maintainers keep a run of constants nothing in the file reads
together (`suggester/value_runs.py`)? And what does starting each such run as one piece
do to `suggest --modules K`, before planning?

    .venv/bin/python benchmarks/suggest_runs30.py [CASE ...]     (default: every case)

For each case with such a run: each run, with the maintainers' module of each name they
place; then the `choose` grouping's F1 / ARI with the runs as pieces and without (the
rule switched off), against file order's.

What it showed (all 73 cases at 82d8696; log /work/scratch/tune30a/pre_final.txt):
nine runs in eight cases (certbot-cli, esptool, moto-ec2, pipenv-core, pypdf-generic,
scipy-distributions, scons-util twice, urwid-widget); in every one, the names the
maintainers place are in one module, but for urwid's `RELATIVE_100` (its own
`constants` module), esptool's `MAX_UINT32` and pipenv-core's three (not placed). Two groupings change:
urwid-widget 0.36 / 0.16 -> 0.50 / 0.33 (file order 0.59 / 0.35: still losing; the
modules the constants no longer take go to small exception classes) and esptool 0.50 /
0.40 -> 0.60 / 0.53 (file order 0.52 / 0.44: now beating it); 61 -> 62 of 73 beat file
order, mean F1 0.636 -> 0.640. Dropped on the way: every unread value of a run, objects
built by the file's classes included (pyparsing's `lineStart = LineStart()`): pyparsing
0.49 / 0.055 -> 0.47 / 0.033 (file order 0.27 / 0.05: losing on ARI), pytype-abstract
(its re-exports) 0.71 / 0.60 -> 0.69 / 0.59, sqlalchemy-expression 0.42 -> 0.40.
"""

from __future__ import annotations

import argparse

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm
from godsplit.suggester.value_runs import unread_runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every case)")
    args = parser.parse_args(argv)
    cases = [c for c in map(ev.load_case, sorted(ev.CASES.glob("*.toml")))
             if not args.cases or c.id in args.cases]
    for case in cases:
        gc = ev.graph_case(case)
        g = gc.graph
        runs = unread_runs(g.nodes, g.readers, g.reads, g.reexports)
        if not runs:
            continue
        base = ev.score(gc.file_order, gc.theirs)
        row = [f"{case.id}: file order {base.f1:.2f} / {base.ari:.2f}"]
        for label, pieces in (("runs as pieces", True), ("without", False)):
            made = g if pieces else gm.Graph(
                g.nodes, g.weights, g.reads, g.readers, g.early, g.surface, g.composes,
                makers=g.makers, reexports=g.reexports)
            if not pieces:  # the workflows alone, as before round 29
                made.__dict__["bonds"] = [b for b in g.bonds if b not in runs]
            group = ch.choose(made, case.k, CAP)
            placed = {name: str(group[n]) for n, node in enumerate(g.nodes) for name in node.names}
            s = ev.score({n: placed[n] for n in gc.names}, gc.theirs)
            row.append(f"{label} {s.f1:.2f} / {s.ari:.2f}")
        print("; ".join(row), flush=True)
        for run in runs:
            print("   ", ", ".join(f"{g.nodes[n].label} ({gc.theirs.get(g.nodes[n].label, '-')})"
                                   for n in run), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
