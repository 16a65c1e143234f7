"""Round 30 (tune31a): the cases in the shape `suggester/one_each.py` handles, with
`--modules K` (K the maintainers' module count): K above half the definitions and K - 1
above half the classes, a module per class. On every case but the held-out half's
(`suggest_eval.tuning_cases`; names them to narrow).

    .venv/bin/python benchmarks/suggest_each30.py [CASE ...]

Per case: K, definitions (the graph's nodes), classes, other definitions, and whether
`one_each` makes the grouping; for those that are near the shape (K above a third of the
definitions) the pre-planning F1 / ARI of `choose` against file order's.

Result at 12b1588 (all 86 cases, fresh6 included): `one_each` applies to two,
asciimatics-widgets (K 23, 32 definitions, 25 classes; F1 / ARI 0.23 / 0.20 to 0.92 /
0.91, file order 0.51 / 0.49) and gradio-components (K 37, 51, 41; 0.05 / 0.02 to 0.59 /
0.58, file order 0.51 / 0.49). youtube-dl-extractors and peft-lora have the shape but one
definition that is not a class, which is no pool. The next case by K / definitions,
wagtail-pages (17 of 35, 6 classes), is far from a module per class.
"""

from __future__ import annotations

import argparse

import suggest_eval as ev
from suggest_loo import CAP

from godsplit.suggester.choose import choose
from godsplit.suggester.one_each import one_each


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every tuning case)")
    args = parser.parse_args(argv)
    print("| case | K | definitions | classes | others | one_each | F1 / ARI | file order |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    for case in ev.tuning_cases(args.cases):
        gc = ev.graph_case(case)
        g = gc.graph
        classes = sum(node.kind == "class" for node in g.nodes)
        fires = one_each(g, case.k, CAP) is not None
        scores = ""
        if 3 * case.k > len(g.nodes):
            group = choose(g, case.k, CAP)
            placed = {name: str(group[n]) for n, node in enumerate(g.nodes)
                      for name in node.names}
            s = ev.score({n: placed[n] for n in gc.names}, gc.theirs)
            b = ev.score(gc.file_order, gc.theirs)
            scores = f"{s.f1:.2f} / {s.ari:.2f} | {b.f1:.2f} / {b.ari:.2f}"
        print(f"| {case.id} | {case.k} | {len(g.nodes)} | {classes} | "
              f"{len(g.nodes) - classes} | {'yes' if fires else ''} | {scores or ' |'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
