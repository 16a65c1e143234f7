"""A scratch copy of an import root with a plan's files in it, for the import check of
`godsplit plan`: the project's tree is never written.

The copy is a mirror, not a copy of every file: each entry of the import root is a
symbolic link to the real one, except along the path of each planned file, where the
directories are real (their other entries links again) so the planned files can be
written there, and the files the plan deletes are left out. Mirroring sympy's import root
for a split of one module costs a few hundred links, whatever the size of the tree. The
probe runs with the mirror as its import root and working directory, as `apply` runs it
with the real one: the mirror comes first on `sys.path`, before any editable install's
path entry or finder (those are appended to `sys.meta_path` after the path finder); data
files, configuration read from the working directory, Django's settings module and the
project's other top-level packages are reached through the links. Module paths are those
in the mirror: `mapped_back` turns them into the real ones.

Not mirrored: what lies above the import root (code that reads `../pyproject.toml` from
its own `__file__` reaches the directory holding the mirror), and `os.path.realpath` of a
linked file leads back to the real tree.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from ..types import FileChange, GodsplitError

PREFIX = "godsplit-check-"


@contextmanager
def mirrored(import_root: Path, changes: Iterable[FileChange]) -> Iterator[Path]:
    """The mirror of `import_root` with `changes` applied (changes outside it are left
    out), removed afterwards: also on an exception or KeyboardInterrupt (Ctrl-C, and
    SIGTERM and SIGHUP, which the CLI raises as one)."""
    base = Path(tempfile.mkdtemp(prefix=PREFIX)).resolve()
    try:
        mirror = base / (import_root.name or "root")
        _build(import_root, mirror, list(changes))
        yield mirror
    finally:
        _remove(base)


def _remove(base: Path) -> None:
    while True:  # a second Ctrl-C while removing would leave it: finish, then re-raise
        try:
            shutil.rmtree(base, ignore_errors=True)  # unlinks links, never follows them
            return
        except KeyboardInterrupt:
            shutil.rmtree(base, ignore_errors=True)
            raise


def _relative(path: Path, root: Path) -> PurePath | None:
    for candidate, base in ((path, root), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base)
        except ValueError:
            continue
    return None


def _build(real: Path, mirror: Path, changes: list[FileChange]) -> None:
    planned: dict[PurePath, bytes | None] = {}
    for change in changes:
        rel = _relative(change.path, real)
        if rel is not None and rel.parts:
            planned[rel] = change.data
    real_dirs = {parent for rel in planned for parent in rel.parents}
    _mirror_dir(real, mirror, PurePath(), real_dirs, planned)
    top = os.path.realpath(mirror) + os.sep
    for rel, data in sorted(planned.items(), key=lambda item: str(item[0])):
        target = mirror / rel
        for parent in reversed(rel.parents):
            directory = mirror / parent
            if directory.is_symlink():  # (every planned file's parents were made real)
                raise GodsplitError(f"the scratch copy links {parent} to the project", real)
            directory.mkdir(exist_ok=True)
        if not os.path.realpath(target.parent).startswith(top) and target.parent != mirror:
            raise GodsplitError(f"the scratch copy would write outside itself: {rel}", real)
        if target.is_symlink() or target.is_file():
            target.unlink()  # a link to the real file: the plan replaces or deletes it
        if data is not None:
            target.write_bytes(data)


def _mirror_dir(real: Path, mirror: Path, rel: PurePath, real_dirs: set[PurePath],
                planned: dict[PurePath, bytes | None]) -> None:
    mirror.mkdir()
    try:
        entries = sorted(os.scandir(real), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        inner = rel / entry.name
        if entry.name == "__pycache__":
            continue  # bytecode of files the plan may replace: compiled afresh instead
        if inner in real_dirs and entry.is_dir():
            _mirror_dir(Path(entry.path), mirror / entry.name, inner, real_dirs, planned)
        elif inner not in planned:
            os.symlink(entry.path, mirror / entry.name, target_is_directory=entry.is_dir())


def mapped_back(text: str, mirror: Path, real: Path) -> str:
    """`text` with the mirror's paths (as written, and as in a JSON string) made real."""
    for old, new in ((str(mirror), str(real)),
                     (str(mirror).replace("\\", "\\\\"), str(real).replace("\\", "\\\\"))):
        text = text.replace(old, new)
    return text
