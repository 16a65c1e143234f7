"""godsplit's own comments, wrapped to the project's max-doc-length (W505).

pycodestyle reports comment-only lines and docstrings longer than `max-doc-length` when a
project sets it (W505; pycodestyle's own `setup.cfg`: 72; flake8 passes it on; ruff reads
`lint.pycodestyle.max-doc-length`). godsplit writes its comments to fit 79 columns, and its
marker names the new package, of any length. In such a project each run of comment lines
godsplit wrote (at one indentation; not a line of the source, not a pragma such as
`# noqa` or `# isort: off`) that has a line over the limit is wrapped again to it. Moved
code is the source's and is left as it is; the runtime's docstrings fit 72 as written.
"""

from __future__ import annotations

import re
import textwrap

_COMMENT = re.compile(r"^([ \t]*)#[ \t]?(.*)$")
_PRAGMA = re.compile(
    r"^[ \t]*#[ \t]*(noqa\b|type:|isort:|ruff:|pylint:|fmt:|pyright:|mypy:|flake8[:\s]|"
    r"godsplit-|nosec\b|pragma\b)", re.IGNORECASE)


def wrap_comments(text: str, width: int, source: str) -> str:
    """`text` with each run of godsplit's comment lines that has one over `width` wrapped
    to `width`; a line also in `source` (stripped) is not godsplit's."""
    known = {line.strip() for line in source.splitlines()}
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        indent, run = _run(lines, at, known)
        if not run:
            out.append(lines[at])
            at += 1
            continue
        if any(len(indent) + 2 + len(body) > width for body in run):
            out += comment_lines(" ".join(run), width, indent)
        else:
            out += lines[at:at + len(run)]
        at += len(run)
    return "\n".join(out)


def comment_lines(text: str, width: int = 79, indent: str = "") -> list[str]:
    """`text` as the lines of a comment (`# ` and words) of at most `width` columns, as
    godsplit writes its comments (79) and wraps them to a project's max-doc-length."""
    return textwrap.wrap(text, width, initial_indent=indent + "# ",
                         subsequent_indent=indent + "# ", break_long_words=False,
                         break_on_hyphens=False)


def _run(lines: list[str], at: int, known: set[str]) -> tuple[str, list[str]]:
    """The indentation and text of godsplit's comment lines from `at` on (at the first
    one's indentation)."""
    run: list[str] = []
    indent = None
    for line in lines[at:]:
        match = _COMMENT.match(line)
        if match is None or line.strip() in known or _PRAGMA.match(line) or not match.group(2):
            break
        if indent is not None and match.group(1) != indent:
            break
        indent = match.group(1)
        run.append(match.group(2))
    return indent or "", run
