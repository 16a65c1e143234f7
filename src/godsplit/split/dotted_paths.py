"""Dotted paths and module names that other code resolves at run time (`facade_reads`).

`"pkg.big.helper"` or `"pkg.big:helper"` in a string reads `helper` through `pkg.big`
when something resolves it (`import_string`, `pkgutil.resolve_name`); a module name held
in a variable reaches `import_module(name)` without its text in the call.
"""

from __future__ import annotations

import io
import re
import tokenize

# a module got by a name held in a variable (`import_module(name)`, Django's `import_string`)
_BY_VARIABLE = re.compile(
    rb"(?<!def )\b(?:import_module|__import__|import_string|resolve_name)\(\s*([A-Za-z_][\w.]*)\s*[,)]")


def path_parts(value: str, old: str) -> tuple[str, str, str] | None:
    """A dotted path `old.name.rest` or `old:name.rest` as (separator, name, `.rest`)."""
    if len(value) <= len(old) + 1 or not value.startswith(old) or value[len(old)] not in ".:":
        return None
    name, dot, rest = value[len(old) + 1:].partition(".")
    return (value[len(old)], name, dot + rest) if name.isidentifier() else None


def dotted(value: str, old: str) -> str | None:
    """The name a dotted path `old.name[.rest]` or `old:name[.rest]` reads through `old`."""
    parts = path_parts(value, old)
    return None if parts is None else parts[1]


def variable_loads(data: bytes) -> list[tuple[int, str]]:
    """(line, call) of each module got by a name held in a variable (`import_module(name)`,
    not `__name__` or `__package__`: the file's own), found in the text without a parse;
    one in a comment or a plain string (a docstring) is not code (round 29)."""
    found = [m for m in _BY_VARIABLE.finditer(data) if m.group(1) not in (b"__name__", b"__package__")]
    prose = _prose(data) if found else []
    out = []
    for m in found:
        line = data.count(b"\n", 0, m.start()) + 1
        start = (line, len(data[data.rfind(b"\n", 0, m.start()) + 1:m.start()].decode(
            "utf-8", "replace")))
        if not any(first <= start < last for first, last in prose):
            out.append((line, m.group().rstrip(b",").decode() + (
                ")" if m.group().endswith(b",") else "")))
    return out


def _prose(data: bytes) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of the comments and plain (not f-) strings of `data` (none if it does not
    tokenize: then every match counts, as before)."""
    spans = []
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            text = token.string  # (a string's prefix: what comes before its quote)
            if token.type == tokenize.COMMENT or (token.type == tokenize.STRING and "f" not in (
                    text[:text.index(text[-1])].lower())):
                spans.append((token.start, token.end))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return []
    return spans
