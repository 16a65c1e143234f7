"""Normalize the lines godsplit generates, as the project's own tools would write them.

Only generated blocks go through here (import blocks, re-exports, `__all__`, runtime
machinery); moved code never does: it stays byte-for-byte as it was. A block is a run
of complete top-level statements and comments. Import blocks (`Block(text, sort=True)`)
are first sorted and sectioned by the project's sorter, then every block is formatted by
the project's formatter:

- sorting: isort's Python API with the project's isort settings when the project sorts
  with isort; otherwise ruff's isort (`ruff check --select I001 --fix-only`), which
  reads the project's `[lint.isort]` settings (first-party modules,
  force-sort-within-sections, line length, ...) from the file's path;
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
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import GodsplitError
from .grouping import ISORT_ON, can_group, protect
from .noqa import mark, noqa_first, noqa_long, noqa_too_long
from .style import Style
from .tool_error import ToolError, located

if TYPE_CHECKING:
    import isort

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
    root: Path | None = None,
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
    out = {}
    for file, pieces in files.items():
        parts = []
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
                continue
            text = sorted_text = noqa_long(noqa_first(next(done)), style)
            if piece.reexport_noqa:
                text = mark(text, piece.reexport_noqa, piece.listed)
            if piece.noqa:
                text = mark(text, piece.noqa)
            if piece.sort and style is not None and style.sorter == "isort" and (
                    text != sorted_text):  # isort has the last word on what it sorts:
                # it may merge a marked import into another (combine_as_imports) or wrap it
                text = noqa_first(normalize([Block(text, sort=True)], style, path, root)[0])
            if piece.sort and style is not None and noqa_too_long(text, style):
                # the comment made an import too long: the sorter wraps it (isort 5 does;
                # isort 6 and later leave a line with a noqa whole: E501 goes on the list)
                text = noqa_first(normalize([Block(text, sort=True)], style, path, root)[0])
                text = "\n".join(f"{line}, E501" if noqa_too_long(line, style) else line
                                  for line in text.split("\n"))
            if text:
                raw = piece.text
                lead = len(raw) - len(raw.lstrip("\n"))
                if _after_definition("".join(parts)):
                    lead = 2
                trail = len(raw) - len(raw.rstrip("\n"))
                parts.append("\n" * lead + text + "\n" * max(trail - 1, 0))
                if piece.sort and style is not None:
                    parts.append(_AFTER_IMPORTS if _ends_with_import(text) else _AFTER_BLOCK)
        out[file] = _space_after_imports(parts)
    return out


_AFTER_IMPORTS = "\0after-imports\0"
_AFTER_BLOCK = "\0after-block\0"
_DEFINITION = re.compile(r"(?:async\s+def|def|class)\b|@")


def _after_definition(text: str) -> bool:
    """Whether the last top-level statement of `text` is a def or class."""
    for line in reversed(text.splitlines()):
        if line.strip() and not line[0].isspace() and not line.startswith(("#", ")")):
            return bool(_DEFINITION.match(line))
    return False


def _ends_with_import(text: str) -> bool:
    top = [line for line in text.splitlines() if line and not line[0].isspace() and line != ")"]
    return bool(top) and (top[-1].startswith(("import ", "from ")) or top[-1] == ISORT_ON)


def _space_after_imports(parts: list[str]) -> str:
    """The blank lines after an import block, as isort and ruff want them: two before a
    definition or the comment lines right above one, one before anything else."""
    out = ""
    pending = ""
    for part in parts:
        if part in (_AFTER_IMPORTS, _AFTER_BLOCK):
            pending = part
            continue
        if pending and part.strip():
            body = part.lstrip("\n")
            blank = len(part) - len(body)
            code = next((line for line in body.splitlines() if not line.startswith("#")), "")
            if _DEFINITION.match(code):  # two before a def or class, and before the
                # comments right above one (ruff, its formatter and E302 count them in)
                blank = 2
            elif pending == _AFTER_IMPORTS:
                blank = 1
            out = out.rstrip("\n") + "\n" + "\n" * blank + body
            pending = ""
            continue
        if not pending:
            out += part
    return out


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
    to_format = [i for i, t in enumerate(texts)
                 if t.strip() and not (style.sorter == "isort" and i in to_sort)]
    if to_format:
        formatted = _split(_format(_join([texts[i] for i in to_format]), style, path, cwd))
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
    if style.sorter == "isort":
        import isort

        # not `atomic`: the document holds every block of the file cut apart (a `from
        # __future__` import after other code), which isort would refuse to compile;
        # godsplit checks that what it writes parses
        settings = isort.Config(config=_isort_settings(style), atomic=False)
        if group:
            settings = isort.Config(config=settings, combine_as_imports=True)
        try:
            return isort.code(document, config=settings, file_path=path)
        except Exception as exc:  # isort raises many types for bad settings
            raise GodsplitError(f"isort failed: {exc}", style.file("isort")) from exc
    args = ["check", "--fix-only", "--exit-zero", "--quiet", "--select", "I001",
            "--fixable", "I001", "--config", "lint.unfixable = []",
            "--config", "lint.per-file-ignores = {}",
            "--config", "lint.extend-per-file-ignores = {}"]
    if style.ruff_isolated:
        args += [
            *_isolated(style), "--config", f"lint.isort.known-first-party = {list(style.first_party)!r}",
            "--config", "lint.isort.force-sort-within-sections = "
                        f"{str(style.force_sort_within_sections).lower()}",
            "--config", f"lint.isort.combine-as-imports = {str(style.combine_as or group).lower()}",
            "--config", f"lint.isort.force-single-line = {str(style.force_single_line).lower()}"]
    elif group:
        args += ["--config", "lint.isort.combine-as-imports = true"]
    return _ruff(args, document, path, cwd)


def _isolated(style: Style) -> list[str]:
    """ruff without the project's configuration (it cannot read it: GS114), given the
    settings godsplit read from it."""
    return ["--isolated", "--line-length", str(style.line_length),
            "--config", f"format.skip-magic-trailing-comma = "
                        f"{'false' if style.magic_trailing_comma else 'true'}"]


def _format(document: str, style: Style, path: Path, cwd: Path) -> str:
    args = ["format"]
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
    return _ruff(args, document, path, cwd)


def _ruff(args: list[str], document: str, path: Path, cwd: Path) -> str:
    command = [ruff_binary(), *args, "--stdin-filename", str(path), "-"]
    proc = subprocess.run(
        command, input=document, capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "RUFF_NO_CACHE": "true"}, timeout=120,
    )
    if proc.returncode != 0:
        raise ruff_error(proc.stderr, cwd)
    return proc.stdout


def ruff_error(stderr: str, cwd: Path) -> Exception:
    """A configuration ruff cannot load (it does not parse, or pins another ruff version)
    is the project's input: GodsplitError with the file and line; anything else is a
    ToolError."""
    config = re.search(r"Failed to (?:load configuration `([^`]+)`|parse (\S+\.toml))\s*$",
                       stderr, re.MULTILINE)
    if config is None:
        where = re.search(r":(\d+):\d+: (.+)$", stderr, re.MULTILINE)  # line 1 is a marker
        cause = where[2] if where else (stderr.strip().splitlines() or ["ruff failed"])[-1]
        return ToolError(f"ruff failed on generated code:\n{stderr.strip()}", cause,
                         line=max(int(where[1]) - 1, 1) if where else 1)
    line = re.search(r"at line (\d+)", stderr)
    lines = [t.strip().removeprefix("Cause: ") for t in stderr.strip().splitlines() if t.strip()]
    cause = lines[-1].split(", expected one of")[0] if lines else "cannot be read"
    path = cwd / (config.group(1) or config.group(2))
    number = int(line.group(1)) if line else None
    key = re.fullmatch(r"unknown field `([\w-]+)`", cause)
    if key is not None and number is not None:  # ruff points at the table: find the key
        number = _key_line(path, key.group(1), number)
    return GodsplitError(f"ruff cannot use this configuration: {cause}", path, number)


def _key_line(path: Path, key: str, start: int) -> int:
    """The line of `key = ...` in `path`, at or after line `start` (else `start`)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return start
    pattern = re.compile(r"\s*" + re.escape(key) + r"\s*=")
    return next((n for n, t in enumerate(text[start - 1:], start) if pattern.match(t)), start)


@cache
def ruff_binary() -> str:
    """The ruff installed with godsplit (its `ruff` dependency), else the one on PATH."""
    name = "ruff.exe" if sys.platform == "win32" else "ruff"
    for scheme in (None, f"{os.name}_user"):
        try:
            scripts = sysconfig.get_path("scripts", scheme) if scheme else (
                sysconfig.get_path("scripts"))
        except KeyError:
            continue
        candidate = Path(scripts) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise GodsplitError("ruff is not installed (it is a dependency of godsplit)")
    return found


@cache
def _isort_config(directory: Path) -> isort.Config:
    import isort

    return isort.Config(settings_path=str(directory))


def _isort_settings(style: Style) -> isort.Config:
    found = style.file("isort")
    directory = found.parent if found is not None else style.root
    try:
        return _isort_config(directory)
    except Exception as exc:  # unknown profile, bad values: isort's own exception types
        raise GodsplitError(f"isort cannot use this configuration: {exc}", directory) from exc
