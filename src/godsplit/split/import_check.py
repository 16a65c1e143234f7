"""The import check, shared by `apply` (after writing) and `plan` (in a scratch copy).

`apply` imports the old module in a fresh interpreter before the split and after writing
it, and compares (`verify.compare_snapshots`). `plan` runs the same check without writing
the project's tree: the import before the split in the real tree, the import after it in a
mirror of the import root with the planned files in it (`scratch.py`), compared the same
way, so each finding only the import check can find (GS406, GS403-GS405, GS408, GS409,
GS413-GS416) is a plan finding, with the code and text `apply` would give, and a plan with
no errors is not rolled back by the import check of `apply`.
"""

from __future__ import annotations

import ast
import json
import os
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..files import named_module, read_source
from ..types import Config, Finding, GodsplitError, Plan
from .alias_order import first_findings
from .frameworks import import_setup
from .import_failure import ImportFailure, missing_words
from .made_objects import made_findings
from .module_homes import home_findings, homes_note
from .registry_check import compare_registries, filled, registries_note
from .scratch import mapped_back, mirrored
from .shadowed import shadowed_at_run_time
from .star_hint import star_hint
from .verify import (
    Snapshot,
    compare_snapshots,
    first_snapshot,
    registered_note,
    renamed_tasks,
    snapshot,
)

Before = tuple[Snapshot | ImportFailure | None, str]  # and the interpreter that imported it
STATICALLY = ("checked statically: the same names and `import *`, every file parses, "
              "no undefined names")


def moved_modules(plan: Plan) -> tuple[str, ...]:
    """The old module, the new package (its subpackages are below it) and the new modules."""
    packages = {m.dotted[: -len(m.name) - 1] for m in plan.modules if m.dotted != m.name}
    return (plan.old_module, *sorted(packages), *(m.dotted for m in plan.modules))


def own_names(plan: Plan) -> tuple[str, ...]:
    """The names the old module's code binds (each placement's, kept or moved): the import
    check compares their functions and classes by these names, whatever `__module__` the
    package gives them."""
    return tuple(sorted({n for p in plan.placements for n in p.names if n.isidentifier()}))


def before_split(config: Config, plan: Plan) -> Before:
    """Import the old module before the split, with the first interpreter that can."""
    if not config.verify_import:
        return None, ""
    _, import_root = named_module(plan.source, plan.old_module)
    return first_snapshot(config.root, import_root, plan.old_module,
                          import_setup(config, import_root).code, moved_modules(plan),
                          config.verify_timeout, filled(plan), own_names(plan))


def import_findings(config: Config, plan: Plan, before: Before) -> list[Finding]:
    """The import check's findings once the split is written (apply): errors for each
    difference; else GS400 (verified); GS412 when the check could not run."""
    return _import_findings(config, plan, before, None)[0]


def _unstable_note(snap: Snapshot) -> str:
    """What GS400 says of the signatures it did not compare (`verify.unstable_details`)."""
    if not snap.unstable:
        return ""
    shown = ", ".join(snap.unstable[:3]) + (" ..." if len(snap.unstable) > 3 else "")
    many = len(snap.unstable) > 1
    hinted = sum(n in snap.stable for n in snap.unstable)  # their hints compared (the same)
    if hinted < len(snap.unstable):
        hints = f"; the type hints of {hinted} of them the same" if hinted else ""
    else:
        hints = f"; {'their' if many else 'its'} type hints the same"
    return (f" (the signature{'s' * many} of {len(snap.unstable)} not compared: "
            f"{'they differ' if many else 'it differs'} between two imports before the "
            f"split, a default computed as the module loads: {shown}{hints})")


def _at_binding(finding: Finding, plan: Plan) -> Finding:
    """A difference about names, at the god file's line binding the first of them (twisted's
    GS404 on `value`: the loop `for name, value in ...`), not at line 1."""
    lines = [p.line for p in plan.placements if p.line and not set(p.names).isdisjoint(
        finding.names[:1])]
    return replace(finding, line=min(lines)) if finding.line == 1 and lines else finding


def _import_findings(config: Config, plan: Plan, before: Before, mirror: Path | None,
                     ) -> tuple[list[Finding], str]:
    """`import_findings`, in the import root or in `mirror`, a scratch copy of it with the
    planned files (plan); and the file the import after the split found the module in."""
    path = str(plan.source)
    snap, python = before
    _, import_root = named_module(plan.source, plan.old_module)
    setup = import_setup(config, import_root)
    findings = []
    found_in = ""
    if isinstance(snap, Snapshot):
        after = snapshot(mirror or import_root, plan.old_module, setup.code,
                         moved_modules(plan), python, config.verify_timeout, filled(plan),
                         own_names(plan))
        if mirror is not None:
            found_in = after.file if isinstance(after, Snapshot) else ""
            after = _mapped(after, mirror, import_root)
        if isinstance(after, ImportFailure):
            findings.append(_no_longer_imports(after, plan, mirror is not None))
        else:
            differences = compare_snapshots(snap, after, path, renamed_tasks(plan))
            differences += home_findings(snap, after, plan, path)  # GS424: `__module__`
            differences += first_findings(snap, after, path)  # GS425: an alias bound first
            findings.extend(star_hint(_at_binding(f, plan), plan) for f in differences)
            filling = compare_registries(snap, after, plan)  # GS419: errors; warnings of order
            differences += [f for f in filling if f.severity == "error"]
            findings += [f for f in filling if f.severity == "error"]
            if not differences:
                findings.append(Finding(
                    "GS400", "info", f"imported {plan.old_module}{setup.describe()} before and "
                    f"after in a fresh interpreter: the same {len(snap.names)} names"
                    f"{new_names(snap.names, after.names)}, of the same kinds; the same "
                    f"signatures and type hints of {len(snap.details) - len(snap.unstable)} moved "
                    f"functions, classes and methods{_unstable_note(snap)}; the same `import *`, "
                    "`__main__` blocks for "
                    "`python -m` and modules loaded"
                    f"{registered_note(snap, after)}{registries_note(snap, after)}"
                    f"{homes_note(snap, after, plan)}",
                    path, 1,
                ))
                findings += [f for f in filling if f.severity != "error"]
            findings.extend(_at_binding(f, plan) for f in made_findings(snap, after, path))
    elif isinstance(snap, ImportFailure):
        if snap.missing:
            why = (missing_words(snap, python) + "; "
                   "activate the project's virtualenv or "
                   f"{'check' if config.verify_setup is not None else 'set'} `verify-setup`")
        else:
            why = setup.failed(snap)
        findings.append(Finding("GS412", "info", f"import check skipped: {why}; {STATICALLY}",
                                path, 1))
    else:
        findings.append(Finding("GS412", "info", f"import check skipped: verify-import = false; "
                                f"{STATICALLY}", path, 1))
    return findings, found_in


def _not_from(mirror: Path, where: str) -> str | None:
    """Where the import after the split found the old module, when not in `mirror`."""
    if not where or os.path.realpath(where).startswith(os.path.realpath(mirror) + os.sep):
        return None
    return where


def _no_longer_imports(after: ImportFailure, plan: Plan, planned: bool) -> Finding:
    """GS406 at the innermost frame in the split's files (the god file, the modules it
    writes), else in the project's; in a module the plan would write (`planned`: the tree
    is as it was), at the god file's line it came from when one line of it reads the same:
    the user's file and line, with where it was raised."""
    if after.timeout is not None:  # not "no longer imports": it may, more slowly
        return Finding("GS406", "error", f"the old module did not finish importing after the "
                       f"split within {after.timeout} s (`verify-timeout`), and it did before: "
                       "a split that makes the import hang is refused; if the machine is only "
                       "slow, raise `verify-timeout`", str(plan.source), 1)
    path, line = after.path or str(plan.source), after.line or 1
    written = {str(c.path): c.data for c in plan.changes if c.data is not None}
    ours = [f for f in after.frames if f[0] in written or f[0] == str(plan.source)]
    raised = after.raised
    if ours and ours[-1] != (path, line):  # the split's own code: moto's `load_resource` line
        raised = raised or f"{path}:{line}"
        path, line = ours[-1]
    notes = [f"raised at {raised}"] if raised else []
    if planned and path in written and Path(path) != plan.source:
        new = written[path].decode(errors="replace").splitlines()
        text = new[line - 1].strip() if 0 < line <= len(new) else ""
        try:
            source = read_source(plan.source).text.splitlines()
        except GodsplitError:
            source = []
        same = [i for i, s in enumerate(source, 1) if text and s.strip() == text]
        notes.insert(0, f"in the planned {os.path.relpath(path, plan.source.parent)}, "
                     f"line {line}")
        found = same[0] if len(same) == 1 else _placed_line(plan, new, line)
        if found is not None:
            path, line = str(plan.source), found
    where = f" ({'; '.join(notes)})" if notes else ""
    return Finding("GS406", "error", f"the old module no longer imports: {after.error}{where}",
                   path, line)


def _placed_line(plan: Plan, new: list[str], line: int) -> int | None:
    """The god file's line of `line` of a planned module (its text `new`): the top-level
    statement holding it, as far into the statement as the unit it binds is in the god
    file (a line godsplit rewrote, `__name__` made a string, reads otherwise)."""
    try:
        body = ast.parse("\n".join(new)).body
    except SyntaxError:
        return None
    for stmt in body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        if not first <= line <= (stmt.end_lineno or stmt.lineno):
            continue
        names = {stmt.name} if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                ast.ClassDef)) else {
            n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Store)}
        lines = {p.line for p in plan.placements if names & set(p.names)}
        return lines.pop() + line - first if len(lines) == 1 else None
    return None


def _mapped(result: Snapshot | ImportFailure, mirror: Path, real: Path
            ) -> Snapshot | ImportFailure:
    """The paths of the mirror in what the probe saw made real: a default that is a path
    under the package (`os.path.dirname(__file__)`) is the same before and after."""
    def back(text: str) -> str:
        return mapped_back(text, mirror, real)

    if isinstance(result, ImportFailure):
        return replace(result, error=back(result.error),
                       path=back(result.path) if result.path else result.path,
                       raised=back(result.raised) if result.raised else result.raised,
                       frames=tuple((back(p), n) for p, n in result.frames))
    return replace(
        result, names={k: back(v) for k, v in result.names.items()},
        details={k: back(v) for k, v in result.details.items()}, main=back(result.main),
        registered={k: back(v) for k, v in result.registered.items()},
        registries=json.loads(back(json.dumps(result.registries))),
        recorded={k: back(v) for k, v in result.recorded.items()})


@dataclass(frozen=True)
class ImportCheck:
    """Whether `plan` ran the import check on a split, what it said (`text`: "ran in a
    scratch copy: ..." or "not run: why"), and its findings (errors; else its warnings)."""

    ran: bool
    text: str
    findings: tuple[Finding, ...] = ()
    seconds: float = 0.0  # how long the imports before and after took


def not_run(why: str) -> ImportCheck:
    return ImportCheck(False, f"not run: {why}")


def check_plans(config: Config, plans: Sequence[Plan],
                say: Callable[[str], None] = lambda _: None) -> dict[str, ImportCheck]:
    """The import check of each plan, by old module, as `apply` would run it after writing
    every plan's files, run in a scratch copy of each import root (nothing is written in
    the project). Plans with errors are not checked: apply would write nothing."""
    out: dict[str, ImportCheck] = {}
    for plan in plans:
        if plan.already_split:
            out[plan.old_module] = not_run("already split")
        elif plan.errors:
            out[plan.old_module] = not_run("the plan has errors (apply would write nothing)")
    todo = [p for p in plans if p.old_module not in out]
    if not config.verify_import:
        return out | {p.old_module: not_run("verify-import = false") for p in todo}
    changes = [c for p in todo for c in p.changes]  # apply writes them all, then imports
    for plan in todo:
        say(f"import check: importing {plan.old_module} before the split")
        start = time.monotonic()
        before = before_split(config, plan)
        snap = before[0]
        if not isinstance(snap, Snapshot):
            skipped = import_findings(config, plan, before)[0]
            out[plan.old_module] = not_run(skipped.message.removeprefix("import check skipped: "))
            continue
        clash = shadowed_at_run_time(plan, snap)
        if clash is not None:  # apply refuses it before writing: no import after
            out[plan.old_module] = ImportCheck(True, "ran: the import before the split "
                                               "found a module name apply refuses", (clash,))
            continue
        _, import_root = named_module(plan.source, plan.old_module)
        say(f"import check: importing {plan.old_module} after the split, in a scratch copy")
        with mirrored(import_root, changes) as mirror:
            found, found_in = _import_findings(config, plan, before, mirror)
            elsewhere = _not_from(mirror, found_in)
        if elsewhere:  # an import hook ahead of the path (meson-python's editable loader)
            out[plan.old_module] = not_run(f"after the split, {plan.old_module} was imported "
                                           f"from {elsewhere}, not from the scratch copy (an "
                                           "import hook comes before sys.path); apply checks it")
            continue
        took = time.monotonic() - start
        errors = tuple(f for f in found if f.severity == "error")
        if errors:
            out[plan.old_module] = ImportCheck(True, f"ran in a scratch copy: {len(errors)} "
                                               f"difference{'s' if len(errors) != 1 else ''}",
                                               errors, took)
        else:  # GS400's words, where the import after the split ran
            said = found[0].message.replace(" before and after in a fresh interpreter",
                                            " before the split and after it, each in a fresh "
                                            "interpreter", 1)
            out[plan.old_module] = ImportCheck(True, f"ran in a scratch copy: {said}", tuple(
                f for f in found if f.severity == "warning"), took)  # (GS129)
    return out


def new_names(before: Collection[str], after: Collection[str]) -> str:
    """", and 2 new: `__all__`, `x`": what importing the module gives after the split that
    it did not before (the `__all__` godsplit writes into a package facade), so that a
    count of the names after (`verify`) adds up with the count of those before."""
    new = sorted(set(after) - set(before))
    shown = ", ".join(f"`{n}`" for n in new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5
                                                    else "")
    return f", and {len(new)} new: {shown}" if new else ""
