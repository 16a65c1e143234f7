"""The files a plan writes, checked against what is already on disk.

A target that exists with other content is a config problem: the mapping names a module
whose file is taken. The error points at the `godsplit.toml` line that names that module
(its key under `[split.modules]`, or the `default`/`shared` key, or the `[[split]]` header
for the facade and the new package's directory) and names the file in its text. A config
built in memory (no lines known) keeps pointing at the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..file_modes import new_file_mode
from ..files import SourceText
from ..types import FileChange, GodsplitError, SplitConfig
from .assign import in_config
from .layout import Layout
from .needs import MAIN


def _shown(path: Path, split: SplitConfig) -> str:
    """`path` relative to the config file's directory when it is under it."""
    if split.config_path is None:
        return str(path)
    relative = os.path.relpath(path, split.config_path.parent)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def _owner(path: Path, layout: Layout, modules: list[str]) -> str | None:
    """The new module whose name makes `path` a target: its own file, or the
    `__init__.py` of a subpackage its dotted name needs. None: the facade's files (and
    `__main__.py`, which holds the source's `__main__` block)."""
    for module in modules:
        if module != MAIN and layout.path(module) == path:
            return module
    for module in modules:
        parts = module.split(".")[:-1]
        if any(layout.package_dir.joinpath(*parts[:i + 1], "__init__.py") == path
               for i in range(len(parts))):
            return module
    return None


def _taken(split: SplitConfig, layout: Layout, modules: list[str], path: Path) -> GodsplitError:
    module = _owner(path, layout, modules)
    fallback = (str(path), 0)
    where, line = in_config(split, fallback, module=module)
    fix = "move it away or choose another module/package name"
    if where == str(path):  # no config lines known: the file itself
        return GodsplitError(f"target already exists with other content; {fix}", path)
    what = (f"module {module!r} is written to" if module else
            f"the split of {_shown(split.source, split)} writes its "
            f"{'`__main__` block' if path == layout.path(MAIN) else 'facade'} to")
    return GodsplitError(f"{what} {_shown(path, split)}, which already exists with other "
                         f"content; {fix}", where, line)


def _beside(split: SplitConfig, layout: Layout, modules: list[str], path: Path,
            planned: set[Path], kept: set[Path]) -> GodsplitError | None:
    """A planned module file that another module of the same name beside it would shadow, or
    that would shadow it: `seq/__init__.py` beside an existing `seq.py` (Python imports the
    package, and `seq.py` is never run again), `seq.py` beside an existing package `seq/`
    (Python imports that package, not the new module)."""
    if path.name == "__init__.py":
        other, cause = path.parent.with_suffix(".py"), "the package, and never that file"
        if not other.is_file() or other.resolve() in kept:
            return None
    else:
        other, cause = path.with_suffix(""), "that package, never the new module"
        if (other / "__init__.py") in planned or not (other / "__init__.py").is_file():
            return None
    module = _owner(path, layout, modules)
    where, line = in_config(split, (str(path), 0), module=module)
    shown = _shown(other, split)
    what = f"module {module!r} is written to" if module else "the split writes"
    return GodsplitError(f"{what} {_shown(path, split)}, but {shown} exists beside it: "
                         f"`import` would load {cause}; move it away or choose another "
                         "module name", where, line or None)


def file_changes(
    source: SourceText, split: SplitConfig, layout: Layout, modules: list[str],
    texts: dict[Path, str], stub: Path | None = None,
) -> tuple[FileChange, ...]:
    """The writes for `texts`, in path order; GodsplitError when a target is taken."""
    changes = []
    if layout.kind == "package" and (layout.package_dir.exists() or layout.package_dir.is_symlink()):
        if not layout.package_dir.is_dir():
            raise GodsplitError("the new package's directory exists as a file; move it away",
                                layout.package_dir)
        planned = {path.name for path in texts} | {"__pycache__"}
        other = sorted(e.name for e in layout.package_dir.iterdir() if e.name not in planned)
        if other:
            where, line = in_config(split, (str(layout.package_dir), 0))
            shown = _shown(layout.package_dir, split) if where != str(layout.package_dir) else ""
            raise GodsplitError(
                f"the new package's directory {shown + ' ' if shown else ''}already exists "
                f"with other content ({', '.join(other[:3])}{', ...' if len(other) > 3 else ''}); "
                "move it away", where, line or None,
            )
    kept = {p.resolve() for p in (source.path, stub) if p and layout.kind == "package"}
    for path in texts:
        if (error := _beside(split, layout, modules, path, set(texts), kept)) is not None:
            raise error
    for path, text in texts.items():
        try:
            data = source.encode(text)
        except UnicodeEncodeError as exc:
            raise GodsplitError(
                f"cannot be written in the source's encoding {source.encoding}: "
                f"{text[exc.start:exc.end]!r} ({exc.reason}); choose another module name",
                path,
            ) from None
        if path != source.path and path.is_symlink():
            raise GodsplitError("target is a symlink; godsplit does not write through symlinks",
                                path)
        if path.parent.exists() and not path.parent.is_dir():
            raise GodsplitError(f"{path.parent.name} exists as a file, not a directory",
                                path.parent)
        # the source itself, reached by another spelling (a symlinked directory above it)
        if path.exists() and path.resolve() not in {p.resolve() for p in (source.path, stub) if p}:
            if not path.is_file() or path.read_bytes() != data:  # a dir, a FIFO: no read
                raise _taken(split, layout, modules, path)
            continue
        changes.append(FileChange(path, data, new_file_mode(source.path)))
    if layout.kind == "package":
        changes.append(FileChange(source.path, None))
    return tuple(sorted(changes, key=lambda c: str(c.path)))
