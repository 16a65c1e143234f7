"""Targeted `# noqa` for what the project's ruff reports on imports a split writes, where
the import must stay as it is:

- A004 (flake8-builtins: an import shadowing a builtin): a facade re-exports the name the
  god file defined (`def open`, `class max`: A001 there, moved with it), and a new module
  imports it from its sibling;
- TC001-TC003 (flake8-type-checking: an import only annotations read): the god file
  defined the name, or imported it for code that read it at run time too; the new module
  that reads it only in annotations imports it at run time on purpose, as
  `typing.get_type_hints` (pydantic, dataclasses, FastAPI, ...) needs it there.

A project whose ruff is older than 0.8 (sphinx 8.1.3 pins 0.6.9) knows TC001-TC003 as
TCH001-TCH003: its ruff is asked, and the marks are written, under those codes.
Where the ruff godsplit runs cannot read the project's configuration (GS114: sphinx's
`.ruff.toml` selects `S320`, which ruff 0.17 lacks), it is asked `--isolated`, with its
defaults for the rules' settings, as the split is sorted and formatted then.

Only where the project's ruff selects those rules for the file, and only for a finding
the god file itself does not have (matched by rule and line text, as the lint harness
matches): one `ruff check` of the old file and one of each generated file, run only in
projects that select one of them. A single-line import a mark makes longer than black's
line length (black counts the comment), or flake8's E501 limit, is written one name a line
and marked name by name: one more `ruff check` of the file, only then.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from .loop_shadows import comment_row, noqa_comment
from .ruff_pin import project_version
from .ruff_tool import code_for, ruff_binary, ruff_error
from .style import Style

RULES = ("A004", "TC001", "TC002", "TC003")


def mark_reported(texts: Mapping[Path, str], style: Style | None, source: Path
                  ) -> dict[Path, str]:
    """`texts` (the files of a split) with a targeted noqa on each import line the
    project's ruff reports for one of `RULES`, unless the source has that finding."""
    out = dict(texts)
    if style is None or style.ruff is None or style.file("ruff") is None:
        return out
    ruff = style.ruff
    wanted = {path: [r for r in RULES if ruff.enables(r, path)]
              for path in texts if path.suffix == ".py"}
    if not any(wanted.values()):
        return out
    try:
        old = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return out
    rules = sorted({r for codes in wanted.values() for r in codes})
    before = {(code, _text(old, row)) for code, row in report(old, rules, source, style)}
    planned = {(p.parent if p.name == "__init__.py" else p.with_suffix("")).parts for p in texts}
    for path, codes in wanted.items():
        if codes:
            marked, long = _marked(out[path], codes, path, style, before, planned)
            if long:  # wrapped as the formatter keeps it, then marked name by name
                marked = _marked(_exploded(out[path], long), codes, path, style, before,
                                 planned)[0]
            out[path] = marked
    return out


def _first_party(code: str, lines: list[str], index: int, planned: set[tuple[str, ...]],
                 codes: list[str]) -> str | None:
    """The code ruff will report once the split is written: an absolute import of a module
    the split writes is TC001 (first-party), though ruff, asked before the module exists
    (the god file still stands where its package will be), calls it third-party (TC002).
    None: a rule the project does not select."""
    if code != "TC002":
        return code
    start = next((i for i in range(index, -1, -1) if _FROM_ANY.match(lines[i])), None)
    found = _FROM_ANY.match(lines[start]) if start is not None else None
    parts = tuple(found[1].split(".")) if found else ()
    if not parts or not any(p[-len(parts):] == parts for p in planned if len(p) >= len(parts)):
        return code
    return "TC001" if "TC001" in codes else None


def _marked(text: str, codes: list[str], path: Path, style: Style,
            before: set[tuple[str, str]], planned: set[tuple[str, ...]]
            ) -> tuple[str, set[int]]:
    """`text` with the marks, and the lines (0-based) of the single-line imports a mark
    made too long where a tool counts the comment: black (it wraps the import, and the
    noqa ends after the closing parenthesis, where ruff does not look for it) or flake8's
    E501, which a formatter that keeps an exploded import lets us avoid."""
    lines = text.splitlines(keepends=True)
    marks: dict[int, list[str]] = {}
    for reported, row in report(text, codes, path, style):
        code = _first_party(reported, lines, row - 1, planned, codes)
        if code and (reported, _text(text, row)) not in before and _imports(lines[row - 1]):
            marks.setdefault(comment_row(lines, row - 1), []).append(code)
    limits = [style.line_length] if style.formatter == "black" else []
    if "flake8" in style.linters and style.lint_line_length and style.magic_trailing_comma:
        limits.append(style.lint_line_length)
    long = set()
    theirs = project_version(style.ruff_tool)  # the codes the project's ruff reads
    for index, found in marks.items():
        found = [code_for(code, theirs) for code in found]
        if limits and "#" not in lines[index] and _FROM.match(lines[index]) and len(
                _noqa(lines[index], found).rstrip("\r\n")) > min(limits):
            long.add(index)
        lines[index] = _noqa(lines[index], found)
    return "".join(lines), long


_FROM_ANY = re.compile(r"^\s*from ([\w.]+) import ")
_FROM = re.compile(r"^(from [\w.]+ import )((?:\w+(?: as \w+)?, )*\w+(?: as \w+)?)(\r?\n)?$")


def _exploded(text: str, indices: set[int]) -> str:
    """`text` with the single-line `from` imports at `indices` one name a line, with a
    magic trailing comma: the form black and ruff's formatter keep."""
    lines = text.splitlines(keepends=True)
    for index in indices:
        match = _FROM.match(lines[index])
        assert match is not None
        end = match[3] or ""
        names = "".join(f"    {name},{end or chr(10)}" for name in match[2].split(", "))
        lines[index] = f"{match[1]}({end or chr(10)}{names})" + end
    return "".join(lines)


def report(text: str, codes: list[str], path: Path, style: Style) -> list[tuple[str, int]]:
    """(rule, line) of each finding of `codes` in `text`, as the project's ruff reports it
    for a file at `path` (rules by their current codes, whatever that ruff calls them)."""
    cwd = style.root
    tool = style.ruff_tool
    runs = project_version(tool) if tool is not None and not tool.own else ()
    asked = {code_for(code, runs): code for code in codes}
    command = [ruff_binary(tool), "check", "--exit-zero", "--no-fix", "--output-format", "json",
               *(["--isolated"] if style.ruff_isolated else []),  # GS114: its defaults
               "--select", ",".join(asked), "--stdin-filename", str(path), "-"]
    proc = subprocess.run(command, input=text, capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "RUFF_NO_CACHE": "true"}, timeout=120, check=False)
    if proc.returncode != 0:
        raise ruff_error(proc.stderr, cwd)
    return [(asked[f["code"]], int(f["location"]["row"])) for f in json.loads(proc.stdout or "[]")
            if f.get("code") in asked]


def _text(text: str, row: int) -> str:
    """The code of line `row` (1-based) of `text`, without its comment."""
    lines = text.splitlines()
    return lines[row - 1].split("#")[0].strip() if 0 < row <= len(lines) else ""


_IMPORT_LINE = re.compile(r"^\s*(?:from\s|import\s|[\w.]+(?:\s+as\s+\w+)?\s*,?\s*(?:#|$))")


def _imports(line: str) -> bool:
    """Whether `line` is an import's (its first line, or a name of a wrapped one)."""
    return bool(_IMPORT_LINE.match(line))


def _noqa(line: str, codes: list[str]) -> str:
    body = line.rstrip("\r\n")
    return noqa_comment(body, *codes) + line[len(body):]
