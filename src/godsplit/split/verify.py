"""Stage 5, verify: the old module gives what it gave before.

Statically: the facade binds the same names and gives the same `import *` as the source
(`compare_static`; every written file parses and reads no undefined name: `written`).
Where the module imports, dynamically, by importing the old path in a fresh interpreter
before and after (`probe.py`): names, object kinds, `from old import *`, the signatures
and type hints of every moved function, class and method, and what `python -m old` runs.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst
import pyflakes.checker
import pyflakes.messages

from ..files import SourceText
from ..types import Finding, Plan
from .all_names import list_comps
from .analyze import Analysis, analyze
from .facade import runtime_names, star_names
from .import_failure import ImportFailure, failure_of
from .main_guards import is_main_block
from .probe_out import probe_source, run_probe
from .unstable_details import stable_tails, unstable_details

Fingerprint = list[object]  # a registry's contents, as `probe.registries` reads them


@dataclass(frozen=True)
class Snapshot:
    names: dict[str, str]
    star: tuple[str, ...]
    details: dict[str, str] = field(default_factory=dict)  # signature | type hints
    main: str = ""  # what `python -m module` runs
    loaded: tuple[str, ...] = ()  # the other modules importing it loaded
    registered: dict[str, str] = field(default_factory=dict)  # Celery task and logger names
    recorded: dict[str, str] = field(default_factory=dict)  # module names held by closures
    file: str = ""  # the module's __file__ (plan's check: the scratch copy's, or not)
    object: str = "module"  # what the import gives: a module, or what replaced it (probe)
    made: dict[str, str] = field(default_factory=dict)  # class statements' non-classes (GS129)
    registries: dict[str, Fingerprint] = field(default_factory=dict)  # (registry_check)
    homes: dict[str, str] = field(default_factory=dict)  # `__module__`s (module_homes)
    unstable: tuple[str, ...] = ()  # details two imports before the split differ in (stable)
    # of those, the end both imports agreed on, from a ` | ` on (their type hints): compared
    stable: dict[str, str] = field(default_factory=dict)
    firsts: dict[str, str] = field(default_factory=dict)  # a later name -> first (alias_order)


def static_names(source: SourceText | Analysis) -> tuple[set[str], set[str]]:
    """Names the module binds, and what `import *` gives, from its source or its analysis."""
    analysis = source if isinstance(source, Analysis) else analyze(source)
    names = {n for n in runtime_names(analysis) if not n.lower().startswith("_godsplit")}
    return names | served_live(analysis), set(star_names(analysis)) - left_out(analysis)


def left_out(analysis: Analysis) -> set[str]:
    """The names a package facade's run-time `__all__` leaves out (its submodules: `__all__
    += [n for n in dict(globals()) if ... and n not in ("one", "two")]`, or the same list
    its `__getattr__` gives `import *`, in an `if` block: `runtime/lazy_all.py`)."""
    out: set[str] = set()
    for stmt in analysis.module.body:
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
        comps = [small.value] if isinstance(small, cst.AugAssign) and isinstance(
            small.target, cst.Name) and small.target.value == "__all__" else (
            list_comps(stmt) if isinstance(stmt, cst.If) else [])
        for comp in comps:
            if not isinstance(comp, cst.ListComp) or analysis.module.code_for_node(
                    comp.for_in.iter) != "dict(globals())":
                continue
            test = comp.for_in.ifs[-1].test if comp.for_in.ifs else None
            last = test.right if isinstance(test, cst.BooleanOperation) else test
            if isinstance(last, cst.Comparison) and isinstance(last.comparisons[-1].operator, cst.NotIn):
                names = last.comparisons[-1].comparator
                out |= {e.value.evaluated_value for e in getattr(names, "elements", ())
                        if isinstance(e.value, cst.SimpleString) and isinstance(e.value.evaluated_value, str)}
    return out


def served_live(analysis: Analysis) -> set[str]:
    """The globals a facade serves through its `__getattr__` (`_GODSPLIT_LIVE`'s keys)."""
    unit = analysis.unit_of("_GODSPLIT_LIVE")
    if unit is None:
        return set()
    stmt = analysis.module.body[unit.first]
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
    value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
    if isinstance(value, cst.DictComp):  # the live facade: {name: ref for ref, names in {..}}
        table = value.for_in.iter
        return {
            item.value.evaluated_value for element in getattr(table, "elements", ())
            if isinstance(element, cst.DictElement) and isinstance(element.value, cst.Tuple)
            for item in element.value.elements if isinstance(item.value, cst.SimpleString)
            and isinstance(item.value.evaluated_value, str)
        }
    if not isinstance(value, cst.Dict):
        return set()
    return {
        key.evaluated_value for element in value.elements
        if isinstance(element, cst.DictElement) and isinstance(key := element.key, cst.SimpleString)
        and isinstance(key.evaluated_value, str)
    }


def compare_static(
    before: SourceText | Analysis, after: SourceText | Analysis, path: str
) -> list[Finding]:
    """Pass the original's Analysis when there is one: only the (small) facade is parsed."""
    old_names, old_star = static_names(before)
    new_names, new_star = static_names(after)
    findings = []
    missing = sorted(old_names - new_names)
    if missing:
        findings.append(Finding("GS401", "error", f"the facade no longer binds: {', '.join(missing)}",
                                path, 1))
    if old_star != new_star:
        lost, gained = sorted(old_star - new_star), sorted(new_star - old_star)
        findings.append(Finding(
            "GS402", "error", "`from module import *` changed: "
            + "; ".join(p for p in (f"lost {', '.join(lost)}" if lost else "",
                                    f"gained {', '.join(gained)}" if gained else "") if p),
            path, 1,
        ))
    return findings


def result_line(stdout: str) -> str:
    """The probe's result, from its marked line: the module's code (an `atexit` handler)
    may print after it."""
    marked = [line for line in stdout.splitlines() if line.startswith("godsplit-probe: ")]
    return marked[-1][len("godsplit-probe: "):] if marked else ""


def snapshot(
    root: Path, module: str, setup: str | None, moved: tuple[str, ...] = (),
    python: str = sys.executable, timeout: int = 120, filled: tuple[str, ...] = (),
    own: tuple[str, ...] = (),
) -> Snapshot | ImportFailure:
    """Import `module` with `python` in a fresh interpreter (`probe.py`): a Snapshot, or
    why it failed. Instances of classes defined in the `moved` modules compare by name;
    `filled`: the registries whose contents to read (`registry_check`); `own`: the names the
    old module's code binds, whose functions and classes are compared whatever their
    `__module__`."""
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # one hash seed for every import: a set's repr (a default `name_rejects={"__file__", ...}`
    # in a signature, reportlab's rl_safe_eval) is in the order of its strings' hashes
    env["PYTHONHASHSEED"] = "0"
    probe = probe_source()
    try:
        proc, line = run_probe([python, "-c", probe, str(root), module, setup or "",
                                ",".join(moved), ",".join(filled), ",".join(own)],
                               root, timeout, env)
    except subprocess.TimeoutExpired:
        return ImportFailure(f"importing it took over {timeout} s", timeout=timeout)
    except OSError as exc:
        return ImportFailure(f"cannot run {python}: {exc.strerror}")
    if proc.returncode != 0:
        return failure_of(proc.stderr, proc.returncode, root)
    if not line:
        return ImportFailure("the probe wrote no result: the module's code ended the "
                             "interpreter while it was imported")
    data = json.loads(line)
    return Snapshot(dict(data["names"]), tuple(data["star"]), dict(data["details"]), data["main"],
                    tuple(data["loaded"]), dict(data["registered"]), dict(data["recorded"]),
                    data.get("file") or "", data.get("object", "module"), dict(data["made"]),
                    dict(data.get("registries") or {}), dict(data.get("homes") or {}),
                    firsts=dict(data.get("firsts") or {}))


def interpreters(root: Path) -> list[str]:
    """Pythons that may have the project's dependencies: godsplit's own, the active
    virtualenv, and a `.venv` or `venv` in the project, in that order."""
    found = [sys.executable]
    candidates = [Path(os.environ["VIRTUAL_ENV"])] if os.environ.get("VIRTUAL_ENV") else []
    for directory in (root, *root.parents):
        candidates += [directory / ".venv", directory / "venv"]
        if (directory / ".git").exists() or (directory / "pyproject.toml").is_file():
            break
    for venv in candidates:
        for python in (venv / "bin" / "python", venv / "Scripts" / "python.exe"):
            if python.is_file() and str(python) not in found:
                found.append(str(python))
    return found


def first_snapshot(
    root: Path, import_root: Path, module: str, setup: str | None, moved: tuple[str, ...] = (),
    timeout: int = 120, filled: tuple[str, ...] = (), own: tuple[str, ...] = (),
) -> tuple[Snapshot | ImportFailure, str]:
    """Import `module` with the first of the project's `interpreters` that can, and the
    interpreter that did. An error in one interpreter is not final: godsplit's own may lack
    what a library re-raises as an error of its own (Biopython's "Please install ReportLab",
    `from None`) and the project's virtualenv have it. If none can, the first failure that
    is not a missing package, or, when each lacks one, the first, with all the interpreters
    tried. The modules it loaded are those two imports in a row both loaded."""
    failures: list[tuple[str, str]] = []
    errors: list[tuple[ImportFailure, str]] = []
    first: ImportFailure | None = None
    tried = interpreters(root)
    for python in tried:
        result = snapshot(import_root, module, setup, moved, python, timeout, filled, own)
        if isinstance(result, Snapshot):
            # once more: a first import may fill a cache (matplotlib's font list) with modules
            # later imports do not load, which GS413 would take for a change of the split
            again = snapshot(import_root, module, setup, moved, python, timeout, filled, own)
            if isinstance(again, Snapshot):
                unstable = unstable_details(result, again)
                result = replace(result, loaded=tuple(m for m in result.loaded if m in again.loaded),
                                 unstable=unstable, stable=stable_tails(result, again, unstable))
            return result, python
        if result.missing is None:
            errors.append((result, python))
            continue
        first = first or result
        failures.append((result.lacked(), python))
    if errors:
        return errors[0]
    assert first is not None
    return replace(first, lacks=tuple(failures)), ", ".join(tried)


def renamed_tasks(plan: Plan) -> frozenset[str]:
    """The Celery tasks the plan says will be renamed (GS205: pin-task-names is off)."""
    return frozenset(f.message.split("'")[1] for f in plan.findings if f.code == "GS205")


def registered_note(before: Snapshot, after: Snapshot) -> str:
    """What the GS400 line says of the registered names, once they compared equal."""
    same = sum(after.registered.get(n) == v for n, v in before.registered.items())
    renamed = len(before.registered) - same
    return "".join((
        (f"; the same names of {same} Celery tasks and loggers" if same > 1 else
         "; the same name of a Celery task or logger" if same else ""),
        f"; {renamed} Celery task{'s' if renamed != 1 else ''} renamed, as planned (GS205)"
        if renamed else ""))


def compare_snapshots(before: Snapshot, after: Snapshot, path: str,
                      renamed: Collection[str] = ()) -> list[Finding]:
    """What changed, as errors. `renamed`: Celery tasks the plan said it renames."""
    findings = []
    missing = sorted(set(before.names) - set(after.names))
    if missing:
        findings.append(Finding("GS403", "error", "after the split, importing the old module no "
                                f"longer gives: {', '.join(missing)}", path, 1, tuple(missing)))
    changed = sorted(n for n in before.names if n in after.names and before.names[n] != after.names[n])
    if changed or before.object != after.object:
        detail = ", ".join([f"the imported object itself ({before.object} -> {after.object})"]
                           * (before.object != after.object)
                           + [f"{n} ({before.names[n]} -> {after.names[n]})" for n in changed])
        findings.append(Finding("GS404", "error", f"objects changed kind: {detail}", path, 1,
                                tuple(changed)))
    if before.star != after.star:
        lost, gained = sorted(set(before.star) - set(after.star)), sorted(set(after.star) - set(before.star))
        said = "; ".join(f"{what}: {', '.join(names[:8])}{' ...' if len(names) > 8 else ''}"
                         for what, names in (("no longer", lost), ("new", gained)) if names)
        findings.append(Finding("GS405", "error", "`from module import *` gives other names at "
                                f"run time ({said or 'in another order'})", path, 1, tuple(lost)))
    differ = sorted(n for n in before.details if before.details[n] != after.details.get(n)
                    and not (n in before.unstable and n in after.details
                             and after.details[n].endswith(before.stable.get(n, ""))))
    for name in differ[:5]:
        findings.append(Finding("GS408", "error", f"{name}: signature or type hints changed: "
                                f"{before.details[name]} -> {after.details.get(name, 'gone')}",
                                path, 1, (name.split(".")[0],)))
    if len(differ) > 5:
        findings.append(Finding("GS408", "error", f"and {len(differ) - 5} more: "
                                f"{', '.join(differ[5:])}", path, 1,
                                tuple(sorted({n.split(".")[0] for n in differ[5:]}))))
    renamed = [f"{n} ({before.registered[n]} -> {after.registered.get(n, 'gone')})"
               for n in sorted(before.registered) if before.registered[n] != after.registered.get(n)
               and before.registered[n].removeprefix("Celery task ") not in renamed]
    if renamed:
        findings.append(Finding("GS414", "error", "objects are registered under other names: "
                                + ", ".join(renamed), path, 1,
                                tuple(sorted({r.split(" (")[0].split(".")[0] for r in renamed}))))
    for name in sorted(n for n in before.recorded if before.recorded[n] != after.recorded.get(n)):
        findings.append(Finding("GS416", "error", f"{name} recorded its module's name while it was "
                                f"defined (a decorator's message): {before.recorded[name]!r} is now "
                                f"{after.recorded.get(name, 'gone')!r}; keep {name.split('.')[0]} in "
                                "the old module (keep-module-name sets __module__ after)", path, 1,
                                (name.split(".")[0],)))
    gained = sorted(set(after.loaded) - set(before.loaded))
    lost = sorted(set(before.loaded) - set(after.loaded))
    if gained or lost:
        findings.append(Finding("GS413", "error", "importing the old module loads other modules: "
                                + "; ".join(p for p in (
                                    f"now also {', '.join(gained)}" if gained else "",
                                    f"no longer {', '.join(lost)}" if lost else "") if p),
                                path, 1))
    if before.main != after.main:
        findings.append(Finding("GS409", "error", f"`python -m` ran {before.main}; now it "
                                f"would run {after.main}", path, 1))
    return findings


def written(
    texts: dict[Path, str], source: Analysis, served: Collection[str] = ()
) -> list[Finding]:
    """Every file written parses, and pyflakes finds in it no undefined name (nor an
    undefined name in `__all__`) that the source did not have already. `served`: names a
    static facade serves through PEP 562 `__getattr__` rather than binding them."""
    before: set[str] | None = None  # the source's own undefined names, when needed
    findings = []
    for path, text in sorted(texts.items()):
        try:
            tree = ast.parse(text, str(path))
        except SyntaxError as exc:
            findings.append(Finding("GS410", "error", f"godsplit wrote code that does not parse: "
                                    f"{exc.msg}", str(path), exc.lineno or 1))
            continue
        # a stub (moved with its module) may name what it defines later: not a run-time read
        found = set() if path.suffix == ".pyi" else _undefined(text, str(path), tree) or set()
        if found and before is None:
            # a local read before its assignment (`text[start]` above `text = f.text`):
            # pyflakes calls it undefined where no global of that name is left
            before = {name for name, _ in _undefined(source.source.text, str(source.path),
                                                     local=True) or ()}
        for name, line in sorted(found, key=lambda item: item[1]):
            if name in (before or ()) or name in served:
                continue
            findings.append(Finding("GS411", "error", f"godsplit wrote code that reads {name!r}, "
                                    "which is not defined or imported there (pyflakes)",
                                    str(path), line))
    return findings


def undefined_in_plan(analysis: Analysis, texts: dict[Path, str], facade_text: str,
                      facade: Analysis | None = None) -> list[Finding]:
    """What `written` checks after apply writes, checked on the plan: each new file parses,
    and pyflakes finds no name undefined there that the source had (GS410, GS411).
    `facade`: the facade's analysis, if the plan made it (its `_GODSPLIT_LIVE` line)."""
    served = served_live(facade if facade is not None else analyze(
        replace(analysis.source, text=facade_text))) if "_GODSPLIT_LIVE" in facade_text else set()
    return written({p: t for p, t in texts.items() if p.suffix == ".py"}, analysis, served)


def _undefined(
    text: str, path: str, tree: ast.Module | None = None, local: bool = False
) -> set[tuple[str, int]] | None:
    """(name, line) of each undefined name pyflakes reports (with `local`, also each local
    it finds read before its assignment)."""
    try:
        tree = tree or ast.parse(text, path)
    except SyntaxError:
        return None
    checker = pyflakes.checker.Checker(tree, filename=path)
    out = set()
    for message in checker.messages:
        if isinstance(message, (pyflakes.messages.UndefinedName, pyflakes.messages.UndefinedExport)
                      ) or (local and isinstance(message, pyflakes.messages.UndefinedLocal)):
            out.add((str(message.message_args[0]), message.lineno))
    return out


_TOP_RELATIVE = re.compile(r"^from[ \t]+\.", re.MULTILINE)  # not in a try block or function


def runs_as_script(source: Analysis) -> bool:
    """A module with a top-level `__main__` block (as the split counts them: not one in a
    function or a string) and no unguarded relative import runs as a script (`python
    pkg/tool.py`)."""
    ran = any(is_main_block(stmt) for stmt in source.module.body)
    return ran and not _TOP_RELATIVE.search(source.source.text)


def still_a_script(source: Analysis, facade: str, path: Path) -> list[Finding]:
    """A source that ran as a script still does: its facade, at the same path, must not
    import relatively."""
    if path != source.path or not runs_as_script(source):
        return []
    if not _TOP_RELATIVE.search(facade):
        return []
    return [Finding("GS409", "error", "the old module ran as a script (`python <file>`); the "
                    "facade imports relatively, so it no longer can: set import-style = "
                    "\"absolute\"", str(path), 1)]
