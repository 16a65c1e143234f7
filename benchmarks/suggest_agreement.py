"""How far `godsplit suggest` agrees with a hand-made mapping, per god file.

For every `[[split]]` of a config (default: the intelliwiz fixture's, the seed's own
grouping), plan the hand-made mapping and the suggestion, and compare where each puts the
file's Celery tasks, over pairs of tasks:

    precision = pairs together in both / pairs together in the suggestion
    recall    = pairs together in both / pairs together in the hand-made mapping
    purity    = tasks whose suggested module's most common hand-made module is their own

    python benchmarks/suggest_agreement.py [--config FILE] [--max-lines N] [--markdown]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from godsplit.config import load_config
from godsplit.split.plan import plan_split
from godsplit.split.transforms import task_decorator
from godsplit.suggester.core import suggest
from godsplit.types import Config, Plan, SplitConfig

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "intelliwiz" / "godsplit.toml"


@dataclass(frozen=True)
class Agreement:
    source: str
    tasks: int
    hand_modules: int
    suggested_modules: int
    precision: float
    recall: float
    purity: float
    largest: int  # lines of the largest suggested module
    seconds: float


def tasks_of(plan: Plan, split: SplitConfig, module: cst.Module) -> dict[str, str]:
    """Each Celery task's module in a plan."""
    tasks = {s.name.value for s in module.body
             if isinstance(s, cst.FunctionDef) and task_decorator(s, split.task_decorators)}
    return {n: p.module for p in plan.placements for n in p.names if n in tasks}


def together(placement: dict[str, str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in itertools.combinations(sorted(placement), 2)
            if placement[a] == placement[b]}


def purity(theirs: dict[str, str], ours: dict[str, str], tasks: list[str]) -> float:
    majority = {}
    for module in sorted(set(ours.values())):
        seeds = Counter(theirs[t] for t in tasks if ours[t] == module)
        if seeds:
            majority[module] = max(sorted(seeds), key=lambda m: seeds[m])
    return sum(majority[ours[t]] == theirs[t] for t in tasks) / len(tasks) if tasks else 1.0


def agreement(config: Config, split: SplitConfig, max_lines: int | None = None) -> Agreement:
    hand, analysis = plan_split(config, split)
    if analysis is None or hand.errors:
        raise SystemExit(f"{split.source}: the hand-made mapping does not plan cleanly")
    start = time.perf_counter()
    suggestion = suggest(split.source, config, max_lines)
    seconds = time.perf_counter() - start
    if suggestion.errors:
        raise SystemExit(f"{split.source}: the suggestion does not plan cleanly: "
                         + "; ".join(f.render() for f in suggestion.errors))
    theirs = tasks_of(hand, split, analysis.module)
    ours = tasks_of(suggestion.plan, split, analysis.module)
    both_tasks = sorted(set(theirs) & set(ours))
    theirs_pairs = together({t: theirs[t] for t in both_tasks})
    ours_pairs = together({t: ours[t] for t in both_tasks})
    both = theirs_pairs & ours_pairs
    return Agreement(
        source=split.source.relative_to(config.root).as_posix(),
        tasks=len(both_tasks),
        hand_modules=len(hand.modules),
        suggested_modules=len(suggestion.plan.modules),
        precision=len(both) / len(ours_pairs) if ours_pairs else 1.0,
        recall=len(both) / len(theirs_pairs) if theirs_pairs else 1.0,
        purity=purity(theirs, ours, both_tasks),
        largest=max((m.lines for m in suggestion.plan.modules), default=0),
        seconds=seconds,
    )


def table(rows: list[Agreement], max_lines: int) -> str:
    out = [
        "| god file | tasks | seed modules | suggested modules | pairwise precision | "
        f"pairwise recall | tasks in their seed module's group | largest module (max {max_lines}) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    out.extend(
        f"| `{r.source}` | {r.tasks} | {r.hand_modules} | {r.suggested_modules} | "
        f"{r.precision:.0%} | {r.recall:.0%} | {round(r.purity * r.tasks)} of {r.tasks} | "
        f"{r.largest} |"
        for r in rows
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=FIXTURE)
    parser.add_argument("--max-lines", type=int, default=None)
    parser.add_argument("--markdown", action="store_true", help="print only the table")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    rows = [agreement(config, split, args.max_lines) for split in config.splits]
    limit = args.max_lines or config.max_lines
    if not args.markdown:
        for r in rows:
            print(f"{r.source}: {r.tasks} tasks, {r.suggested_modules} modules "
                  f"(seed {r.hand_modules}), precision {r.precision:.2f}, recall "
                  f"{r.recall:.2f}, purity {r.purity:.2f}, largest {r.largest} lines, {r.seconds:.1f}s")
        print()
    print(table(rows, limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
