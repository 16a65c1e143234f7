"""Where a split's files go: the old module's dotted name, the new package, the facade.

`make_layout` checks that the configured layout is importable (names, import root,
`__init__.py` files) and raises GodsplitError naming the source otherwise.
"""

from __future__ import annotations

import keyword
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..files import named_module
from ..types import GodsplitError, ImportStyle, SplitConfig
from .assign import DEFAULT_SHARED
from .script_paths import run_by_path


def relative_name(from_package: str, target: str) -> str | None:
    """`target` as code in `from_package` names it in a relative from-import (`.`, `.a`,
    `..big`), or None when they share no top-level package."""
    here, there = from_package.split(".") if from_package else [], target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    if not common:
        return None
    return "." * (len(here) - common + 1) + ".".join(there[common:])


@dataclass(frozen=True)
class Layout:
    old_module: str  # dotted name of the source module
    old_package: str  # the package its relative imports start from ('' for a top-level module)
    new_package: str  # dotted name of the package of new modules
    facade_package: str  # package context of the facade
    package_dir: Path
    facade_path: Path
    kind: Literal["package", "sibling"]
    style: ImportStyle = "relative"  # how new modules and the facade import each other
    # new modules that have submodules (`seq` beside `seq.x`): written to `seq/__init__.py`
    packages: frozenset[str] = frozenset()

    @property
    def facade_is_package(self) -> bool:
        """The facade is a package's `__init__.py`: new modules inside that package become
        its attributes when they are imported."""
        return self.facade_path.name == "__init__.py"

    def facade_attributes(self, modules: Sequence[str]) -> list[str]:
        """The attributes importing the new modules adds to the facade (`import *` and
        `dir()` would see them)."""
        if not self.facade_is_package:
            return []
        found: dict[str, None] = {}
        for module in modules:
            dotted = self.dotted(module)
            if dotted.startswith(self.old_module + "."):
                found.setdefault(dotted[len(self.old_module) + 1:].split(".")[0], None)
        return list(found)

    def dotted(self, module: str) -> str:
        """The dotted name of new module `module` (which may itself be dotted: `a.b`)."""
        return f"{self.new_package}.{module}" if self.new_package else module

    def path(self, module: str) -> Path:
        """Its file: `a/b.py` for `a.b`, `a/b/__init__.py` when `a.b.c` is a new module too."""
        if module in self.packages:
            return self.package_dir.joinpath(*module.split("."), "__init__.py")
        return self.package_dir.joinpath(*module.split(".")).with_suffix(".py")

    def package_of(self, module: str) -> str:
        """The package a new module's relative imports start from (its own, for a
        subpackage's `__init__.py`)."""
        if module in self.packages:
            return self.dotted(module)
        return self.dotted(module).rpartition(".")[0]

    def ref(self, from_package: str, target: str) -> str:
        """How code in `from_package` names module `target` in a from-import."""
        if self.style == "absolute":
            return target
        return relative_name(from_package, target) or target

    def module_ref(self, source: str, target: str) -> str:
        """How new module `source` names new module `target`."""
        return self.ref(self.package_of(source), self.dotted(target))

    def facade_ref(self, module: str) -> str:
        """How the facade names a new module in a from-import."""
        return self.ref(self.facade_package, self.dotted(module))

    def old_ref(self, module: str) -> str:
        """How new module `module` names the old module (the facade)."""
        return self.ref(self.package_of(module), self.old_module)

    def runtime_ref(self, module: str) -> str:
        """New module `module` for `importlib.util.resolve_name(ref, __package__)` in the
        facade: relative to the facade's package where it can be, as the imports are."""
        if self.style == "absolute":
            return self.dotted(module)
        return relative_name(self.facade_package, self.dotted(module)) or self.dotted(module)


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def refuse_symlink(source: Path, root: Path) -> None:
    """A source that is a symlink is not split (plan, apply) nor suggested for: the split
    would replace the link and leave the file it points to whole."""
    if source.is_symlink() and not inside(source, root):
        raise GodsplitError("source is a symlink to a file outside the project", source)
    if source.is_symlink():
        raise GodsplitError(f"source is a symlink (to {os.readlink(source)}): configure the "
                            "file it points to as the source, or replace the link by it", source)
    target = source.resolve()
    link = next((p for p in _file_links(root) if p.resolve() == target), None)
    if link is not None:  # `import big` through `big.py -> real/impl.py` would break
        raise GodsplitError(
            f"{link.relative_to(root).as_posix()} is a symlink to this source: the split "
            "replaces the file, so the module imported through the link would be gone (or "
            "be the facade under another name); replace the link by a module that imports "
            "what it needs from this one, or remove it", source)


def _file_links(root: Path) -> Iterator[Path]:
    """The symlinks to files under `root` (not following linked directories, skipping
    VCS and virtualenv directories)."""
    from .project_walk import SKIP_DIRS

    for directory, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in files:
            if os.path.islink(path := os.path.join(directory, name)):
                yield Path(path)


def _importable(name: str) -> bool:
    """An identifier, not a keyword, that Python does not read as another (NFKC) name."""
    return name.isidentifier() and not keyword.iskeyword(name) and (
        name.isascii() or unicodedata.normalize("NFKC", name) == name)


def must_stay_a_module(source: Path, root: Path | None = None) -> tuple[str, Path] | None:
    """Why a file must stay a module, which the package layout would end, and the sibling
    package to use instead; None if it need not. Django lists management commands and
    migrations with `pkgutil.iter_modules`, which skips packages; pytest collects
    `test_*.py` / `*_test.py` files (and Django's `tests.py`, with pytest-django), never a
    package's `__init__.py`, and loads `conftest.py` files: as packages, their commands,
    tests and fixtures are lost."""
    parent, stem = source.parent, source.stem
    if (parent.name == "commands" and parent.parent.name == "management") or (
            parent.name == "migrations"):
        return (f"Django finds {parent.name} as modules, not packages",
                parent.parent / f"{stem}_parts")
    if stem.startswith("test_") or stem.endswith(("_test", "_tests")) or stem in (
            "tests", "conftest"):
        return ("pytest collects test files and conftest.py files, not packages",
                parent / f"{stem}_parts")
    found = run_by_path(source, root) if root is not None else None
    if found is not None:  # `python autopep8.py` (see script_paths)
        where = Path(os.path.relpath(found[0], root)).as_posix()
        return (f"{where}:{found[1]} names the file {source.name} (which has a `__main__` "
                "block: run, or read, by its path)", parent / f"{stem}_parts")
    return None


def make_layout(split: SplitConfig, root: Path) -> Layout:
    source = split.source
    old_module, import_root = named_module(source, split.module_name)
    # the package that relative imports in the source start from: an __init__.py's own
    old_package = old_module if source.name == "__init__.py" else old_module.rpartition(".")[0]
    if split.package is None:
        if source.name in ("__init__.py", "__main__.py"):  # (before any other reason: a
            # string naming some `__init__.py` is no path to this one)
            here = Path(os.path.relpath(source.parent, root)).as_posix()
            raise GodsplitError(f"a {source.name} cannot become a package of its own; set "
                                f"`package = \"{here}\"` to put the new modules beside it, in "
                                "its package (or name a sibling package)", source)
        stays = must_stay_a_module(source, root)
        if stays is not None:
            beside = Path(os.path.relpath(stays[1], root)).as_posix()
            raise GodsplitError(
                f"{stays[0]}: as a package, {source.name} would no longer be found; set "
                f"`package` to split it beside its file (`package = \"{beside}\"`)", source)
        if not _importable(source.stem):
            raise GodsplitError(f"the source {source.name!r}: {source.stem!r} is not an importable "
                                "module name, so it cannot become a package; set `package`",
                                *((split.config_path, split.source_line or split.line)
                                  if split.config_path is not None else (source,)))
        package_dir = source.with_suffix("")
        if not inside(package_dir, root):
            raise GodsplitError("the new package is reached through a symlink that points "
                                "outside the project", package_dir)
        return Layout(old_module, old_package, old_module, old_module, package_dir,
                      package_dir / "__init__.py", "package", packages=_packages(split))
    package_dir = split.package
    try:
        relative = package_dir.resolve().relative_to(import_root.resolve())
    except ValueError:
        raise GodsplitError(
            f"package {split.package} is not importable beside {old_module} "
            f"(it is outside the import root {import_root})", source,
        ) from None
    if not relative.parts:
        raise GodsplitError(f"package {split.package} is the import root: the new modules "
                            "would be top-level modules; choose a package directory", source)
    bad = [part for part in relative.parts if not _importable(part)]
    if bad:
        raise GodsplitError(f"package {split.package}: {bad[0]!r} is not a valid package name "
                            "(it must be a Python identifier, not a keyword)", source)
    if package_dir.resolve() == source.with_suffix("").resolve():
        raise GodsplitError(
            f"package {split.package} is named like the module: Python would import the "
            f"package instead of the facade {source.name}; leave `package` out (package "
            "layout) or choose another directory", source,
        )
    names = [m for m, _ in split.modules] + [split.shared or DEFAULT_SHARED, split.default]
    if source.stem in names and package_dir.resolve() == source.parent.resolve():
        raise GodsplitError(f"module {source.stem!r} would be written over the facade "
                            f"{source.name}; choose another module name", source)
    parent = package_dir.parent
    while parent.resolve() != import_root.resolve():
        if not (parent / "__init__.py").is_file():
            raise GodsplitError(f"package {os.path.relpath(package_dir, root)}: "
                                f"{os.path.relpath(parent, root)} is not a package (no "
                                "__init__.py)", source)
        parent = parent.parent
    return Layout(old_module, old_package, ".".join(relative.parts), old_package, package_dir,
                  source, "sibling", packages=_packages(split))


def _packages(split: SplitConfig) -> frozenset[str]:
    """The configured modules that are the package of another (`seq` beside `seq.x`)."""
    names = {m for m, _ in split.modules} | {split.shared or DEFAULT_SHARED, split.default or ""}
    return frozenset(n for n in names if n and any(o.startswith(n + ".") for o in names))
