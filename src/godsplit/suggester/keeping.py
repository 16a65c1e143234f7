"""The last repair of a suggestion: code that cannot move stays in the old module (`keep`).

Some code can only run where it is: it compares its module's name with the old one
(GS117), writes or reads the module's namespace (GS122), is read at import time before a
module it needs has bound it (GS112), or changes, at import time, an object that code in
other modules changes too (GS121, GS124). Regrouping cannot fix those (dill's `_dill.py`:
suggest found no mapping without errors). Keeping the definitions the errors point at in
the old module is what a person does with them (`keep = [...]`), and the old module is
where the code was: the plan is made again with them kept, until it is clean or no error
points at a definition that could still be kept. A kept definition that reads moved code
at import time runs after the re-exports, so a moved definition reading it then would be
refused (GS112, peewee: the subclasses of a kept class, theirs, ...): those are kept in
the same round, not one plan per generation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

from ..split.analyze import Analysis
from ..split.assign import Assignment
from ..split.import_backs import moved_backs
from ..split.late_blocks import moved_blocks
from ..split.layout import Layout
from ..split.namespace_reads import namespace_findings
from ..split.render import first_definition
from ..types import Finding, Plan
from .graph import Graph
from .kept_why import Why, record, why_of

# errors regrouping handles (cycles, sizes), and what keeping cannot fix (GS156: code
# reading its own file reads the facade when kept; GS157: a module's own class, fixed by
# `facade = "static"`)
NOT_KEPT = frozenset({"GS104", "GS105", "GS106", "GS107", "GS156", "GS157"})


_LINES = re.compile(r"(?:\blines? |, )(\d+)\b")  # "at line 588", "lines 575 (a), 589 (b)"
_STAYS = re.compile(r"^'([^']+)' stays in the old module but")  # GS112
_REBOUND = re.compile(r"^'([^']+)' is rebound at run time by code that stays")  # GS112


_AT = re.compile(r"(\d+) \(")  # GS124: "lines 5688 (field), 5692 (model)"


def regroup(analysis: Analysis, g: Graph, group: dict[int, int], plan: Plan,
            tried: set[frozenset[int]]) -> bool:
    """Before keeping: the definitions a GS124 names (code changing one object at import
    time, in several modules) go to the module holding most of them, where they run in
    source order; once for each set (a cut or cycle repair may part them again, and then
    they are kept). False if nothing moved."""
    node_of = {name: i for i, n in enumerate(g.nodes) for name in n.names}
    changed = False
    for finding in plan.errors:
        if finding.code != "GS124" or {f.code for f in plan.errors} - {"GS104", "GS105", "GS124"}:
            continue  # with errors only keeping fixes, keep first: then regroup what is left
        # the statements the lines fall in (a line names a unit, or a statement of one)
        at = {bisect_right(analysis.stmt_lines, int(n)) - 1 for n in _AT.findall(finding.message)}
        nodes = frozenset(node_of[n] for u in analysis.units if not at.isdisjoint(u.stmts)
                          for n in u.binds if n in node_of)
        if len(nodes) < 2 or nodes in tried:
            continue
        tried.add(nodes)
        held = Counter(group[n] for n in nodes)
        target = max(sorted(held), key=lambda k: held[k])
        for n in nodes:
            changed |= group[n] != target
            group[n] = target
    return changed


def ahead(analysis: Analysis, assignment: Assignment, layout: Layout) -> list[Finding]:
    """The errors any plan of `assignment` has, found without planning it: top-level code
    reading the module's namespace while it is imported, with moved definitions below it
    (GS127: `namespace_reads` reads the source and the assignment only), and blocks that
    close an import cycle and must stay (GS130: `late_blocks`). Keeping their
    names before the first plan (pyparsing's `core.py`: 12 names) saves planning the
    mapping once only to find them; the errors left after that are kept after its plan."""
    return [*(f for f in namespace_findings(analysis, assignment, layout) if f.severity == "error"),
            *moved_blocks(analysis, assignment),  # they stay (GS130: trio's platform `if`)
            *moved_backs(analysis, assignment, layout.old_module)]  # GS158: exchangelib


def keep_more(analysis: Analysis, errors: Sequence[Finding], kept: set[str],
              why: dict[str, Why] | None = None) -> bool:
    """Add to `kept` the names bound by the definitions a plan's `errors` point at (their
    line and the lines their message names), and by those reading at import time a name
    that stays (GS112), and to `why` the finding that kept each; False if none is new
    (nothing more to try)."""
    before = len(kept)
    why = {} if why is None else why
    for finding in errors:
        if finding.code in NOT_KEPT or finding.path != str(analysis.path):
            continue
        lines = {finding.line, *(int(n) for n in _LINES.findall(finding.message))}
        at_lines = {bisect_right(analysis.stmt_lines, line) - 1 for line in lines}
        stays = _STAYS.match(finding.message)
        rebound = _REBOUND.match(finding.message)  # the code reading it stays with it
        # (ranger's `config/commands.py`: `eval_` stays, for its `eval`, and sets `global
        # fm`; `bulkrename` reads `fm`: the finding's line is `eval_`'s, kept already)
        # all, not 10; GS112 of a late cyclic star import: the code reading its names
        named = set(finding.names) if finding.code in ("GS127", "GS112", "GS130", "GS144", "GS158") else set()
        if finding.code == "GS144" and finding.names[:1] and finding.names[0] not in kept:
            named = {finding.names[0]}  # the class alone first: the facade runs a kept attrs
            # class where its annotations' names are bound as they were (`attrs_order`)
        if stays is not None:  # `if X.ready(): Y = X` moves with `Y = ...`: keep its Y
            named |= _bound_with(analysis, stays.group(1))
        for unit in analysis.units:
            if unit.kind != "definition":
                continue
            at = not at_lines.isdisjoint(unit.stmts)  # (a unit's `lines` count the blank
            # lines and comments before the next statement: not where the unit ends)
            reads = (stays is not None and any(r.name == stays.group(1) and r.import_time
                                              for r in unit.reads)) or (rebound is not None and any(
                r.name == rebound.group(1) for r in unit.reads))
            if at or reads or not unit.binds.isdisjoint(named):
                names = {n for n in unit.binds if not n.startswith("__")}
                record(why, names - kept, why_of(finding.code, finding.message, finding.line))
                kept |= names
    late = set(kept)
    _late_readers(analysis, kept)
    record(why, kept - late, ("late", ""))
    return len(kept) > before


def _bound_with(analysis: Analysis, name: str) -> set[str]:
    """The names a statement that is no definition binds (an `if` block around an
    assignment: PuLP's `if COINMP_DLL.available(): COIN = COINMP_DLL`) while reading
    `name` at import time, when a definition binds them too: the plan moves that statement
    with the definition (one name, one module), so it reads `name` where the definition
    goes. Keeping the definition keeps the statement."""
    defined = {n for u in analysis.units if u.kind == "definition" for n in u.binds}
    return {n for u in analysis.units if u.kind != "definition" and any(
        r.name == name and r.import_time for r in u.reads)
        for n in u.binds & defined if not n.startswith("__")}


def _late_readers(analysis: Analysis, kept: set[str]) -> None:
    """Add to `kept` the definitions that read a kept name at import time (in their own
    code, not in code another module runs) when that name is bound late: its definition
    reads at import time, itself or through kept code, a name that moved or an import
    below the import block (as the facade orders kept code: `kept_order`)."""
    first = first_definition(analysis)
    units = analysis.units
    while True:
        held = {u.id for u in units if u.kind == "definition" and u.binds & kept}
        late: set[int] = set()
        grew = True
        while grew:  # the kept definitions bound after the re-exports
            before = len(late)
            late |= {uid for uid in held - late if any(
                p != uid and (p in late or p not in held) and not (
                    units[p].kind in ("import", "future") and units[p].first < first)
                for r in units[uid].reads if r.import_time and not r.annotation_only
                for p in analysis.binders.get(r.name, ()))}
            grew = len(late) > before
        names = {n for uid in late for n in units[uid].binds}
        found = {n for u in units if u.kind == "definition" and u.id not in held and any(
            r.import_time and not r.annotation_only and not r.runners and r.name in names
            for r in u.reads) for n in u.binds if not n.startswith("__")}
        if found <= kept:
            return
        kept |= found


def kept_note(analysis: Analysis, keep: tuple[str, ...], facade_lines: int) -> str:
    """How much a suggestion keeps: a split that moves little is no split. `facade_lines`
    counts the whole facade, godsplit's own code in it too (a 28-line source's facade had
    101 lines, and the note said "the old module has 101": round 30)."""
    total = analysis.source.text.count("\n")
    stays = sum(u.lines for u in analysis.units if u.binds & set(keep))
    return (f"{len(keep)} names stay in the old module (keep): {stays} of the source's {total} "
            f"lines (with their imports, the re-exports and godsplit's facade code, the "
            f"facade has {facade_lines})"
            + ("; this split moves less than half of the file" if 2 * stays > total else ""))
