"""What planning costs `suggest --modules K` (round 30): the grouping `choose` made, scored
against the maintainers' layout, beside the grouping the plan placed (what
benchmarks/suggest_eval.py scores), and where the names went that planning moved.

    .venv/bin/python benchmarks/suggest_planloss31.py [--names] [CASE ...]

For each case (default: every case but the held-out half, as suggest_eval's
`tuning_cases` reads them), one `suggest --modules K` run, as `suggest_eval.evaluate` makes
it: `choose`'s grouping is recorded as it is returned, before any plan. Both groupings are
scored over the same names (those suggest_eval scores: placed in a module by the plan and
by the maintainers), so the difference is what planning moved, not what it kept in the old
module. Printed per case: F1/ARI before planning and after, file order's, how many
names planning moved to the shared module, how many it moved to another module, and how
many it kept in the old module (not scored) with the findings that kept them; then the
modules the suggestion lists (its table, `_shared` included) against K. `--names` lists
each moved name with the plan's reason for its placement.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import suggest_eval  # noqa: E402

from godsplit.suggester import core  # noqa: E402
from godsplit.suggester.graph import Graph  # noqa: E402
from godsplit.suggester.place import SHARED  # noqa: E402
from godsplit.types import FACADE  # noqa: E402

_seen: dict[str, object] = {}


def _recording_choose(g: Graph, k: int, cap: int) -> dict[int, int]:
    group = _choose(g, k, cap)
    _seen["graph"], _seen["before"] = g, dict(group)
    return group


def _recording_suggest(*args: object, **kwargs: object) -> core.Suggestion:
    made = _suggest(*args, **kwargs)
    _seen["made"] = made
    return made


# (each module binds the name it calls: patched there, in its namespace)
_choose: Callable[[Graph, int, int], dict[int, int]] = vars(core)["choose"]
_suggest: Callable[..., core.Suggestion] = vars(suggest_eval)["suggest"]
vars(core)["choose"] = _recording_choose
vars(suggest_eval)["suggest"] = _recording_suggest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--names", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for case in suggest_eval.tuning_cases(args.cases):
        _seen.clear()
        r = suggest_eval.evaluate(case)
        g: Graph = _seen["graph"]  # type: ignore[assignment]
        made: core.Suggestion = _seen["made"]  # type: ignore[assignment]
        before_group: dict[int, int] = _seen["before"]  # type: ignore[assignment]
        node = {name: i for i, n in enumerate(g.nodes) for name in n.names}
        theirs = {name: m for _, name, m, _, _ in r.placements}
        after = {name: ours for _, name, _, ours, _ in r.placements}
        names = sorted(n for n in theirs if n in node)
        before = {n: ("shared" if before_group[node[n]] == SHARED else
                      f"g{before_group[node[n]]}") for n in names}
        s0 = suggest_eval.score(before, {n: theirs[n] for n in names})
        s1 = suggest_eval.score({n: after[n] for n in names}, {n: theirs[n] for n in names})
        truth = {x: m for m, xs in case.modules.items() for x in xs if x in node}
        s_all = suggest_eval.score({x: str(before_group[node[x]]) for x in truth}, truth)
        # each group's module: where most of its names went
        home = {k: Counter(after[n] for n in names if before[n] == k).most_common(1)[0][0]
                for k in set(before.values())}
        moved = [n for n in names if after[n] != home[before[n]]]
        to_shared = [n for n in moved if after[n] == made.shared]
        placement = {n: p for p in made.plan.placements for n in p.names}
        kept = [n for n in truth if placement.get(n) and placement[n].module == FACADE]
        listed = len(made.modules)
        planned = len({p.module for p in made.plan.placements if p.module != FACADE})
        rows.append((case.id, s0, s1, r.baseline, listed, planned))
        print(f"{case.id} ({case.half}) K={case.k}: before planning F1 {s0.f1:.2f} ARI "
              f"{s0.ari:.2f}; after F1 {s1.f1:.2f} ARI {s1.ari:.2f}; file order F1 "
              f"{r.baseline.f1:.2f} ARI {r.baseline.ari:.2f}; before planning over all {len(truth)} "
              f"names F1 {s_all.f1:.2f} ARI {s_all.ari:.2f}; moved {len(moved)} of "
              f"{len(names)} ({len(to_shared)} to {made.shared}); kept {len(kept)}; "
              f"modules listed {listed}, planned {planned}"
              + ("" if listed == case.k else f" != K {case.k}"), flush=True)
        if args.names:
            for n in moved:
                p = placement[n]
                print(f"    {n}: {before[n]} ({home[before[n]]}) -> {after[n]} "
                      f"[{p.reason}: {p.detail}] maintainers {theirs[n]}")
            for n in kept:
                print(f"    {n}: kept [{placement[n].detail}] group {before_group[node[n]]}, "
                      f"maintainers {truth[n]}")
            print("    after: " + ", ".join(f"{m} {c}" for m, c in sorted(Counter(
                after[n] for n in names).items())))
            if made.keep_why:
                print(f"    keep: {'; '.join(made.keep_why)}")
    count = len(rows) or 1
    print(f"\n{len(rows)} cases: mean F1 before planning {sum(r[1].f1 for r in rows) / count:.3f}, "
          f"after {sum(r[2].f1 for r in rows) / count:.3f}; mean ARI before "
          f"{sum(r[1].ari for r in rows) / count:.3f}, after {sum(r[2].ari for r in rows) / count:.3f}")
    worst = sorted(rows, key=lambda r: r[2].f1 - r[1].f1)[:12]
    print("planning costs most: " + ", ".join(f"{r[0]} {r[1].f1:.2f}->{r[2].f1:.2f}"
                                             for r in worst))
    off = [f"{r[0]} listed {r[4]}" for r in rows
           if r[4] != suggest_eval.load_case(HERE / "maintainers" / f"{r[0]}.toml").k]
    print(f"modules listed != K: {len(off)}" + (f" ({', '.join(off)})" if off else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
