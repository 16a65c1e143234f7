"""The quote of the strings godsplit writes into moved code (copied verbatim, never
formatted): a pinned Celery task's `name="..."`, a task class's `name = "..."`, a module
logger's copied `getLogger("...")`, `__name__` and `__file__` replaced by the old module's
name and path.

The project's formatter decides where it rewrites quotes (`Style.quote`: ruff format's
`quote-style`, black's double quotes, flake8-quotes' `inline-quotes` read by ruff's Q000
where the formatter is to follow it: `text_style.string_quote`); where the formatter keeps
the quotes it finds (black's `skip-string-normalization`, ruff's `quote-style =
"preserve"`) and no linter says, the source module's own: the quote most of its one-line
strings take (double on a tie, or where it has none). Where no setting names a quote (the
formatter's default, which the project may not run), a task's `name=` is quoted as its
decorator's other strings are (`queue='web'`).
"""

from __future__ import annotations

import io
import tokenize
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .style import Style

_STRING_TYPES = frozenset({tokenize.STRING, getattr(tokenize, "FSTRING_START", -1)})


def new_quote(style: Style | None, source: str) -> tuple[str, bool]:
    """The quote a string godsplit writes into a module split from `source` takes, and
    whether the project's tools decide it (else a string beside it may: a task's `name=`
    is quoted as its decorator's other strings are)."""
    if style is None:
        return '"', False
    quote, fixed = style.quote
    return (quote, fixed) if quote else (prevailing_quote(source), False)


@lru_cache(maxsize=4)  # asked once for each module of a plan, of the same source
def prevailing_quote(text: str) -> str:
    """The quote most one-line strings of `text` take (docstrings and other triple-quoted
    strings do not count): `'` where more take it than `"`, else `"`."""
    counts = {"'": 0, '"': 0}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type not in _STRING_TYPES:
                continue
            body = token.string.lstrip("rRbBuUfF")
            if body[:1] in counts and body[:3] != body[0] * 3:
                counts[body[0]] += 1
    except (tokenize.TokenError, SyntaxError):  # (the source parsed: LibCST is more lenient)
        pass
    return "'" if counts["'"] > counts['"'] else '"'
