"""Round 29 (tune30a): do maintainers keep a run of constants nothing in the file reads
together? And what does starting each such run as one piece of the clustering do to
`suggest --modules K`, before planning? (The rule was 82d8696, `suggester/value_runs.py`
through `Graph.bonds`; reverted, see below; src is not changed.)

    .venv/bin/python benchmarks/suggest_runs30.py [CASE ...]     (default: every case)

For each case with such a run: each run, with the maintainers' module of each name they
place; then the `choose` grouping's F1 / ARI with the runs as pieces and without (the
rule switched off), against file order's.

What it showed (all 73 cases at 82d8696; log /work/scratch/tune30a/pre_final.txt):
nine runs in eight cases (certbot-cli, esptool, moto-ec2, pipenv-core, pypdf-generic,
scipy-distributions, scons-util twice, urwid-widget); in every one, the names the
maintainers place are in one module, but for urwid's `RELATIVE_100` (its own `constants`
module), esptool's `MAX_UINT32` and pipenv-core's three (not placed). Two groupings
change: urwid-widget 0.36 / 0.16 -> 0.50 / 0.33 (file order 0.59 / 0.35: still losing;
the modules the constants no longer take go to small exception classes) and esptool 0.50
/ 0.40 -> 0.60 / 0.53 (file order 0.52 / 0.44: now beating it); 61 -> 62 of 73 beat file
order, mean F1 0.636 -> 0.640.

Not kept: after planning (`suggest_eval.py`), esptool's plan keeps 31 names in the old
module (every chip class, 2,287 of 5,387 lines; GS121, GS112; 4 names before) and
`--modules 15` makes 13 modules, so K is not exact there; its score (0.63 / 0.52 against
file order's 0.56 / 0.44) is over the 73 names still placed, not 100. urwid-widget after
planning: 0.50 / 0.33 (file order 0.59 / 0.35). Dropped on the way: every unread value of
a run, objects built by the file's classes included (pyparsing's `lineStart =
LineStart()`): pyparsing 0.49 / 0.055 -> 0.47 / 0.033 (file order 0.27 / 0.05: losing on
ARI), sqlalchemy-expression 0.42 -> 0.40; re-exports counted as constants:
pytype-abstract 0.71 / 0.60 -> 0.69 / 0.59.
"""

from __future__ import annotations

import argparse

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester import choose as ch
from godsplit.suggester import graph as gm


def unread_runs(g: gm.Graph) -> list[list[int]]:
    """Each run of value statements in the file (in file order, within one section) cut
    down to its constants nothing in the file reads: those of two or more. A value reading
    a function or class of the file is no constant, nor is a re-export (`reexports`)."""
    nodes = g.nodes
    built = {r for r, p in g.reads if r >= 0 and nodes[p].kind != "value"} | set(g.reexports)
    runs: list[list[int]] = []
    current: list[int] = []
    last: gm.Node | None = None
    for n in sorted(range(len(nodes)), key=lambda n: nodes[n].line):
        node = nodes[n]
        if node.kind != "value" or (last is not None and last.section != node.section):
            runs.append(current)
            current = []
        if node.kind == "value":
            current.append(n)
        last = node
    runs.append(current)
    unread = [sorted(n for n in run if not g.readers.get(n) and n not in built) for run in runs]
    return [run for run in unread if len(run) > 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every case but the held-out half)")
    args = parser.parse_args(argv)
    cases = ev.tuning_cases(args.cases)
    for case in cases:
        gc = ev.graph_case(case)
        g = gc.graph
        runs = unread_runs(g)
        if not runs:
            continue
        base = ev.score(gc.file_order, gc.theirs)
        row = [f"{case.id}: file order {base.f1:.2f} / {base.ari:.2f}"]
        for label, pieces in (("runs as pieces", True), ("without", False)):
            made = gm.Graph(g.nodes, g.weights, g.reads, g.readers, g.early, g.surface,
                            g.composes, makers=g.makers, reexports=g.reexports) if pieces else g
            if pieces:  # the workflows, and each run one piece (the rule of 82d8696)
                made.__dict__["bonds"] = sorted(g.bonds + runs)
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
