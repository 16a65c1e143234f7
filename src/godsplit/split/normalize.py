"""Normalize the lines godsplit generates, as the project's own tools would write them.

Only generated blocks go through here (import blocks, re-exports, `__all__`, runtime
machinery); moved code never does: it stays byte-for-byte as it was. A block is a run
of complete top-level statements and comments. Import blocks (`Block(text, sort=True)`)
are first sorted and sectioned by the project's sorter, then every block is formatted by
the project's formatter:

- sorting: isort's Python API with the project's isort settings when the project sorts with isort (a file
  it skips stays as it is); otherwise ruff's isort (`ruff check --select I001 --fix-only`), reading the
  project's `[lint.isort]` settings (first-party modules, force-sort-within-sections, ...) from the path;
- formatting: `ruff format`, reading the project's ruff settings; for a black project,
  black's line length, magic trailing comma and string normalization are passed on
  (ruff's formatter follows black's style).

A facade's import block (`group=True`) is also sorted with combine-as-imports on, so its
`X as X` re-exports take one statement per module; where the sorter would split them
again, that form is wrapped in `# isort: off`/`# isort: on` and kept when it is shorter.

All blocks of one call share one document per tool, cut apart again at marker lines: a
split's modules and facade cost one sorter call (two with a facade to group) and one
formatter call in all.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .checker_marks import for_checkers
from .comment_gaps import hoist_notes, space_comments
from .file_exemptions import trimmed_exemptions
from .grouping import can_group, protect
from .import_gaps import AFTER_BLOCK, AFTER_IMPORTS, after_definition, ends_with_import, space_after_imports
from .isort_config import isort_sorts, isort_wrap
from .isort_pin import sort_imports
from .nested_imports import with_nested_imports
from .noqa import fence, mark, mark_too_long, noqa_first, noqa_long, pinned_wraps
from .pyflakes_marks import mark_unused
from .python_target import declared_target
from .ruff_marks import mark_reported
from .ruff_tool import ruff_binary, ruff_error
from .style import Style
from .tool_error import ToolError, located
from .unused_marks import trimmed_marks

CUT = "__godsplit_cut__ = 0"  # a statement: it ends an import block for every sorter
_CUT_LINE = re.compile(r"^__godsplit_cut__ = 0[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """Generated statements; `sort`: an import block, sorted before it is formatted."""

    text: str
    sort: bool = False
    noqa: str = ""  # a code every top-level import of the block is marked with (E402)
    reexport_noqa: str = ""  # a code for its imports that re-export a name `listed` does
    listed: frozenset[str] = frozenset()  # not list, or a star import (pyflakes' F401)
    group: bool = False  # one statement per module for `X as X` imports (a facade's)


Piece = str | Block  # a file is written as pieces: verbatim text, or generated blocks


def assemble(
    files: Mapping[Path, Sequence[Piece]], style: Style | None, path: Path,
    root: Path | None = None, source_text: str | None = None,
) -> dict[Path, str]:
    """Each file's text: its verbatim pieces as they are, its blocks normalized (all of
    them in one call; with no style, as rendered). A block keeps the blank lines that
    surround it as rendered."""
    blocks = [p for pieces in files.values() for p in pieces if isinstance(p, Block)]
    try:
        done = iter(normalize(blocks, style, path, root) if style is not None and blocks
                    else [b.text.strip("\n") + "\n" if b.text.strip() else "" for b in blocks])
    except ToolError as error:  # where: the file, and the block as rendered
        if error.block is not None:
            located(error, files, blocks[error.block])
        raise
    texts = _marked(blocks, list(done), style, path, root)
    out = {}
    for file, pieces in files.items():
        parts = []
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
                continue
            text = texts.pop(0)
            if text:
                raw = piece.text
                lead = len(raw) - len(raw.lstrip("\n"))
                if after_definition("".join(parts)):
                    lead = 2
                trail = len(raw) - len(raw.rstrip("\n"))
                parts.append("\n" * lead + text + "\n" * max(trail - 1, 0))
                if piece.sort and style is not None:
                    parts.append(AFTER_IMPORTS if ends_with_import(text) else AFTER_BLOCK)
        after = style.lines_after_imports if style is not None else -1
        out[file] = space_after_imports(parts, min(after, 1) if file.suffix == ".pyi" else after)
    marked = trimmed_exemptions(mark_reported(for_checkers(out, style, path), style, path), style)
    marked = mark_unused(marked, style, path, source_text)  # F401 only pyflakes' scoping sees
    return trimmed_marks(marked, style, path, source_text)  # and none ruff calls unused (RUF100)


def _marked(blocks: Sequence[Block], done: list[str], style: Style | None, path: Path,
            root: Path | None) -> list[str]:
    """The normalized blocks with their targeted noqa comments. A comment can change how
    the sorter writes an import (it wraps a line the comment made too long, or merges a
    commented statement into another): blocks it changed are sorted again, in one call,
    and marked again, so the project's sorter finds nothing to change."""

    def marks(index: int, text: str) -> str:
        block = blocks[index]
        text = noqa_long(pinned_wraps(noqa_first(text), style), style)
        if block.reexport_noqa:
            text = mark(text, block.reexport_noqa, block.listed, 0 if style is None else min(
                style.line_length, style.lint_line_length or style.line_length))
        return mark(text, block.noqa) if block.noqa else text

    texts = [marks(i, text) for i, text in enumerate(done)]
    again = [i for i, b in enumerate(blocks) if b.sort and texts[i] != done[i]]
    if style is None or not again:
        return texts
    resorted = normalize([Block(texts[i], sort=True, group=blocks[i].group) for i in again],
                         style, path, root)
    for index, text in zip(again, resorted, strict=True):
        texts[index] = mark_too_long(marks(index, text), style)  # isort 6 leaves it whole
        if style.sorter == "isort" and style.long_line_code in texts[index] and _sort(
                texts[index], style, path, root or style.root) != texts[index]:
            texts[index] = fence(texts[index], style.long_line_code)  # isort 6.1 rewraps it
    return texts


def normalize(
    blocks: Sequence[Block], style: Style, path: Path, root: Path | None = None
) -> tuple[str, ...]:
    """Each block's text as the project's sorter and formatter would write it, without
    leading or trailing blank lines (a non-empty result ends with one newline).

    `path` is a file of the package the blocks go to (it need not exist: it selects the
    tools' per-directory settings and first-party detection; the blocks of all modules of
    one split may share one call, with the old module's path). `root` is the directory
    the tools run in (the project root; default: `style.root`)."""
    try:
        return _normalize(blocks, style, path, root)
    except ToolError as error:
        if error.block is not None:
            raise
        for index, block in enumerate(blocks):  # which block: the failure path only
            try:
                _normalize([block], style, path, root)
            except ToolError as alone:  # its line, in the block without leading blank lines
                lead = len(block.text) - len(block.text.lstrip("\n"))
                raise ToolError(str(alone), alone.cause, index, alone.line - lead) from error
        raise


def _normalize(
    blocks: Sequence[Block], style: Style, path: Path, root: Path | None = None
) -> tuple[str, ...]:
    texts = [b.text for b in blocks]
    cwd = root or style.root
    to_sort = [i for i, b in enumerate(blocks) if b.sort and b.text.strip()]
    grouped = [i for i in to_sort if blocks[i].group and can_group(texts[i], style)]
    shorter: dict[int, str] = {}  # a facade's imports grouped: kept if that is shorter
    if grouped:
        document = _sort(_join([texts[i] for i in grouped]), style, path, cwd, group=True)
        for index, text in zip(grouped, _split(document), strict=True):
            protected = protect(text, style)
            if protected is not None:
                shorter[index] = protected
    if to_sort:
        document = _sort(_join([texts[i] for i in to_sort]), style, path, cwd)
        for index, text in zip(to_sort, _split(document), strict=True):
            group = shorter.get(index, text)
            # isort's remove_redundant_aliases would drop the aliases (and their noqa)
            # of a re-export one line each: only the protected group keeps them
            texts[index] = group if (group.count("\n") < text.count("\n")
                                     or style.removes_redundant_aliases) else text
    # isort has the last word on the blocks it sorted: its wrapping (multi_line_output,
    # combine_as_imports, its line length) is what the project's `isort --check` wants,
    # and a formatter would re-wrap it (a black profile already writes black's wrapping)
    sorted_by_isort = isort_sorts(style, path)
    for fix in (space_comments, hoist_notes) if sorted_by_isort else ():  # a comment
        # isort leaves under an import, which formatters want apart: see comment_gaps
        fixed = {i: fix(texts[i]) for i in to_sort if texts[i].strip()}
        changed = [i for i in fixed if fixed[i] != texts[i]]
        if changed and _split(_sort(_join([fixed[i] for i in changed]), style, path, cwd)
                              ) == [fixed[i] for i in changed]:
            for i in changed:
                texts[i] = fixed[i]
    nested = with_nested_imports(texts, to_sort)  # isort's headings, `I001` (nested_imports)
    if nested:
        for index, text in zip(nested, _split(_sort(_join([texts[i] for i in nested]), style,
                                                      path, cwd)), strict=True):
            texts[index] = text
    to_format = [i for i, t in enumerate(texts) if t.strip() and not (sorted_by_isort and i in to_sort)]
    if to_format:
        document = _format(_join([texts[i] for i in to_format]), style, path, cwd)
        fixes = [code for code in LINT_FIXES if style.ruff is not None and style.ruff.enables(
            code, path) and (code != "RUF022" or "__all__" in document)]
        if fixes:  # what the formatter leaves that the project's ruff reports: then again
            document = _format(_fix(document, fixes, style, path, cwd), style, path, cwd)
        formatted = _split(document)
        for index, text in zip(to_format, formatted, strict=True):
            texts[index] = text
    return tuple(t if t.strip() else "" for t in texts)


def _join(texts: Sequence[str]) -> str:
    """One document: each text after a marker, and a marker after the last, so each is
    formatted as followed by a statement (as it is in its file)."""
    return "".join(f"{CUT}\n{text.rstrip()}\n" if text.strip() else f"{CUT}\n"
                   for text in texts) + f"{CUT}\n"


def _split(document: str) -> list[str]:
    pieces = _CUT_LINE.split(document)
    if pieces[0].strip() or pieces[-1].strip():
        raise ToolError(f"a tool moved text around the blocks:\n{pieces[0]}{pieces[-1]}")
    return [(p.strip("\n") + "\n") if p.strip() else "" for p in pieces[1:-1]]


def _sort(document: str, style: Style, path: Path, cwd: Path, group: bool = False) -> str:
    """`document` sorted by the project's sorter with its settings (with `group`, and
    combine-as-imports on: `from m import a as a, b as b` stays one statement)."""
    if style.sorter == "isort" and not isort_sorts(style, path):
        return document  # the project's isort leaves this file as it is: so does godsplit
    if style.sorter == "isort":  # the project's pinned isort where one is found
        return sort_imports(document, style, path, group)
    args = _fix_only(["I001"])
    if style.ruff_isolated:
        args += [
            *_isolated(style), "--config", f"lint.isort.known-first-party = {list(style.first_party)!r}",
            "--config", "lint.isort.force-sort-within-sections = "
                        f"{str(style.force_sort_within_sections).lower()}",
            "--config", f"lint.isort.combine-as-imports = {str(style.combine_as or group).lower()}",
            "--config", f"lint.isort.force-single-line = {str(style.force_single_line).lower()}"]
    elif group:
        args += ["--config", "lint.isort.combine-as-imports = true"]
    wrap = None if style.ruff_isolated else isort_wrap(style)  # the project's isort's too
    return _ruff(args + (["--line-length", str(wrap)] if wrap else []), document, path, cwd, style)


# Rules a formatter's output can break that ruff fixes: a call or collection the formatter
# wraps without a trailing comma (COM812: babel), and a generated `__all__` in the source's
# order (RUF022). Only where the project's ruff enables them.
LINT_FIXES = ("COM812", "RUF022")


def _fix(document: str, codes: list[str], style: Style, path: Path, cwd: Path) -> str:
    args = _fix_only(codes) + (_isolated(style) if style.ruff_isolated else [])
    return _ruff(args, document, path, cwd, style)


def _fix_only(codes: list[str]) -> list[str]:
    """`ruff check` fixing only `codes`, whatever the project's per-file ignores say."""
    return ["check", "--fix-only", "--exit-zero", "--quiet", "--select", ",".join(codes),
            "--fixable", ",".join(codes), "--config", "lint.unfixable = []",
            "--config", "lint.per-file-ignores = {}",
            "--config", "lint.extend-per-file-ignores = {}"]


def _isolated(style: Style) -> list[str]:
    """ruff without the project's configuration (it cannot read it: GS114), given the
    settings godsplit read from it."""
    return ["--isolated", "--line-length", str(style.line_length),
            "--config", f"format.skip-magic-trailing-comma = "
                        f"{'false' if style.magic_trailing_comma else 'true'}"]


def _format(document: str, style: Style, path: Path, cwd: Path, extra: Sequence[str] = ()
            ) -> str:
    args = ["format", *extra]
    if style.ruff_isolated:
        args += _isolated(style)
        if not style.normalize_strings:
            args += ["--config", 'format.quote-style = "preserve"']
    elif style.formatter == "black":  # black's settings, for ruff's black-style formatter
        args += ["--line-length", str(style.line_length),
                 "--config", f"format.skip-magic-trailing-comma = "
                             f"{'false' if style.magic_trailing_comma else 'true'}"]
        if not style.normalize_strings:
            args += ["--config", 'format.quote-style = "preserve"']
    else:  # the project's ruff settings, but the line length godsplit read: with no ruff
        # line-length set, a linter's limit (flake8's max-line-length), not ruff's 88
        args += ["--line-length", str(style.line_length)]
        if style.single_quotes and style.normalize_strings:
            args += ["--config", 'format.quote-style = "single"']
    return _ruff(args, document, path, cwd, style)


def _ruff(args: list[str], document: str, path: Path, cwd: Path, style: Style) -> str:
    command = [ruff_binary(style.ruff_tool), *args, "--stdin-filename", str(path), "-"]
    proc = subprocess.run(
        command, input=document, capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "RUFF_NO_CACHE": "true"}, timeout=120,
    )
    if proc.returncode != 0:
        raise ruff_error(proc.stderr, cwd)
    return proc.stdout


def sort_file(text: str, style: Style, path: Path) -> str | None:
    """A whole file as the project's import sorter writes it (isort, or ruff's I001 where
    the project's ruff enables it); None when the project does not sort imports."""
    if style.sorter == "isort" and style.file("isort") is not None:
        return _sort(text, style, path, style.root)
    if style.file("ruff") is not None and style.ruff is not None and style.ruff.enables("I001", path):
        return _sort(text, style, path, style.root)
    return None


def format_file(text: str, style: Style, path: Path) -> str:
    """A whole file as the project's formatter (black, or ruff's) writes it, with its
    settings as for the blocks above, for the oldest Python the project declares (Python
    3.8 when it declares none: no parenthesized context managers, which older Pythons
    cannot parse); then what the formatter leaves that the project's ruff fixes (COM812)."""
    start = path.resolve().parent
    directories = [start, *[p for p in start.parents if style.root in (p, *p.parents)]]
    target = ["--target-version", declared_target(directories) or "py38"]
    document = _format(text, style, path, style.root, target)
    fixes = [code for code in LINT_FIXES if style.ruff is not None and style.ruff.enables(
        code, path) and (code != "RUF022" or "__all__" in document)]
    if fixes:
        document = _format(_fix(document, fixes, style, path, style.root), style, path,
                           style.root, target)
    return document
