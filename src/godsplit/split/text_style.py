"""What a project's linters want of the text godsplit writes: doc length, quotes, and
the relative imports they ban."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .style_files import Section

if TYPE_CHECKING:
    from .rules import Rules

Linter = tuple["Rules | None", "Section | None"]  # a linter's rules and its settings' table


def doc_lengths(ruff: Linter, flake8: Linter, pycodestyle: Linter) -> list[int]:
    """The max-doc-length of each linter that reports W505 (it is off until set): ruff's
    `lint.pycodestyle`, flake8's, and pycodestyle's own section (pycodestyle runs itself)."""
    found = []
    rules, lint = ruff
    table = lint.sub("pycodestyle") if lint is not None else None
    if table is not None and rules is not None and rules.enables("W505"):
        found.append(table.integer("max-doc-length", 0))
    for rules, section in (flake8, pycodestyle):  # (shorter lines never hurt)
        if section is not None and rules is not None and rules.enables("W505"):
            found.append(section.integer("max-doc-length", 0))
    return [length for length in found if length > 0]


def wants_single_quotes(ruff: Section | None, rules: Rules | None) -> bool:
    """ruff's Q000 wants single quotes (flake8-quotes' `inline-quotes`) and no format
    `quote-style` is set: the formatter is to write single quotes (yt-dlp, formatted by
    autopep8)."""
    if ruff is None or rules is None or not rules.enables("Q000"):
        return False
    quotes = ruff.lint().sub("flake8-quotes")
    ruff_format = ruff.sub("format")
    return bool(quotes is not None and quotes.string("inline-quotes", "double") == "single"
                and (ruff_format is None or "quote-style" not in ruff_format.keys()))


def string_quote(ruff: Section | None, rules: Rules | None, formatter: str,
                 normalizes: bool, pylint_quote: str = "") -> tuple[str, bool]:
    """The quote the project's formatter writes strings with (ruff format's `quote-style`;
    single where ruff's Q000 wants them and no `quote-style` is set, as `normalize._format`
    formats; else double, black's and ruff's default); where the formatter keeps the quotes
    it finds, those of flake8-quotes' `inline-quotes` where ruff reports Q000, else "" (the
    source's own: `quotes.new_quote`). pylint-quotes' `string-quote` (`pylint_quote`)
    decides where neither a quote-style nor Q000 does and no formatter is configured (or
    it keeps quotes). And whether a setting says so (a quote-style, Q000, pylint-quotes):
    else a string beside the one written may decide (a formatter may not run at all)."""
    q000 = ruff is not None and rules is not None and rules.enables("Q000")
    if normalizes:
        ruff_format = ruff.sub("format") if ruff is not None and formatter == "ruff" else None
        style = ruff_format.string("quote-style", "") if ruff_format is not None else ""
        single = style == "single" or (
            formatter == "ruff" and not style and wants_single_quotes(ruff, rules))
        if pylint_quote and not (style or q000) and formatter == "ruff" and not (
                ruff_format is not None and ruff_format.keys()):  # ruff's defaults, assumed
            return pylint_quote, True
        return ("'" if single else '"'), bool(style) or q000
    if ruff is not None and q000:
        quotes = ruff.lint().sub("flake8-quotes")
        single = quotes is not None and quotes.string("inline-quotes", "double") == "single"
        return ("'" if single else '"'), True
    return (pylint_quote, True) if pylint_quote else ("", False)


def relative_bans(ruff: Section | None, flake8: Section | None) -> tuple[tuple[str, str], ...]:
    """The code that reports a relative import, with what it bans ("parents": from a parent
    package, two dots or more; "all"), per linter: ruff's TID252 by its
    `flake8-tidy-imports.ban-relative-imports` ("parents" unless set), flake8-tidy-imports'
    I252 by its `ban-relative-imports` (off unless set; `true`: all). Whether the code is
    reported in a file is the linter's rules' to say (`relative_ban.relative_ban`)."""
    bans = []
    if ruff is not None:
        tidy = ruff.lint().sub("flake8-tidy-imports")
        value = tidy.string("ban-relative-imports", "parents") if tidy is not None else "parents"
        bans.append(("TID252", "all" if value == "all" else "parents"))
    value = flake8.string("ban-relative-imports", "").strip().lower() if flake8 else ""
    if value in ("true", "all", "parents"):
        bans.append(("I252", "parents" if value == "parents" else "all"))
    return tuple(bans)
