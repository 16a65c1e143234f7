"""Whether the project's packaging would install the split's new modules (GS134).

bottle 0.13.2's `setup.py` has `py_modules=['bottle']`: split beside its file, `pip
install .` installed `bottle.py` alone, without the new package, and the installed
`import bottle` failed, after a split "verified" from the source tree. Reported, with the
line of the setting and the edit to make, where the packaging ships the old module and
would not ship a new package:
- setuptools: a literal `py_modules` / `packages` list, a discovery whose `include` /
  `exclude` patterns leave the new package out, or automatic discovery of a flat layout
  whose only module gets a package beside it (setuptools then ships the package alone);
- flit, hatch and poetry: a selection naming the file, or their default, a single module
  named after the project, split beside itself.
Discovery that finds the new package (`find_packages()`, `find:`, a package's new
subpackage, a src layout) gives nothing.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..types import Finding
from .dist_metadata import (
    Entry,
    data_fallback,
    package_dirs,
    project_dir,
    setup_keywords,
    setuptools_entry,
    text_of,
    toml_data,
    toml_line,
)
from .layout import Layout

_SINGLE = {"flit_core": "flit", "hatchling": "hatch", "poetry": "poetry"}


def install_findings(layout: Layout, modules: Iterable[str], source: Path,
                     root: Path | None) -> list[Finding]:
    """GS134 warnings where the packaging metadata of the project holding `source` ships
    the old module but would not ship the packages of the new `modules`."""
    project = project_dir(source, root)
    if project is None:
        return []
    needed = sorted({layout.package_of(m) for m in modules} | {layout.new_package} - {""})
    pyproject = toml_data(project / "pyproject.toml")
    backend = str(pyproject.get("build-system", {}).get("build-backend", ""))
    tool = next((name for prefix, name in _SINGLE.items() if backend.startswith(prefix)), None)
    if tool is not None:
        return _single_file(layout, source, project, pyproject, tool)
    if backend.startswith("pdm.backend"):
        return _pdm(layout, source, project, pyproject)
    if backend and not backend.startswith("setuptools"):
        return []
    mapping = package_dirs(project, pyproject)
    if mapping:  # setuptools' names, not the import root's (`{"mylib": "src/impl"}`)
        layout, needed = _remapped(layout, project, mapping, needed)
    mods = setuptools_entry(project, pyproject, "py_modules")
    pkgs = setuptools_entry(project, pyproject, "packages")
    if mods is None and pkgs is None:
        return _discovered(layout, source, project)
    listed = mods is not None and mods.names is not None and layout.old_module in mods.names
    if pkgs is not None and pkgs.names is None:
        return _filtered(layout, pkgs, needed, listed)
    names = pkgs.names if pkgs is not None and pkgs.names is not None else ()
    missing = [p for p in needed if p not in names]
    if not missing or not (listed or layout.old_package in names):
        return []
    want = [*names, *missing]
    if pkgs is None:
        assert mods is not None
        rest = [m for m in mods.names or () if m != layout.old_module]
        edit = f"add {_spell(mods.spell, 'packages', want)}"
        if layout.kind == "package":  # bottle.py became the package bottle/
            edit += f" and set {_spell(mods.spell, 'py_modules', rest)}"
        return [_finding(mods, f"lists {layout.old_module!r} in py_modules and no packages",
                         missing, layout, edit)]
    how = data_fallback(project, pyproject, layout.package_dir) if all(
        p.rpartition(".")[0] in want for p in missing) else None
    return [_finding(pkgs, f"lists packages without {', '.join(map(repr, missing))}",
                     missing, layout, f"add {', '.join(map(repr, missing))} to `packages`", how)]


def _remapped(layout: Layout, project: Path, mapping: dict[str, str], needed: list[str]
              ) -> tuple[Layout, list[str]]:
    """The layout's and `needed`'s dotted names as setuptools names the directories they
    are in, through `package_dir` (the longest directory that holds each)."""
    root = layout.package_dir
    for _ in layout.new_package.split("."):
        root = root.parent  # the import root the layout's names start from
    dirs = sorted(((k, (project / v).resolve()) for k, v in mapping.items()),
                  key=lambda item: -len(item[1].parts))

    def name(dotted: str) -> str:
        if not dotted:
            return dotted
        place = (root / dotted.replace(".", "/")).resolve()
        for key, base in [*dirs, ("", project.resolve())]:
            if place == base or place.is_relative_to(base):
                parts = [p for p in (*key.split("."), *place.relative_to(base).parts) if p]
                return ".".join(parts)
        return dotted

    return replace(layout, old_module=name(layout.old_module), old_package=name(
        layout.old_package), new_package=name(layout.new_package)), [name(n) for n in needed]


def _finding(entry: Entry, what: str, missing: list[str], layout: Layout, edit: str,
             as_data: str | None = None) -> Finding:
    top = layout.old_module.split(".")[0]
    new = "package" if len(missing) == 1 else "packages"
    outcome = (f"would be installed only as package data {as_data}, a fallback setuptools "
               "deprecates and warns about; until then `pip install .`" if as_data else
               "would not be installed (`pip install .` of the project")
    return Finding(
        "GS134", "warning",
        f"{entry.path.name} {what}: the split's new {new} {', '.join(missing)} {outcome} "
        f"would ship a {top} whose import fails, although the split is verified from the "
        f"source tree{'' if as_data else ')'}; {edit}", str(entry.path), entry.line)


def _filtered(layout: Layout, pkgs: Entry, needed: list[str], listed: bool) -> list[Finding]:
    """Package discovery with `include` / `exclude` patterns (setuptools matches each
    dotted name on its own: a subpackage is found even when its parent is excluded)."""
    if pkgs.found is None:
        return []
    include, exclude = pkgs.found

    def found(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, p) for p in include) and not any(
            fnmatch.fnmatchcase(name, p) for p in exclude)

    missing = [p for p in needed if not found(p)]
    if not missing or not (listed or (layout.old_package and found(layout.old_package))):
        return []
    excluded = [p for p in exclude if any(fnmatch.fnmatchcase(m, p) for m in missing)]
    edit = (f"remove {', '.join(map(repr, excluded))} from its exclude patterns" if excluded
            else f"add {', '.join(map(repr, missing))} to its include patterns")
    return [_finding(pkgs, f"finds packages matching include {list(include)} and exclude "
                     f"{list(exclude)}", missing, layout, edit)]


def _discovered(layout: Layout, source: Path, project: Path) -> list[Finding]:
    """setuptools' automatic discovery of a flat layout ships its top-level packages or,
    when it has none, its modules: a lone module split beside itself into a new top-level
    package is no longer shipped (only the new package is)."""
    setup_py = project / "setup.py"
    call = setup_keywords(setup_py) if setup_py.is_file() else None
    if setup_py.is_file() and call is None:
        return []  # `setup(**options)`: not known
    top = layout.new_package.split(".")[0]
    if (layout.kind != "sibling" or "." in layout.old_module or top == layout.old_module
            or source.resolve().parent != project.resolve() or (project / "src").is_dir()):
        return []
    others = [d.name for d in project.iterdir() if d.is_dir() and d.name.isidentifier()
              and d.name != top and not d.name.startswith("_")
              and d.name not in _NOT_DISCOVERED]
    if others:  # a directory is a (namespace) package: the module was not shipped before
        return []
    if call is not None:
        entry = Entry((), setup_py, call[0], "setup.py")
    else:
        path = project / "pyproject.toml"
        entry = Entry((), path, toml_line(text_of(path), "project", ""), "pyproject.toml")
    return [_finding(entry, "sets neither py_modules nor packages: setuptools' automatic "
                     f"discovery then ships the new package alone, without {source.name},",
                     [layout.new_package], layout,
                     f"set {_spell(entry.spell, 'py_modules', [layout.old_module])} and "
                     f"{_spell(entry.spell, 'packages', [layout.new_package])}")]


# setuptools' FlatLayoutPackageFinder.DEFAULT_EXCLUDE (the top-level names)
_NOT_DISCOVERED = frozenset((
    "ci", "bin", "debian", "doc", "docs", "documentation", "manpages", "news",
    "newsfragments", "changelog", "test", "tests", "unit_test", "unit_tests", "example",
    "examples", "scripts", "tools", "util", "utils", "python", "build", "dist", "venv", "env",
    "requirements", "tasks", "fabfile", "site_scons", "benchmark", "benchmarks", "exercise",
    "exercises", "htmlcov"))


def _single_file(layout: Layout, source: Path, project: Path, pyproject: dict[str, Any],
                 tool_name: str) -> list[Finding]:
    """flit ships one module; hatch its wheel target's file selection, poetry its
    `packages`, else each one module named after the project: a file module split beside
    itself loses the new package."""
    tool = pyproject.get("tool", {})
    path = project / "pyproject.toml"
    text, new_dir = text_of(path), layout.package_dir.resolve()
    where = new_dir.relative_to(project.resolve()).as_posix() if _under(new_dir, project) else ""
    if tool_name == "hatch":
        header = "tool.hatch.build.targets.wheel"
        target = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
        keys = [k for k in ("only-include", "packages", "include") if k in target]
        for key in keys:
            entries = target[key]
            if isinstance(entries, list) and all(isinstance(e, str) for e in entries) and (
                    _selected(entries, source, project)
                    and not _selected(entries, new_dir, project)):
                entry = Entry((), path, toml_line(text, header, key), "pyproject.toml")
                return [_finding(entry, f"selects {entries} as the wheel's {key}",
                                 [layout.new_package], layout,
                                 f"add {where!r} to `{key}` under [{header}]")]
        if keys:
            return []
    poetry = tool.get("poetry", {})
    if tool_name == "poetry" and "packages" in poetry:
        selected = [f"{p.get('from', '.')}/{p.get('include', '')}".removeprefix("./")
                    for p in poetry["packages"] if isinstance(p, dict)]
        if _selected(selected, source, project) and not _selected(selected, new_dir, project):
            entry = Entry((), path, toml_line(text, "tool.poetry", "packages"), "pyproject.toml")
            return [_finding(entry, f"selects {selected} as its packages", [layout.new_package],
                             layout, f"add {{include = {where!r}}} to `packages` under "
                             "[tool.poetry]")]
        return []
    name = str(tool.get("flit", {}).get("module", {}).get("name", "")) or str(
        pyproject.get("project", {}).get("name", "") or poetry.get("name", ""))
    if (layout.kind != "sibling" or source.stem.lower() != re.sub(r"[-_.]+", "_", name).lower()
            or "." in layout.old_module or layout.new_package.split(".")[0] == layout.old_module):
        return []
    entry = Entry((), path, toml_line(text, "build-system", "build-backend"), "pyproject.toml")
    return [_finding(entry, f"builds with {tool_name}, which ships the single module "
                     f"{source.name}", [layout.new_package], layout, "split into the package "
                     f"layout instead (leave `package` out: {tool_name} then ships the package "
                     f"{layout.old_module}/)")]


def _pdm(layout: Layout, source: Path, project: Path, pyproject: dict[str, Any]
         ) -> list[Finding]:
    """pdm-backend ships its `includes` when set; else the top-level packages of its
    `package-dir` (`src` where there is one, else the project) or, when it has none, the
    modules there: a lone module split beside itself leaves the new package alone shipped."""
    build = pyproject.get("tool", {}).get("pdm", {}).get("build", {})
    build = build if isinstance(build, dict) else {}
    path = project / "pyproject.toml"
    text, new_dir = text_of(path), layout.package_dir.resolve()
    where = new_dir.relative_to(project.resolve()).as_posix() if _under(new_dir, project) else ""
    includes = build.get("includes")
    if isinstance(includes, list) and all(isinstance(i, str) for i in includes):
        if _selected(includes, source, project) and not _selected(includes, new_dir, project):
            entry = Entry((), path, toml_line(text, "tool.pdm.build", "includes"), "pyproject.toml")
            return [_finding(entry, f"selects {includes} as pdm-backend's includes",
                             [layout.new_package], layout,
                             f"add {where!r} to `includes` under [tool.pdm.build]")]
        return []
    default = "src" if (project / "src").is_dir() else "."
    package_dir = (project / str(build.get("package-dir", default))).resolve()
    if (includes is not None or layout.kind != "sibling" or "." in layout.old_module
            or source.resolve().parent != package_dir
            or layout.new_package.split(".")[0] == layout.old_module):
        return []
    if any(d.is_dir() and (d / "__init__.py").is_file() and d.resolve() != new_dir
           for d in package_dir.iterdir()):  # `tests/` too (then left out of the wheel)
        return []  # it ships packages: the module was not shipped before either
    module = source.resolve().relative_to(project.resolve()).as_posix()
    entry = Entry((), path, toml_line(text, "build-system", "build-backend"), "pyproject.toml")
    return [_finding(entry, "builds with pdm-backend, whose default ships the top-level "
                     f"packages of its package-dir ({build.get('package-dir', default)!r})"
                     f" or, with none, its modules: the new package alone, without "
                     f"{source.name},", [layout.new_package], layout,
                     f'set `includes = ["{module}", "{where}"]` under [tool.pdm.build]')]


def _under(path: Path, project: Path) -> bool:
    return path.resolve().is_relative_to(project.resolve())


def _selected(entries: list[str], path: Path, project: Path) -> bool:
    """Whether a file selection (paths or glob patterns) takes `path`, a file or directory."""
    if not _under(path, project):
        return False
    rel = path.resolve().relative_to(project.resolve()).as_posix()
    for entry in entries:
        entry = entry.strip("/")
        if rel == entry or rel.startswith(entry + "/") or fnmatch.fnmatch(rel, entry):
            return True
    return False


def _spell(spell: str, key: str, names: list[str]) -> str:
    if spell == "setup.cfg":
        return f"`{key} = {', '.join(names)}` under [options]"
    if spell == "pyproject.toml":
        listed = ", ".join(f'"{n}"' for n in names)
        return f"`{key.replace('_', '-')} = [{listed}]` under [tool.setuptools]"
    return f"{key}={names!r}"
