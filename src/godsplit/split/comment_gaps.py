"""A blank line between an import and the comment right below it, as formatters write it.

isort has the last word on the import blocks it sorts (`normalize`): a formatter would
re-wrap what isort wraps. But isort keeps a comment with the import below it and leaves
it right under the previous import, where black and ruff's formatter both put a blank
line (at any indent):

    from search.tasks.bulk_deindex import (  # noqa: E402
        bulk_deindex_courses,
    )
    # godsplit: imported last (an import cycle); used only inside functions.
    from search.tasks.index import index_courses  # noqa: E402

so the project's formatter would change the generated file (open-discussions'
`search/tasks/update.py` under its black 22.6.0). isort's black profile accepts the blank
line (`space_comments`); other isort settings take it out again (open-discussions' own,
black-compatible but no profile), and there no text pleases both: godsplit's own note,
which is about the whole run of imports, goes back above its first import
(`hoist_notes`), where isort leaves it. `normalize` takes the first of the two the
project's isort keeps, else isort's text.
"""

from __future__ import annotations

_IMPORT = ("import ", "from ")


def space_comments(text: str) -> str:
    """`text` with a blank line between the last line of an import statement and a
    comment line right below it at the same indent that precedes another import."""
    lines = text.split("\n")
    out: list[str] = []
    ends = _import_ends(lines)
    for index, line in enumerate(lines):
        indent = _indent(line)
        if (index - 1 in ends and line.lstrip().startswith("#")
                and ends[index - 1] == indent and _import_follows(lines, index, indent)):
            out.append("")
        out.append(line)
    return "\n".join(out)


def hoist_notes(text: str) -> str:
    """`text` with each run of godsplit's note lines (`# godsplit: ...` and the comment
    lines after it) that sits between two imports at one indent moved above the first
    import of that run of imports."""
    lines = text.split("\n")
    ends = {end: (start, indent) for start, end, indent in _import_spans(lines)}
    index = 1
    while index < len(lines):
        line = lines[index]
        if (index - 1 in ends and line.lstrip().startswith("# godsplit:")
                and ends[index - 1][1] == _indent(line)
                and _import_follows(lines, index, _indent(line))):
            stop = index
            while lines[stop].lstrip().startswith("#"):
                stop += 1
            start = ends[index - 1][0]
            while start - 1 in ends and ends[start - 1][1] == _indent(line):
                start = ends[start - 1][0]
            note = lines[index:stop]
            del lines[index:stop]
            lines[start:start] = note
            ends = {end: (start, indent) for start, end, indent in _import_spans(lines)}
            index = stop
            continue
        index += 1
    return "\n".join(lines)


def _import_ends(lines: list[str]) -> dict[int, int]:
    """{index of a line ending an import statement: the statement's indent}."""
    return {end: indent for _, end, indent in _import_spans(lines)}


def _import_spans(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first line, last line, indent) of each import statement."""
    spans: list[tuple[int, int, int]] = []
    start: int | None = None  # the first line of the import statement open here
    depth = 0
    for index, line in enumerate(lines):
        code = line.split("#", 1)[0]
        if start is None and line.lstrip().startswith(_IMPORT):
            start, depth = index, 0
        if start is None:
            continue
        depth += code.count("(") - code.count(")")
        if depth <= 0 and not code.rstrip().endswith("\\"):
            spans.append((start, index, _indent(lines[start])))
            start = None
    return spans


def _import_follows(lines: list[str], index: int, indent: int) -> bool:
    """Whether the comment lines from `index` on lead to an import at `indent`."""
    for line in lines[index:]:
        stripped = line.lstrip()
        if stripped.startswith("#") and _indent(line) == indent:
            continue
        return stripped.startswith(_IMPORT) and _indent(line) == indent
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
