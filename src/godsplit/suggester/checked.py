"""`suggest`'s last proof: apply's import check, run on the suggestion's plan in a scratch
copy of the import root (as `godsplit plan` runs it), and what it changes.

A suggestion planned with no errors may still be rolled back by the import check of
`apply`: twisted's `internet/defer.py`, where `@deprecated` builds its warning from
`__module__` while it decorates (GS416), so moving `timeout` changes the message. GS416
names what must stay in the old module ("keep timeout in the old module"): those names
are kept, and the suggestion is made again, at most `ROUNDS` times. The notes say what
the check found, what was kept and why; a difference that keeping cannot fix is left as
an error of the suggestion (nothing is written then).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..split.analyze import Analysis
from ..split.import_check import check_plans
from ..types import Config, Finding, GodsplitError
from .core import Suggestion
from .core import suggest as _suggest
from .kept_why import CHECKED
from .late_calls import late_callers
from .module_makers import makers

ROUNDS = 3


def _to_keep(findings: Sequence[Finding], analysis: Analysis | None,
             stay: Collection[str] = (), kept: Collection[str] = ()) -> dict[str, str]:
    """The top-level names the import check's findings say must stay where they were, each
    with the finding's code: GS416 names one to keep; GS408 the moved functions and classes
    whose signature or type hints changed (a string annotation naming a kept class: kept,
    they read it as before), or rather the moved definitions whose late call changed them
    (`late_calls`; not those `kept` already); GS424 those reporting another `__module__`: the code that
    made them, not kept yet (`module_makers`, read from the suggestion's `analysis`), else
    they themselves."""
    out = {n: f.code for f in findings
           if f.code in CHECKED and f.code not in ("GS408", "GS424") for n in f.names}
    changed = [n for f in findings if f.code == "GS408" for n in f.names]
    callers = late_callers(analysis, changed, {*stay, *kept}) if analysis and changed else []
    out |= dict.fromkeys(callers or changed, "GS408")
    for finding in (f for f in findings if f.code == "GS424"):
        made = makers(analysis, finding.names) if analysis is not None else ()
        made_by = [n for n in made if n not in stay]
        out |= {n: finding.code for n in made_by or finding.names}
    return out


def suggest(source: Path, config: Config, max_lines: int | None, modules: int,
            package: Path | None, stay: Mapping[str, str] | None = None) -> Suggestion:
    """`core.suggest`, refusing a suggestion that maps nothing: every name that could move
    must stay (psutil's `__init__.py`: its entry had no module, and `apply` refused it)."""
    result = _suggest(source, config, max_lines, modules, package, stay)
    if not any(m.mapped for m in result.modules):
        raise GodsplitError(
            f"nothing to split: the {len(result.keep)} names that could move must stay in the "
            "old module" + (f" ({'; '.join(result.keep_why)})" if result.keep_why else ""),
            source)
    return result


def _star_lost(findings: Sequence[Finding]) -> tuple[str, ...]:
    """The names GS405 says `import *` no longer gives (its `names`)."""
    return tuple(n for f in findings if f.code == "GS405" for n in f.names)


def suggest_checked(source: Path, config: Config, max_lines: int | None = None,
                    modules: int = 0, package: Path | None = None, static: bool = False,
                    ) -> Suggestion:
    """`suggest`, then, unless `static` (or verify-import = false), the import check on
    its plan (a note says what it found, or why it could not run); names GS416 says
    to keep, or whose signature or type hints GS408 says changed, are kept and the
    suggestion made again (at most ROUNDS times)."""
    result = suggest(source, config, max_lines, modules, package)
    if static or not config.verify_import:  # the user's choice: nothing to say
        return result
    stay: dict[str, str] = {}
    notes: list[str] = []
    for round_ in range(ROUNDS + 1):
        if result.errors:  # planned with errors: nothing to import (suggest says why)
            return replace(result, notes=(*result.notes, *notes))
        check = check_plans(config, [result.plan])[result.plan.old_module]
        if not check.findings:
            return replace(result, notes=(*result.notes, *notes, f"import check: {check.text}"))
        wanted = {n: c for n, c in _to_keep(check.findings, result.analysis, stay, result.keep).items()
                  if n not in stay}
        lost = _star_lost(check.findings) if result.package is None else ()
        if lost and round_ < ROUNDS:  # the facade would be a package with a fixed `__all__`
            package = source.parent / f"{source.stem}_parts"
            notes.append(
                f"made the new modules a package beside the old module ({package.name}): the "
                f"import check (in a scratch copy) found that `import *` of a package facade "
                f"would no longer give {', '.join(lost)} (GS405), which code elsewhere sets "
                "on the module after it ran; the old module, kept a module, needs no `__all__`")
            result = suggest(source, config, max_lines, modules, package, stay)
            continue
        if not wanted or round_ == ROUNDS:
            return replace(result, plan=replace(
                result.plan, findings=result.plan.findings + check.findings), notes=(
                *result.notes, *notes, f"import check: {check.text}"))
        stay |= wanted
        codes = sorted(set(wanted.values()))
        notes.append(f"kept {', '.join(sorted(wanted))} in the old module: the import check "
                     "(in a scratch copy) found that moving "
                     f"{'them' if len(wanted) > 1 else 'it'} changes "
                     + " and ".join(CHECKED[c] for c in codes) + f" ({', '.join(codes)})")
        result = suggest(source, config, max_lines, modules, package, stay)
    raise AssertionError("unreachable")  # (each round returns or goes on)
