"""Celery's `-A`/`--app`: the module a worker imports to find its app.

`celery -A proj.celery worker` (in a Procfile, a compose file's `command:`, a Dockerfile,
a systemd unit, a supervisord program, a shell script, a workflow, `CELERY_APP=proj.celery`
in an environment file, an argv list in Python, a deployment guide's command line)
imports the module and takes an app from it. Celery's `find_app` (`celery/app/utils.py`)
reads `X` as `module.attr`, else as a module; of a module it takes `app`, then `celery`
(neither may be a module), then, for a package, its submodule `celery`, then any Celery
instance among its names; `X:attr` is that attribute. So `-A proj` reaches `proj.celery` too.

A retired package-layout facade has no names of its own: the worker would find no app.
For every reference that reaches an old module, `retire` keeps in its `__init__.py` the
import of each name bound to the app `find_app` found there before (run in a fresh
interpreter), or of the `attr` it names, and checks after retiring that `find_app` finds
an app of the same name with the same registered tasks (`inspect registered`), or rolls
back. A sibling-layout facade is deleted by `retire`: such a reference is a use left for a
person to point at the app's new module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..files import named_module
from ..split.project_walk import project_files
from ..split.verify import interpreters, result_line
from ..types import Config, Finding
from .celery_static import static_app
from .config_files import config_files
from .edit import Use
from .homes import Homes

_SPEC = r"""["']?([A-Za-z_][\w.]*(?::[A-Za-z_][\w.]*)?)"""
# `-A proj`, `-Aproj`, `--app proj`, `--app=proj`, `"-A", "proj"` (an argv list), and
# a YAML list's items (`- -A` then `- proj`: a Kubernetes manifest's `args`)
_OPTION = re.compile(r"""(?<![\w-])(?:-A|--app)(?:\s*=\s*|["']?\s*\n\s*-\s+|["']\s*,\s*|\s+)?"""
                     + _SPEC)
# `CELERY_APP=proj` (the option's environment variable), `celery_app: "proj"` (a setting)
_SETTING = re.compile(r"""(?i)(?<![\w.])celery[_-]app["']?\s*[=:]\s*""" + _SPEC)


@dataclass(frozen=True)
class AppRef:
    """A reference to a Celery app that reaches an old module."""

    path: Path
    line: int
    spec: str  # as written: `proj.celery`, `proj.celery:app`, `proj`
    old_module: str
    attr: str  # the name `X:attr` / `X.attr` takes from the old module; "" for the module

    def where(self, root: Path) -> str:
        try:
            shown = self.path.relative_to(root)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}"


def reaches(spec: str, h: Homes) -> str | None:
    """The name `find_app(spec)` takes from `h`'s old module ("" for what it finds there
    by itself), or None when the resolution does not go through it."""
    module, colon, attr = spec.partition(":")
    old = h.old_module
    if colon:
        return attr.split(".")[0] if module == old else None
    if module == old or f"{module}.celery" == old:
        return ""
    if module.startswith(old + "."):
        name = module[len(old) + 1:].split(".")[0]
        return None if h.submodule(name) else name
    return None


def app_refs(root: Path, homes: Sequence[Homes], skip: Path | None) -> list[AppRef]:
    """Every `-A`/`--app`/`CELERY_APP` of the project's files that reaches an old module."""
    found: list[AppRef] = []
    files = dict.fromkeys([*config_files(root, skip, docs=True), *project_files(root)])
    firsts = {h.old_module.split(".")[0] for h in homes}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not any(word in text for word in firsts):
            continue
        for pattern in (_OPTION, _SETTING):
            for match in pattern.finditer(text):
                spec = match.group(1).rstrip(".")
                for h in homes:
                    attr = reaches(spec, h)
                    if attr is not None:
                        line = text.count("\n", 0, match.start(1)) + 1
                        found.append(AppRef(path, line, spec, h.old_module, attr))
    return found


def app_names(h: Homes) -> list[str]:
    """The names of the old module bound to a Celery app made in a new module (`app =
    Celery(...)`, `celery_app = make_celery(flask_app)`): where a worker finds it now."""
    import libcst as cst

    from ..split.celery_names import celery_roots

    names = []
    for module, path in zip(h.modules, h.paths, strict=True):
        try:
            tree = cst.parse_module(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, cst.ParserSyntaxError):
            continue
        roots = celery_roots(tree, path)
        for stmt in tree.body:
            for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call):
                    names += [t.target.value for t in small.targets if isinstance(
                        t.target, cst.Name) and t.target.value in roots
                        and h.homes.get(t.target.value) == module]
    return names


def sibling_uses(refs: Iterable[AppRef], homes: Sequence[Homes], root: Path) -> list[Use]:
    """A reference to a sibling-layout facade, which `retire` deletes: a use a person must
    point at the app's new module."""
    by_old = {h.old_module: h for h in homes if h.layout.kind == "sibling"}
    uses = []
    for ref in refs:
        h = by_old.get(ref.old_module)
        if h is None:
            continue
        name = ref.attr or next(iter(app_names(h)), "")
        home = h.new_home(name) if name else None
        new = f"{home}:{name}" if home else None
        uses.append(Use(ref.path, ref.line, ref.old_module, ref.attr, "string", new, False,
                        f"Celery's `-A {ref.spec}` imports this module to find its app, "
                        "and `retire` deletes it: point it at the app's module"))
    return uses


def package_notes(refs: Iterable[AppRef], homes: Sequence[Homes]) -> list[Finding]:
    """A reference to a package-layout facade: kept on purpose, and what `retire` does."""
    packages = {h.old_module for h in homes if h.layout.kind == "package"}
    return [Finding("GS132", "info", f"Celery's `-A {ref.spec}` finds its app in "
                    f"{ref.old_module}: `retire` keeps "
                    + (f"`{ref.attr}`" if ref.attr else "the name it takes there")
                    + " in its __init__.py", str(ref.path), ref.line)
            for ref in refs if ref.old_module in packages]


Found = dict[str, dict[str, Any]]  # spec -> what `find_app` gave


def find_apps(refs: Sequence[AppRef], homes: Sequence[Homes], setup: str | None,
              python: str) -> Found:
    """What Celery's `find_app` gives for each reference's spec, in a fresh interpreter
    run from the old module's import root (as `celery -A` is, from the project)."""
    if not refs:
        return {}
    facade = {h.old_module: h.facade for h in homes}
    import_root = named_module(facade[refs[0].old_module], refs[0].old_module)[1]
    specs = list(dict.fromkeys((r.spec, r.old_module) for r in refs))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    probe = resources.files(__package__).joinpath("app_probe.py").read_text(encoding="utf-8")
    try:
        proc = subprocess.run([python, "-c", probe, str(import_root), setup or "",
                               json.dumps(specs)], cwd=import_root, capture_output=True,
                              text=True, timeout=300, env=env)
    except subprocess.TimeoutExpired:
        return {spec: {"error": "finding the app took over 300 s"} for spec, _ in specs}
    try:
        data = json.loads(result_line(proc.stdout))
    except ValueError:
        lines = proc.stderr.strip().splitlines()
        error = lines[-1] if lines else "the interpreter gave no result"
        return {spec: {"error": error} for spec, _ in specs}
    return {str(k): dict(v) for k, v in data.items()}


def kept_names(refs: Sequence[AppRef], h: Homes, before: Found | None, root: Path
               ) -> tuple[list[str], list[Finding], str]:
    """The names `h`'s retired `__init__.py` must keep for the references that reach it
    (the one `find_app` takes there, or the `attr` named), GS132 when which name that is
    could not be found out, and how it was found when the source said it (`before` is
    None: `find_app` was not run, `verify-import = false`)."""
    names: list[str] = []
    findings = []
    said = ""
    for ref in refs:
        if ref.old_module != h.old_module:
            continue
        found = (before or {}).get(ref.spec, {})
        if ref.attr:
            names.append(ref.attr)
        elif found.get("taken"):
            names.append(found["taken"])
        elif "error" in found or before is None:
            name, why = static_app(h)
            failed = (f"`find_app` failed before retiring ({found['error']})" if "error" in found
                      else "`find_app` was not run (verify-import = false)")
            if name is None:
                findings.append(Finding(
                    "GS132", "error", f"Celery's `-A {ref.spec}` ({ref.where(root)}) finds "
                    f"its app in this package, but {failed}, and the source does not say which "
                    f"name it takes ({why}): the facade stays", str(h.facade), 1))
            else:
                names.append(name)
                said = f" ({failed}; by the source, {why})"
    kept = list(dict.fromkeys(n for n in names if h.new_home(n) is not None))
    return kept, findings, said if kept else ""


def app_specs(refs: Sequence[AppRef], h: Homes, root: Path) -> str:
    """`Celery's `-A x` (Procfile:1, docs/run.rst:3), `-A x:app` (...)`: the references
    to `h`, each spec once with all its places (a file's lines together)."""
    places: dict[str, dict[str, list[str]]] = {}
    for r in refs:
        if r.old_module == h.old_module:
            file, _, line = r.where(root).rpartition(":")
            places.setdefault(r.spec, {}).setdefault(file, []).append(line)
    shown = {spec: "; ".join(file + ":" + ", ".join(lines) for file, lines in files.items())
             for spec, files in places.items()}
    return "Celery's " + ", ".join(f"`-A {spec}` ({where})" for spec, where in shown.items())


def app_block(names: Sequence[str], refs: Sequence[AppRef], h: Homes, root: Path,
              noqa: bool, width: int) -> str:
    """The imports of `names` a retired `__init__.py` keeps, with a comment saying why."""
    lines = textwrap.wrap(f"{app_specs(refs, h, root)} finds its app here: keep it.", width,
                          initial_indent="# ", subsequent_indent="# ")
    mark = "  # noqa: F401" if noqa else ""
    for name in names:
        home = h.new_home(name) or ""
        where = "." + home[len(h.old_module) + 1:] if home.startswith(h.old_module + ".") else home
        lines.append(f"from {where} import {name}{mark}")
    return "\n".join(lines) + "\n"


def app_findings(refs: Sequence[AppRef], before: Found, after: Found, root: Path
                 ) -> list[Finding]:
    """GS133 when `celery -A` no longer finds the app it found, or finds another one, or
    the app no longer registers the same tasks."""
    findings = []
    for ref in {r.spec: r for r in refs}.values():
        was, now = before.get(ref.spec, {}), after.get(ref.spec, {})
        if "main" not in was:  # it failed before, or was not run
            continue
        what = f"Celery's `-A {ref.spec}` ({ref.where(root)})"
        if "error" in now:
            problem = f"no longer finds its app: {now['error']}"
        elif (was["main"], was["type"]) != (now["main"], now["type"]):
            problem = f"finds another app ({now['type']} {now['main']!r}, was {was['main']!r})"
        elif "tasks" in was and was.get("tasks") != now.get("tasks"):
            lost = sorted(set(was["tasks"]) - set(now.get("tasks", [])))
            problem = ("registers other tasks" + (f" (no longer {', '.join(lost[:5])})" if lost
                                                  else "") + f"{now.get('tasks_error', '')}")
        else:
            continue
        findings.append(Finding("GS133", "error", f"{what} {problem}", str(ref.path), ref.line))
    checked = [r for r in {r.spec: r for r in refs}.values()
               if "main" in before.get(r.spec, {})]
    if checked and not findings:
        tasks = [len(before[r.spec]["tasks"]) for r in checked if "tasks" in before[r.spec]]
        said = f", registering the same {sum(tasks)} tasks" if tasks else ""
        findings.append(Finding("GS133", "info", "Celery's " + ", ".join(
            f"`-A {r.spec}`" for r in checked) + " found the same app before and after in a "
            f"fresh interpreter{said}", str(checked[0].path), checked[0].line))
    return findings


@dataclass(frozen=True)
class Apps:
    """Celery's `-A` references to package-layout facades, and what `find_app` gave."""

    refs: tuple[AppRef, ...] = ()
    before: Found | None = field(default_factory=dict)  # None: not run (verify-import off)
    python: str = sys.executable


def apps_of(config: Config, homes: Sequence[Homes], setup: str | None) -> Apps:
    """`find_app` of each reference, with the first of the project's interpreters that
    finds every app (or else the one that finds the most)."""
    packages = [h for h in homes if h.layout.kind == "package"]
    refs = tuple(r for r in app_refs(config.root, packages, config.path))
    if not refs:
        return Apps()
    if not config.verify_import:  # the source says which name `-A` takes, or refused
        return Apps(refs, None)
    best: Apps | None = None
    for python in interpreters(config.root):
        found = find_apps(refs, homes, setup, python)
        failed = sum("error" in f for f in found.values())
        if best is None or failed < sum("error" in f for f in (best.before or {}).values()):
            best = Apps(refs, found, python)
        if not failed:
            break
    assert best is not None
    return best
