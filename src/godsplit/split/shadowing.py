"""New module names that are also the names of top-level modules the project can import.

A new module `big/json.py` does not shadow `json` for absolute imports (`import json` in
`big/alpha.py` finds the standard library's), nor under `python -m big` (which puts the
working directory first on `sys.path`, not `big/`). It does wherever `big/` itself is on
`sys.path`: a script in that directory run by its path (`python big/__main__.py`, or
`python big/__init__.py` as code running the module by its `__file__` does), the
directory run as a program (`python big`, which runs its `__main__.py`), or a tool told to
put it there. Then every `import json`, in any module, gets `big/json.py`.

`top_level_names` is what the project's environment can import at the top level: the
standard library, the modules and packages of the import root, and those installed in
the project's own virtualenvs (`.venv`, `venv`, `$VIRTUAL_ENV`), including editable
installs listed by `.pth` files and `top_level.txt`. suggest chooses none of them (GS107
for a hand mapping: only when the directory can be on `sys.path` as above, or, as
before, for a standard-library name).
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from ..files import module_name_for
from ..types import Finding, SplitConfig
from .layout import Layout

_SUFFIXES = tuple(importlib.machinery.all_suffixes())


def _module_name(entry: Path) -> str | None:
    """The top-level name `entry` of a `sys.path` directory makes importable, if any."""
    name = entry.name
    if entry.is_dir():
        return name if name.isidentifier() and "." not in name else None
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem if stem.isidentifier() else None
    return None


def _entries(directory: Path) -> Iterator[Path]:
    try:
        yield from directory.iterdir()
    except OSError:
        return


@lru_cache(maxsize=64)
def _names_in(directory: Path, follow_pth: bool) -> frozenset[str]:
    """Top-level names of one `sys.path` directory; in a site-packages (`follow_pth`), also
    the directories its `.pth` files add and the `top_level.txt` of its distributions."""
    names: set[str] = set()
    for entry in _entries(directory):
        name = _module_name(entry)
        if name and name != "__pycache__":
            names.add(name)
        if not follow_pth:
            continue
        if entry.suffix == ".pth" and entry.is_file():
            for line in _lines(entry):
                if line and not line.startswith(("#", "import ", "import\t")):
                    added = (directory / line).resolve()
                    if added.is_dir() and added != directory:
                        names |= _names_in(added, False)
        elif entry.suffix in (".dist-info", ".egg-info") and entry.is_dir():
            names.update(n for n in _lines(entry / "top_level.txt") if n.isidentifier())
    return frozenset(names)


def _lines(path: Path) -> list[str]:
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return []


def _site_packages(venv: Path) -> Iterator[Path]:
    yield from sorted(venv.glob("lib/python3*/site-packages"))
    yield from sorted(venv.glob("lib64/python3*/site-packages"))
    yield venv / "Lib" / "site-packages"


def project_venvs(root: Path) -> list[Path]:
    """The project's own virtualenvs: `$VIRTUAL_ENV`, and a `.venv` or `venv` in `root`
    or a directory above it, up to the repository or project root (as the import check
    looks for interpreters)."""
    found = [Path(os.environ["VIRTUAL_ENV"])] if os.environ.get("VIRTUAL_ENV") else []
    for directory in (root, *root.parents):
        found += [d for d in (directory / ".venv", directory / "venv") if d.is_dir()]
        if (directory / ".git").exists() or (directory / "pyproject.toml").is_file():
            break
    return found


def top_level_names(source: Path, root: Path) -> frozenset[str]:
    """The top-level modules importable in the project's environment (see the module doc)."""
    names: set[str] = set(getattr(sys, "stdlib_module_names", ()))
    _, import_root = module_name_for(source.resolve())
    names |= _names_in(import_root, False)
    for venv in project_venvs(root.resolve()):
        for site in _site_packages(venv):
            if site.is_dir():
                names |= _names_in(site, True)
    return frozenset(names)


def _is_script(path: Path) -> bool:
    """A file that is run by its path: a `__main__.py`, or one starting with `#!` or
    holding an `if __name__ == "__main__":` block."""
    if path.name == "__main__.py":
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return text.startswith("#!") or "__name__ == \"__main__\"" in text or (
        "__name__ == '__main__'" in text)


def on_path_by(layout: Layout, main: bool, shebang: bool, planned: Iterable[Path]) -> str | None:
    """How the new modules' directory can come first on `sys.path`, or None. `main`: the
    source has a `__main__` block (its package gets a `__main__.py`); `shebang`: it starts
    with `#!`."""
    directory = layout.package_dir
    name = directory.name
    if layout.kind == "package" and main:
        return (f"the source is a script, so {name}/ gets a __main__.py: `python {name}` "
                f"(or running a file of {name}/ by its path) puts {name}/ first on sys.path")
    if layout.kind == "package" and shebang:
        return (f"the source is a script (#!): run by its path, as {name}/__init__.py, it "
                f"puts {name}/ first on sys.path")
    planned = {p.resolve() for p in planned}
    scripts = sorted(p.name for p in _entries(directory)
                     if p.suffix == ".py" and p.resolve() not in planned and _is_script(p))
    if scripts:
        return (f"{name}/ holds {scripts[0]}, a script: run by its path, it puts {name}/ "
                "first on sys.path")
    return None


def shadow_findings(split: SplitConfig, layout: Layout, modules: Iterable[str],
                    names: frozenset[str], how: str | None) -> list[Finding]:
    """GS107 for each new module named as a top-level module of the project's
    environment (`names`): a warning saying when it shadows that module, where the new
    directory can be on `sys.path` (`how`) or the name is the standard library's."""
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    out = []
    for module in sorted({m.split(".")[0] for m in modules}):
        if module not in names or (how is None and module not in stdlib):
            continue
        kind = "a standard library module" if module in stdlib else (
            "a top-level module the project's environment can import")
        when = (f"{how}, and then every `import {module}` gets this module" if how else
                f"absolute imports are not affected, but code run with {layout.package_dir.name}/ "
                f"first on sys.path (a script there run by its path) would get it for `import {module}`")
        out.append(Finding("GS107", "warning", f"new module {module!r} has the name of {kind}: "
                           f"{when}; rename the module", str(split.source), 1))
    return out
