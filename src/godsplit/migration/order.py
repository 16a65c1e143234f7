"""Where `migrate`'s import statements go in a block: merged and in sorted order.

A new `from m import ...` joins an earlier import of the same module in its block (only
imports between); in a block whose imports were in isort's order, new lines take their
sorted place in their section. With `force-single-line`, nothing is merged. The other
half of import writing is `imports` (reading and rendering statements).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from .imports import FromImport, Style, dotted, read_from, render


def _single_from(line: cst.BaseStatement) -> cst.ImportFrom | None:
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
        small = line.body[0]
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            return small
    return None


def _is_import_line(line: cst.BaseStatement) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in line.body)


def _sorted_names(names: Sequence[str]) -> bool:
    return list(names) == sorted(names) or list(names) == sorted(names, key=_by_type)


def _by_type(name: str) -> tuple[int, str]:
    """isort/ruff `order-by-type`: CONSTANTS, then Classes, then other names."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name


def merge(
    body: Sequence[cst.BaseStatement], new: set[int], style: Style, place: bool = False
) -> list[cst.BaseStatement]:
    """Merge each new one-line `from m import ...` (ids in `new`) into an earlier import of
    the same module in the same block, when only imports lie between. Into a statement the
    project wrote, only when the result is one line without comments; two new statements
    merge into the form `render` gives. With `place` (the block's imports were sorted),
    new lines go to their sorted place in their section."""
    out: list[cst.BaseStatement] = []
    for line in body:
        node = _single_from(line)
        merged_into = -1
        if id(line) in new and node is not None and isinstance(line, cst.SimpleStatementLine) \
                and not line.trailing_whitespace.comment and not style.single_line:
            merged_into = _merge_into(out, read_from(node), new, style)
        if merged_into < 0:
            out.append(line)
    return _place(out, new) if place else out


def _sort_key(line: cst.BaseStatement) -> tuple[int, str] | None:
    """isort's order inside a section (straight imports first, then by module, ignoring
    case); None for a line that is not one import statement."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    small = line.body[0]
    if isinstance(small, cst.Import):
        return 0, dotted(small.names[0].name).lower()
    if isinstance(small, cst.ImportFrom):
        return 1, ("." * len(small.relative) + dotted(small.module)).lower()
    return None


def _runs(body: Sequence[cst.BaseStatement]) -> list[list[cst.BaseStatement]]:
    """Runs of one-statement import lines with no blank line or comment between them."""
    runs: list[list[cst.BaseStatement]] = []
    current: list[cst.BaseStatement] = []
    for line in body:
        if _sort_key(line) is not None and (not current or not getattr(line, "leading_lines", ())):
            current.append(line)
            continue
        if current:
            runs.append(current)
        current = [line] if _sort_key(line) is not None else []
    if current:
        runs.append(current)
    return runs


def imports_sorted(body: Sequence[cst.BaseStatement]) -> bool:
    """Every run of imports in `body` is in isort's order (the project sorts its imports)."""
    for run in _runs(body):
        keys = [_sort_key(line) or (9, "") for line in run]
        if keys != sorted(keys):
            return False
    return True


def _place(body: list[cst.BaseStatement], new: set[int]) -> list[cst.BaseStatement]:
    """Within each run of import lines (a section: no blank line between them) that was
    sorted before the new lines came, put the new lines in their sorted place."""
    out: list[cst.BaseStatement] = []
    index = 0
    while index < len(body):
        end = index
        while end < len(body) and _sort_key(body[end]) is not None and (
            end == index or not getattr(body[end], "leading_lines", ())
        ):
            end += 1
        run = body[index:end]
        if not any(id(line) in new for line in run):
            out.extend(run or body[index:index + 1])
            index = max(end, index + 1)
            continue
        keys = [_sort_key(line) for line in run if id(line) not in new]
        if keys == sorted(keys, key=lambda k: k or (9, "")) and not any(
            id(line) in new and getattr(line, "leading_lines", ()) for line in run[1:]
        ):
            head = run[0]
            leading = getattr(head, "leading_lines", ())
            bare = [head.with_changes(leading_lines=()), *run[1:]]
            bare.sort(key=lambda line: _sort_key(line) or (9, ""))
            bare[0] = bare[0].with_changes(leading_lines=leading)
            run = bare
        out.extend(run)
        index = end
    return out


def _merge_into(
    out: list[cst.BaseStatement], incoming: FromImport, new: set[int], style: Style
) -> int:
    """Merge `incoming` into the nearest earlier import of its module in `out`; its index."""
    for index in range(len(out) - 1, -1, -1):
        earlier = out[index]
        if not _is_import_line(earlier):
            return -1
        target = _single_from(earlier)
        if target is None or not isinstance(earlier, cst.SimpleStatementLine):
            continue
        existing = read_from(target)
        if existing.target != incoming.target or earlier.trailing_whitespace.comment:
            continue
        merged = _merged(existing, incoming)
        text = render(merged, style)
        ours = id(earlier) in new
        if not ours and (text.count("\n") > 1 or merged.head or merged.tail
                         or any(a.comment or a.before for a in merged.aliases)):
            return -1
        statement = cst.parse_statement(text)
        assert isinstance(statement, cst.SimpleStatementLine)
        out[index] = statement.with_changes(leading_lines=earlier.leading_lines)
        if ours:
            new.add(id(out[index]))
        return index
    return -1


def _merged(existing: FromImport, incoming: FromImport) -> FromImport:
    names = list(existing.aliases)
    have = {(a.name, a.asname) for a in names}
    added = [a for a in incoming.aliases if (a.name, a.asname) not in have]
    texts = [a.text for a in names]
    if _sorted_names(texts):
        key = _by_type if texts != sorted(texts) else (lambda n: (0, n))
        combined = sorted([*names, *added], key=lambda a: key(a.text))
    else:
        combined = [*names, *added]
    return replace(existing, aliases=tuple(combined))
