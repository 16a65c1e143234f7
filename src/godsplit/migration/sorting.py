"""The project's import sorter on the files `migrate` rewrites.

`migrate` writes each new import where the old one was and wraps it at the project's line
length, but a project that sorts its imports with isort (or ruff's `I` rules) has its own
wrapping (`multi_line_output`, its line length, `combine_as_imports`) and sections, which
`isort --check` enforces. A file the project's sorter accepted before the rewrite is
handed to that sorter after it, so it is accepted again; the sorter changes nothing else
in it, since the rest of the file was already as it writes it. A file that was not sorted
(or a project that does not sort) is left as `migrate` wrote it.
"""

from __future__ import annotations

from pathlib import Path

from ..split.normalize import sort_file
from ..split.style import Style, detect_style
from ..types import GodsplitError


def sorted_as_before(path: Path, before: str, after: str, styles: dict[Path, Style]) -> str:
    """`after` as the project's sorter writes it, when it accepted `before`. `styles`:
    each directory's style, found once per migration."""
    directory = path.resolve().parent
    try:
        style = styles.get(directory) or styles.setdefault(directory, detect_style(directory))
        if sort_file(before, style, path) != before:
            return after  # not sorted, or the project does not sort: nothing to keep
        result = sort_file(after, style, path)
    except GodsplitError:  # the sorter failed: the project's own check will say why
        return after
    return after if result is None else result
