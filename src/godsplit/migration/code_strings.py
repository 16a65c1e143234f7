"""Python code held in a string that reads a moved name through the old module.

A test that runs `python -c` or feeds a subprocess a script (`b"import tornado\\n
tornado.web.RequestHandler"`), an `exec`'d snippet, a template of generated code: none of
it is code `migrate` can see as such, and after `retire` it fails. A string that parses as
Python and reads `old.name` for a moved name (an attribute chain, or `from old import`
handled by the caller) is listed for a hand edit, at the line of the read, so that
`migrate --check` reports it and `retire` refuses while it is there. Prose that names the
old path (a docstring's cross-reference) does not parse and is left to GS505.
"""

from __future__ import annotations

import ast

import libcst as cst

from ..split.typestrings import dotted_name
from .edit import Context, Use
from .homes import Homes


def code_text(node: cst.SimpleString) -> str | None:
    """The text of a str or bytes literal (bytes decoded as UTF-8), or None."""
    value = node.evaluated_value
    if isinstance(value, bytes):
        try:
            return value.decode()
        except UnicodeDecodeError:
            return None
    return value


def code_reads(ctx: Context, node: cst.SimpleString, text: str, homes: Homes) -> bool:
    """List each `old.name` a string of code reads for a moved `name`; True if any."""
    prefix = homes.old_module + "."
    if prefix not in text or text.strip().replace(".", "").isidentifier():
        return False  # a dotted path on its own is the caller's to rewrite
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    seen: set[tuple[int, str]] = set()
    reads = sorted((sub for sub in ast.walk(tree) if isinstance(sub, ast.Attribute)),
                   key=lambda sub: (sub.lineno, sub.col_offset))
    for sub in reads:
        dotted = dotted_name(sub)
        if not dotted.startswith(prefix):
            continue
        name = dotted[len(prefix):].partition(".")[0]
        if homes.submodule(name) or homes.new_home(name) is None:
            continue
        line = ctx.line(node) + sub.lineno - 1
        if (line, name) in seen:
            continue
        seen.add((line, name))
        ctx.uses.append(Use(ctx.path, line, homes.old_module, name, "string", None, False,
                            f"code in a string reads {dotted}: edit by hand "
                            f"(it lives in {homes.new_home(name)} now)"))
    return bool(seen)
