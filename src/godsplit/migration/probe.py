"""The import check of `migrate` and `retire`: import modules in a fresh interpreter.

Before and after the rewrite, each rewritten module that can be imported on its own (a
module of a package, or a test module) is imported with the setup `apply` used (the
config's `verify-setup`, or the Django setup the project's test configuration names, found
from the split sources' import root) and the first of the project's interpreters that
imports them, and the kind of every name it binds is recorded. After, each module that imported
before must import, and bind the same names to the same kinds (a name bound to an old
module may go: migrating replaced it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..files import module_name_for, named_module, run_name
from ..split.frameworks import import_setup
from ..split.verify import interpreters, result_line
from ..types import Config, Finding

SCRIPTS = frozenset({"setup.py", "__main__.py", "manage.py", "noxfile.py", "fabfile.py"})


@dataclass(frozen=True)
class Imported:
    """What importing one file gave: its names and their kinds, or the error."""

    names: Mapping[str, str]
    error: str | None = None
    timed_out: bool = False  # the import did not finish in time (it may, more slowly)
    # the `__module__` of each class and function bound (what pickles and reprs name)
    homes: Mapping[str, str] = field(default_factory=dict)


def _in_namespace_subpackage(path: Path) -> bool:
    """A module in a directory without `__init__.py` whose parent is a regular package (a
    namespace subpackage, PEP 420: Plane's `plane/app/views/issue/base.py`), which
    `module_name_for` names `plane.app.views.issue.base`."""
    directory = path.parent
    return not (directory / "__init__.py").is_file() and (
        directory.parent / "__init__.py").is_file() and directory.name.isidentifier() and (
        path.stem.isidentifier())


def importable(path: Path) -> bool:
    """A module of a package (a namespace subpackage's included), or a test module; not a
    script that runs when imported."""
    if path.suffix != ".py" or path.name in SCRIPTS:
        return False
    return (path.parent / "__init__.py").is_file() or path.name.startswith("test_") \
        or path.name.endswith("_test.py") or path.name == "conftest.py" \
        or _in_namespace_subpackage(path)


def project_setup(config: Config, sources: Iterable[Path]) -> str | None:
    """The code `apply` ran before importing: found from the split sources' import roots
    (a `src/` layout's test configuration), then beside the config."""
    for source in sources:
        found = import_setup(config, module_name_for(source)[1])
        if found.code is not None:
            return found.code
    return import_setup(config).code


def probe_first(root: Path, paths: Iterable[Path], setup: str | None, moved: Iterable[str] = (),
                timeout: int = 300, tops: Sequence[Path] = ()) -> tuple[dict[Path, Imported], str]:
    """`probe` with the first of the project's interpreters that imports every file (or
    else the one that imports the most), and that interpreter, for the probe after."""
    paths, moved = list(paths), list(moved)
    best: tuple[int, dict[Path, Imported], str] | None = None
    for python in interpreters(root):
        found = probe(root, paths, setup, moved, python, timeout, tops)
        failed = sum(i.error is not None for i in found.values())
        if best is None or failed < best[0]:
            best = (failed, found, python)
        if not failed:
            break
    assert best is not None
    return best[1], best[2]


def probe(root: Path, paths: Iterable[Path], setup: str | None, moved: Iterable[str] = (),
          python: str = sys.executable, timeout: int = 300, tops: Sequence[Path] = (),
          ) -> dict[Path, Imported]:
    """Import each file in one fresh interpreter, stopped after `timeout` seconds; what
    each gave. Objects of types defined in the `moved` modules compare by type name only.
    A file under one of `tops` (the directories splits' `module-name` put on sys.path) is
    imported by its name from there, as the project runs it."""
    items = []
    for path in paths:
        name, import_root = module_name_for(path)
        if tops and (ran := run_name(path, tops)) != name:
            name, import_root = named_module(path, ran)
        package = (path.parent / "__init__.py").is_file() or _in_namespace_subpackage(path)
        items.append([str(import_root), name if package else "", str(path)])
    if not items:
        return {}
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    driver = resources.files(__package__).joinpath("kinds_probe.py").read_text(encoding="utf-8")
    try:
        proc = subprocess.run([python, "-c", driver, json.dumps(items), setup or "",
                               ",".join(moved)],
                              cwd=root, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:  # (not "did not import": they may, more slowly)
        stopped = f"importing them did not finish within {timeout} s; raise `verify-timeout`"
        return {Path(i[2]): Imported({}, stopped, timed_out=True) for i in items}
    try:
        data = json.loads(result_line(proc.stdout))
    except (ValueError, IndexError):
        lines = proc.stderr.strip().splitlines()
        error = lines[-1] if lines else f"exit status {proc.returncode}"
        return {Path(i[2]): Imported({}, error) for i in items}
    return {Path(path): Imported(found.get("names", {}), found.get("error"),
                                 homes=found.get("homes", {})) for path, found in data.items()}


def compare(
    before: Mapping[Path, Imported], after: Mapping[Path, Imported], old_modules: Iterable[str],
    root: Path, what: str = "rewritten modules",
) -> list[Finding]:
    """Differences that make the rewrite unsafe; and one info line when there are none."""
    gone_ok = tuple(f"module {m}" for m in old_modules)
    findings: list[Finding] = []
    checked = 0
    for path, was in sorted(before.items()):
        now = after.get(path, Imported({}, "not imported"))
        if was.error is not None:
            continue
        checked += 1
        if now.error is not None:  # a time-out is no failure to import: said as what it is
            said = (f"imported before the rewrite, but {now.error}" if now.timed_out
                    else f"no longer imports: {now.error}")
            findings.append(Finding("GS506", "error", said, str(path), 1))
            continue
        missing = sorted(n for n, k in was.names.items() if n not in now.names
                         and not k.startswith(gone_ok))
        changed = sorted(n for n, k in was.names.items() if n in now.names and now.names[n] != k)
        if missing:
            findings.append(Finding("GS506", "error", f"no longer binds: {', '.join(missing)}",
                                    str(path), 1))
        if changed:
            detail = ", ".join(f"{n} ({was.names[n]} -> {now.names[n]})" for n in changed)
            findings.append(Finding("GS506", "error", f"names changed kind: {detail}", str(path), 1))
        findings += _homes(was, now, path)
    errors = Counter(was.error for was in before.values() if was.error is not None)
    skipped = sum(errors.values())
    if not [f for f in findings if f.code != "GS508"] and (checked or skipped):
        # why, each cause with the files it kept out, the most common first (a time-out
        # is no failure to import; "for other causes" named none: round 31)
        note = (f"; {skipped} {'was' if skipped == 1 else 'were'} not compared, not imported "
                f"before the rewrite: {_causes(before, errors, root)}" if skipped else "")
        what = what.replace("modules", "module", 1) if checked == 1 else what
        findings.append(Finding("GS507", "info", f"import check: {checked} {what} "
                                f"imported before and after with the same names{note}", str(root), 1))
    return findings


def _homes(was: Imported, now: Imported, path: Path) -> list[Finding]:
    """GS508: the classes and functions bound to the same kind that report another module
    (`__module__`) than before: retiring a keep-module-name facade takes its rename with it
    (`Job` said `pkg.big`, now `pkg.big.jobs`). Not undone (the old module no longer binds
    them: a pickle by the old path could not load them), but said: pickles, reprs and
    lookups by module name made before read the old one."""
    moved = sorted(n for n, home in was.homes.items() if n in now.homes and now.homes[n] != home
                   and was.names.get(n) == now.names.get(n))
    if not moved:
        return []
    detail = ", ".join(f"{n} ({was.homes[n]} -> {now.homes[n]})" for n in moved[:5]) + (
        f" and {len(moved) - 5} more" if len(moved) > 5 else "")
    return [Finding("GS508", "warning", "classes or functions report another module "
                    f"(`__module__`) than before: {detail}; pickles, reprs and lookups by module "
                    "name made before name the old one", str(path), 1)]


def _causes(before: Mapping[Path, Imported], errors: Counter[str], root: Path,
            shown: int = 3) -> str:
    """Each cause of not importing, with the files (at most `shown`, then how many more)."""
    parts = []
    for cause, count in errors.most_common():
        files = sorted((p.relative_to(root) if p.is_relative_to(root) else p).as_posix()
                       for p, i in before.items() if i.error == cause)
        more = f" and {count - shown} more" if count > shown else ""
        parts.append(f"{cause} ({', '.join(files[:shown])}{more})")
    return "; ".join(parts)

