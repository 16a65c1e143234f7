"""Continuation lines aligned with a bracket that `migrate` moved, moved with it.

phonenumbers 8.13.48's tests align call arguments under the opening bracket (a visual
indent). Migrated, `phonenumberutil._maybe_strip_national_prefix_carrier_code("0141234567",`
became `stripping._maybe_strip_...(`, 9 columns shorter. The next line still began under the
old bracket, which pycodestyle reports as E127 (over-indented for visual indent): 5 lines
under the project's own options, none in the source. The lines inside a bracket that a rewritten
line leaves open, with something after it (a visual indent, not a hanging one), that start at
or right of the column after it now move by as many columns as the bracket did. Lines are paired
where the rewrite replaced them line for line, and moved only where it kept their indentation.
"""

from __future__ import annotations

import difflib
import io
import tokenize

_OPEN, _CLOSE = "([{", ")]}"


def realign(before: str, after: str) -> str:
    """`after` (the rewrite of `before`) with each visually indented continuation line
    shifted as far as its bracket moved; `after` unchanged when either does not tokenize."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    old_open, new_open = _open_at_ends(before), _open_at_ends(after)
    if old_open is None or new_open is None:
        return after
    pairs = _pairs(old, new)  # old line -> new line, where the rewrite kept the line count
    delta = [0] * len(new)  # columns each line moves: nested brackets add up
    for row, at in pairs.items():
        was, now = old[row], new[at]
        stack_was, stack_now = old_open.get(row, []), new_open.get(at, [])
        if was == now or not stack_was or len(stack_was) != len(stack_now) or not (
                now[stack_now[-1] + 1:].strip().split("#")[0]):  # a hanging indent: not moved
            continue
        shift = stack_now[-1] - stack_was[-1]
        column = stack_was[-1] + 1  # a visual indent starts just after the bracket
        for later in range(row + 1, len(old)):
            there = pairs.get(later)
            if there != at + later - row or len(old_open.get(later - 1, [])) < len(
                    stack_was) or _indent(old[later]) != _indent(new[there]):
                break
            if old[later].strip() and _indent(old[later]) >= column:  # nested ones too
                delta[there] += shift
    return "".join(" " * max(0, _indent(line) + moved) + line.lstrip(" ") if moved else line
                   for line, moved in zip(new, delta, strict=True))


def _pairs(old: list[str], new: list[str]) -> dict[int, int]:
    """Each old line's new line, in the runs the rewrite kept or replaced line for line
    (an import block it grew or shrank shifts the rest)."""
    pairs: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            pairs.update(zip(range(i1, i2), range(j1, j2), strict=True))
    return pairs


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _open_at_ends(text: str) -> dict[int, list[int]] | None:
    """For each line (from 0) that ends inside brackets, the columns of the open brackets,
    outermost first; None when the text does not tokenize."""
    stack: list[int] = []
    ends: dict[int, list[int]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.OP and token.string in _OPEN:
                stack.append(token.start[1])
            elif token.type == tokenize.OP and token.string in _CLOSE and stack:
                stack.pop()
            elif token.type == tokenize.NL and stack:
                ends[token.start[0] - 1] = list(stack)
    except (tokenize.TokenError, SyntaxError):
        return None
    return ends
