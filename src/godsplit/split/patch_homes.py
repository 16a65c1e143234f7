"""Where a patch of `old.name` must go: one rule for `migrate` and `apply
--rewrite-references`.

A patch goes to the new modules whose code looks `name` up (`Plan.lookups`). Code of the
project that reads `name` at its new home when it runs (`from pkg.old.io import conv` in
a function, `pkg.old.io.conv()`; what `migrate` makes of a read through the old module)
reads the home's binding, which such a patch does not reach: the home is patched too
(round 30, idem31: migrate counted reads at the home, and its second run changed
nothing; round 31: `--rewrite-references` still patched the lookups only).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from ..types import Plan
from .facade_reads import FacadeReads


def home_reads(modules: Collection[str], top: Path | None) -> dict[str, FacadeReads]:
    """An empty record of reads through each new module (`scan` fills it)."""
    return {m: FacadeReads(m, top=top) for m in modules}


def read_at_home(reads: Mapping[str, FacadeReads], homes: Mapping[str, str]) -> frozenset[str]:
    """The names the project reads, at run time and in a form `migrate` follows, through
    the new module that defines them (`homes`: name -> its module)."""
    return frozenset(n for m, found in reads.items() for n, r in found.where.items()
                     if r.followed and homes.get(n) == m)


def patch_homes(lookups: tuple[str, ...], home: str | None, read_through: Collection[str],
                name: str) -> tuple[str, ...]:
    """The modules a patch of `old.name` must go to: where it is looked up, and its home
    where `name` is read through it (`read_through`) and the home does not look it up."""
    if lookups and home and home not in lookups and name in read_through:
        return (*lookups, home)
    return lookups


def plan_lookups(plan: Plan, reads: Mapping[str, FacadeReads]) -> dict[str, tuple[str, ...]]:
    """`plan.lookups` with each name's home added where the project reads it there
    (`reads`: by module, the new modules' among them)."""
    dotted = {m.name: m.dotted for m in plan.modules}
    homes = {n: dotted[p.module] for p in plan.placements if p.module in dotted for n in p.names}
    at_home = read_at_home({m: reads[m] for m in dotted.values() if m in reads}, homes)
    return {n: patch_homes(found, homes.get(n), at_home, n) for n, found in plan.lookups}
