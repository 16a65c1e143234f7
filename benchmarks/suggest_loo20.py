"""Round 20 (suggest20): a utility layer pooled, for `suggest --modules K`, judged by
leave-one-out on the tuning half only (as `suggest_loo.py`; the other halves are never
read).

    .venv/bin/python benchmarks/suggest_loo20.py [--settings] [CASE ...]

Why: pytest's `python.py` (tuning) became `python`, `fixtures` and `compat`, the last
the small helpers both others read (`getfslineno`, `safe_getattr`, `NOTSET`, ...);
suggest spreads them over the groups that read them. `pool`: after today's choice, each
definition that reads no other definition of the file (a leaf) and is read from at least
`spread` other groups moves to the group that holds most such leaves, unless it is the
last member of its group or (`guarded`) more groups end on a cycle of reads.

Result (round 20, at 1f988e1, scored before planning as `suggest_loo.py` scores): today
0.682 / ARI 0.446, 16 of 18 beat file order (before planning beets-commands is 0.54 /
0.51: it loses only after the plan's GS124 repair puts every registered command in one
module); `pool` in-sample at best today's figures, leave-one-out 0.677 / 0.440, 16 of 18
(pylint-lint 0.74 to 0.65 when the other cases pick `spread 1`; pytest-python and
mypy-main unchanged). Dropped: nothing shipped.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

import suggest_eval as ev
from suggest_loo import CAP, Figures, Grouping, loo

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as ch
from godsplit.suggester.graph import Graph, build_graph


def pool(g: Graph, group: Grouping, spread: int, guarded: bool, values: bool) -> Grouping:
    """`group` with the widely read leaves pooled in one group (see the docstring)."""
    group = dict(group)
    reads = {r for (r, p) in g.reads if r >= 0 and r != p}
    leaves = [n for n in range(len(g.nodes)) if n not in reads and (
        values or g.nodes[n].kind != "value")]
    wide = [n for n in leaves if len({group[r] for r in g.readers.get(n, ()) if r >= 0}
                                     - {group[n]}) >= spread]
    if len(wide) < 2:
        return group
    held = Counter(group[n] for n in wide)
    target = max(sorted(held), key=lambda k: held[k])
    tangled = ch.tangled(g, group)
    for n in sorted(wide):
        if group[n] == target or sum(v == group[n] for v in group.values()) == 1:
            continue
        old, group[n] = group[n], target
        if guarded and ch.tangled(g, group) > tangled:
            group[n] = old
    return group


def variants(g: Graph, k: int) -> dict[str, dict[str, Grouping]]:
    today = ch.choose(g, k, CAP)
    out: dict[str, dict[str, Grouping]] = {"pool": {"today": today}}
    for spread, guarded, values in itertools.product((1, 2, 3), (True, False), (True, False)):
        out["pool"][f"spread {spread} guarded {guarded} values {values}"] = pool(
            g, today, spread, guarded, values)
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
        g = build_graph(analyze(read_source(source)), ())
        truth = {n: m for m, names in case.modules.items() for n in names}
        first = {name: node.line for node in g.nodes for name in node.names}
        names = sorted(set(first) & set(truth))
        theirs = {n: truth[n] for n in names}
        total = source.read_text(errors="replace").count("\n") + 1
        fo = ev.score(ev.file_order({n: first[n] for n in names}, total, case.k), theirs)
        baseline[case.id] = fo.f1, fo.ari
        for family, settings in variants(g, case.k).items():
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

    for family, table in tables.items():
        today = table["today"]
        print(f"\ntoday: F1 {mean(today, 0):.3f} / ARI {mean(today, 1):.3f}, beats file order "
              f"on {beats(today)} of {len(ids)}")
        top = max(table, key=lambda s: (mean(table[s], 0), -list(table).index(s)))
        picked = loo(table, ids)
        out = {c: figures for c, (_, figures) in picked.items()}
        strict = {c: figures for c, (_, figures) in loo(table, ids, baseline).items()}
        print(f"{family}: best in-sample {top!r}: F1 {mean(table[top], 0):.3f} / ARI "
              f"{mean(table[top], 1):.3f}, {beats(table[top])} beat file order; "
              f"leave-one-out: F1 {mean(out, 0):.3f} / ARI {mean(out, 1):.3f}, "
              f"{beats(out)} beat file order; choosing by cases beaten first: F1 "
              f"{mean(strict, 0):.3f} / ARI {mean(strict, 1):.3f}, {beats(strict)}")
        for setting in table if args.settings else ():
            print(f"  in-sample {setting!r}: F1 {mean(table[setting], 0):.3f} / ARI "
                  f"{mean(table[setting], 1):.3f}, {beats(table[setting])}")
        for case_id in ids:
            chosen, (f1, ari) = picked[case_id]
            print(f"  {case_id:<25} today {today[case_id][0]:.2f} / {today[case_id][1]:.2f}  "
                  f"LOO {f1:.2f} / {ari:.2f}  file order {baseline[case_id][0]:.2f} / "
                  f"{baseline[case_id][1]:.2f}  ({chosen})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
