"""How `godsplit suggest` names its modules, against the names the maintainers chose
(round 28, names29).

    .venv/bin/python benchmarks/suggest_names.py [--half all|tuning|...] [--cache DIR]
                                                  [--from DIR] [--list] [CASE ...]

For each case of benchmarks/maintainers (every half but the held-out one, `HELD_OUT`, by
default; `--half all` reads it too), suggest runs as
`suggest_eval.py` runs it (`--modules K`, sizes unbounded). Each of its modules but the
shared one is matched with the maintainers' module holding most of its names (ties: the
smaller of them, then the first by name). The module's name is **equal** to the
maintainers' (their last dotted part, a leading `_` dropped: `_models.vpcs` -> `vpcs`;
`_` apart: `w0wa_cdm` is `w0wacdm`) or **shares a word** with it (both split at `_`,
words stemmed as the suggester stems them: `converters` and `converter`), else neither.
A maintainers' `__init__` has no words: its matches count as neither (their number is
printed apart).

`--cache DIR` stores, per case, the arguments of the last naming call of the suggestion
(`naming.name_modules`: the groups as planned) and where each module's names went;
`--from DIR` names those groups again with the naming code as it is now, without
suggesting anything (seconds, not the half hour the suggestions take): for trying naming
rules. The membership is the cached one, so `--from` is only valid while the grouping
code is unchanged (check with `suggest_eval.py --half all`).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import suggest_eval as ev

from godsplit.config import parse_config
from godsplit.suggester import core, naming
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import stem
from godsplit.types import FACADE

Verdict = tuple[str, str, str, int]  # (suggested name, maintainers' module, "=" "~" or "x", names)


def words(name: str) -> set[str]:
    """The stemmed words of a module name (`_models.vpc_peering_connections`: `vpc`, `peering`,
    `connection`); none for `__init__`."""
    last = re.split(r"[./]", name)[-1]
    return set() if last == "__init__" else {stem(w) for w in last.split("_") if w}


def verdict(ours: str, placed: set[str], theirs: dict[str, set[str]]) -> Verdict | None:
    """The maintainers' module holding most of `placed`, and whether `ours` equals it or
    shares a word with it; None if they place none of its names."""
    count, best = min(((-len(placed & names), len(names), module)
                       for module, names in theirs.items()))[::2]
    count = -count
    if not count:
        return None
    last = re.split(r"[./]", best)[-1].lstrip("_")
    mark = ("=" if ours.replace("_", "") == last.replace("_", "")
            else "~" if words(ours) & words(best) else "x")
    return ours, best, mark, count


def judged(case: ev.Case, modules: dict[str, set[str]]) -> list[Verdict]:
    theirs = {m: set(names) for m, names in case.modules.items()}
    found = (verdict(name, placed, theirs) for name, placed in sorted(modules.items()))
    return [v for v in found if v is not None]


def suggested(case: ev.Case, cache: Path | None) -> dict[str, set[str]]:
    """Suggest's modules for the case (the shared one left out) and the names each holds;
    with `cache`, the last naming call's arguments are stored there."""
    root = ev.project_dir(case)
    calls: list[tuple[tuple[Any, ...], dict[str, Any], list[str]]] = []
    real: Callable[..., list[str]] = vars(core)["name_modules"]

    def recorded(*args: Any, **kwargs: Any) -> list[str]:
        names = real(*args, **kwargs)
        calls.append((args, kwargs, names))
        return names

    vars(core)["name_modules"] = recorded  # (suggest calls core's binding)
    try:
        made = suggest(root / case.path, parse_config({"max-lines": ev.UNBOUNDED},
                                                      root / "godsplit.toml"),
                       ev.UNBOUNDED, modules=case.k)
    finally:
        vars(core)["name_modules"] = real
    modules: dict[str, set[str]] = {}
    for p in made.plan.placements:
        if p.module not in (FACADE, made.shared):
            modules.setdefault(p.module, set()).update(p.names)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{case.id}.pickle").write_bytes(pickle.dumps((calls[-1], modules)))
    return modules


def renamed(case: ev.Case, cache: Path) -> dict[str, set[str]]:
    """The cached modules, each named again by the naming code as it is now."""
    (args, kwargs, old), modules = pickle.loads((cache / f"{case.id}.pickle").read_bytes())
    new = naming.name_modules(*args, **kwargs)
    to = dict(zip(old, new, strict=True))
    return {to.get(name, name): names for name, names in modules.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: all of the chosen half)")
    parser.add_argument("--half", choices=[*ev.HALVES, "all"],
                        help="default: every half but the held-out one")
    parser.add_argument("--cache", type=Path, help="store each case's naming input here")
    parser.add_argument("--from", dest="source", type=Path,
                        help="name the groups cached here again; suggest nothing")
    parser.add_argument("--list", action="store_true", help="print every module's verdict")
    args = parser.parse_args(argv)
    cases = (ev.tuning_cases(args.cases) if args.half is None else
             ev.chosen([ev.load_case(p) for p in sorted(ev.CASES.glob("*.toml"))],
                       args.half, args.cases))
    total: Counter[str] = Counter()
    init = 0
    for case in cases:
        modules = renamed(case, args.source) if args.source else suggested(case, args.cache)
        found = judged(case, modules)
        marks = Counter(v[2] for v in found)
        total.update(marks)
        init += sum(not words(v[1]) for v in found)
        print(f"{case.id} ({case.half}): {len(found)} modules, {marks['=']} equal, "
              f"{marks['~']} share a word, {marks['x']} neither", flush=True)
        if args.list:
            for ours, theirs, mark, count in found:
                print(f"  {mark} {ours:<32} {theirs:<32} {count}")
    n = sum(total.values())
    print(f"\n{len(cases)} cases, {n} modules: {total['=']} equal to the maintainers' name of "
          f"the best-matching module, {total['~']} more share a word with it "
          f"({total['='] + total['~']} in all); {total['x']} neither, {init} of them matched "
          "with an __init__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
