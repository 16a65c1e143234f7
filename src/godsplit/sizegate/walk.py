"""Find the Python modules `godsplit check` looks at: walk directories respecting
.gitignore files (nested ones, and .git/info/exclude), the config's excludes, the project's
linters' excludes (`linter_excludes`: ruff's, nested configs too, and flake8's),
pre-commit's top-level `exclude` (`precommit_excludes`), and a fixed set of directories
never entered; files named on the command line are taken as given (but for the excludes of
the config, of the linters and of pre-commit, as ruff's own pre-commit hook applies them
with `--force-exclude`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..configtypes import Config, GodsplitError

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from .core import CheckOptions
    from .linter_excludes import LinterExcludes, Linters
    from .precommit_excludes import HookExclude

# Never walked into: version control, virtualenvs, caches, dependency trees. A directory
# holding a pyvenv.cfg (a virtualenv of any name) is skipped too.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".jj", ".venv", ".tox", ".nox", ".eggs", ".direnv",
    "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis",
    "node_modules", "__pypackages__",
})
SUFFIXES = (".py",)
RUFF_FILES = frozenset({".ruff.toml", "ruff.toml", "pyproject.toml"})  # (as linter_excludes)



class _Layer:
    """One .gitignore: matches paths relative to its own directory. (Plain classes here:
    a dataclass costs about a millisecond to create, on every `godsplit check`.)"""

    def __init__(self, spec: GitIgnoreSpec, prepend: str, strip: int) -> None:
        self.spec = spec
        self.prepend = prepend  # for a .gitignore above the walk's start: the start relative to it
        self.strip = strip  # for a .gitignore inside the walk: length of its directory's prefix


class _Walker:
    def __init__(self, root: Path, exclude: GitIgnoreSpec | None, linters: Linters,
                 hook: HookExclude | None = None) -> None:
        self.root = root
        self.exclude = exclude
        self.linters = linters  # what the project's linters exclude
        self.hook = hook  # files pre-commit's top-level `exclude` gives no hook
        self.files: list[tuple[str, str]] = []  # (absolute, root-relative)
        self.seen: set[str] = set()

    def add(self, file: str, rel: str) -> None:
        if file not in self.seen:
            self.seen.add(file)
            self.files.append((file, rel))

    def excluded(self, rel: str, linter: LinterExcludes | None) -> bool:
        return (self.exclude is not None and self.exclude.match_file(rel)) or (
            linter is not None and linter.match(rel))

    def walk(self, start: Path) -> None:
        prefix = _rel_prefix(start, self.root)
        layers = _ancestor_layers(start, self.root)
        self._walk(str(start), "", prefix, layers, self.linters.at(start), top=True)

    def _walk(self, directory: str, rel: str, prefix: str, layers: list[_Layer],
              linter: LinterExcludes | None, top: bool) -> None:
        try:
            with os.scandir(directory) as iterator:
                entries = list(iterator)  # unsorted: results are sorted at the end
        except FileNotFoundError:
            return  # vanished: nothing to check there
        except OSError as exc:  # unreadable: "passed" would be a claim about unread modules
            raise GodsplitError(f"cannot read the directory: {exc.strerror}; exclude it "
                                "(--exclude) or make it readable", directory) from None
        names = {entry.name for entry in entries}
        if not top and "pyvenv.cfg" in names:
            return
        if ".gitignore" in names:
            spec = _load_gitignore(os.path.join(directory, ".gitignore"))
            if spec is not None:
                layers = [_Layer(spec, "", len(rel)), *layers]
        if not top and not names.isdisjoint(RUFF_FILES):  # a nested ruff config
            linter = self.linters.below(Path(directory), names, linter)
        exclude, hook, seen, files = self.exclude, self.hook, self.seen, self.files
        base = prefix + rel
        for entry in entries:  # the hot loop: most entries are .py files with no rule on them
            name = entry.name
            if name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False):
                if layers and _ignored(rel + name, layers):
                    continue
                if exclude is not None and exclude.match_file(base + name):
                    continue
                if linter is not None and linter.match(base + name):
                    continue
                if hook is not None and hook.match(base + name):
                    continue
                path = entry.path
                if path not in seen:
                    seen.add(path)
                    files.append((path, base + name))
            elif entry.is_dir(follow_symlinks=False):
                if name in SKIP_DIRS:
                    continue
                child = f"{rel}{name}/"
                if _ignored(child, layers) or self.excluded(prefix + child, linter):
                    continue
                self._walk(entry.path, child, prefix, layers, linter, top=False)


def _rel(path: Path, root: Path) -> str:
    """`path` relative to the project root with '/' ("." for the root), else absolute."""
    return path.relative_to(root).as_posix() if root in (path, *path.parents) else path.as_posix()


def _rel_prefix(path: Path, root: Path) -> str:
    rel = _rel(path, root)
    return "" if rel == "." else rel.rstrip("/") + "/"


def _load_gitignore(path: str) -> GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    from .patterns import gitignore_spec

    return gitignore_spec(lines)


def _ancestor_layers(start: Path, root: Path) -> list[_Layer]:
    """The ignore files above `start` that still apply to it, deepest first.

    Those up to the top of the enclosing git work tree, then its .git/info/exclude; with
    no git work tree, those up to the project root.
    """
    top = start if (start / ".git").exists() else next(
        (directory for directory in start.parents if (directory / ".git").exists()),
        root if root in start.parents else start,
    )
    layers: list[_Layer] = []
    for directory in [*start.parents[: len(start.parents) - len(top.parents)]]:
        spec = _load_gitignore(str(directory / ".gitignore"))
        if spec is not None:
            layers.append(_Layer(spec, start.relative_to(directory).as_posix() + "/", 0))
    info = _load_gitignore(str(top / ".git" / "info" / "exclude"))
    if info is not None:
        below = "" if top == start else start.relative_to(top).as_posix() + "/"
        layers.append(_Layer(info, below, 0))
    return layers


def _ignored(rel: str, layers: Sequence[_Layer]) -> bool:
    """Git's rule: the deepest .gitignore with a matching pattern decides, last pattern wins."""
    for layer in layers:
        path = layer.prepend + rel[layer.strip:]
        include = layer.spec.check_file(path).include
        if include is not None:
            return include
    return False


def _spec(patterns: Iterable[str]) -> GitIgnoreSpec | None:
    patterns = [pattern for pattern in patterns if pattern.strip()]
    if not patterns:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


def find_targets(config: Config, options: CheckOptions) -> list[tuple[str, str]]:
    """(absolute file, root-relative path) of every module to check, each once."""
    root = config.root.resolve()
    from .linter_excludes import Linters
    from .patterns import checked
    from .precommit_excludes import hook_exclude

    walker = _Walker(root, _spec((*(checked(p, "exclude pattern", config.path)
                                    for p in config.exclude),
                                  *(checked(p, "exclude pattern", None) for p in options.exclude))),
                     Linters(root), hook_exclude(root))
    for given in options.paths or (root,):
        path = Path(given).resolve()
        if path.is_dir():
            walker.walk(path)
        elif path.is_file():
            rel = _rel(path, root)
            if not walker.excluded(rel, walker.linters.at(path.parent)) and not (  # (not .gitignore)
                    walker.hook and walker.hook.match(rel)):
                walker.add(str(path), rel)
        elif Path(given).is_symlink():
            raise GodsplitError(f"a broken symlink (to {os.readlink(given)})", given)
        elif path.exists():
            raise GodsplitError("not a regular file or a directory (a pipe, a device)", given)
        else:
            raise GodsplitError("no such file or directory", given)
    return walker.files
