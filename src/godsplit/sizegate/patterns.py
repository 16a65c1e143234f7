"""Gitignore-style patterns (`exclude`, `--exclude`, [[per-path]] paths, .gitignore lines)
compiled with pathspec, which raises on a pattern git does not take (a lone `!`, a
trailing backslash). From the config or the command line that is bad input, named with
where it came from; in a .gitignore, git skips such a line, and so does `check`."""

from __future__ import annotations

from pathlib import Path

from ..configtypes import GodsplitError

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


def checked(pattern: str, what: str, where: Path | None) -> str:
    """`pattern`, or a GodsplitError naming it (`what`: the key or option) and `where`."""
    error = _error(pattern)
    if error is not None:
        raise GodsplitError(f"{what} {pattern!r} is not a valid .gitignore pattern ({error})",
                            where)
    return pattern


def gitignore_spec(lines: list[str]) -> GitIgnoreSpec:
    """A .gitignore's patterns, without the lines git would skip as invalid."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:
        return GitIgnoreSpec.from_lines([line for line in lines if _error(line) is None])


def _error(pattern: str) -> str | None:
    """Why pathspec (as git) refuses `pattern`, or None."""
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([pattern])
    except ValueError as exc:
        return str(exc)
    return None
