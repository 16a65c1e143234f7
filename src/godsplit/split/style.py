"""Project style: which linter, import sorter and formatter a project uses, and the settings
that shape the lines godsplit generates.

Read from the files those tools read, found the way they find them: from the split file's
directory upward, stopping at the repository root (a directory holding `.git` or `.hg`).

- ruff: the nearest `.ruff.toml`, `ruff.toml` or `pyproject.toml` with `[tool.ruff]`
  (following `extend`); lint settings under `lint` or, in old configs, at the top.
- flake8 (pyflakes): the nearest `.flake8`, `setup.cfg` or `tox.ini` with `[flake8]`, or
  `pyproject.toml` with `[tool.flake8]` (flake8-pyproject); flake8-tidy-imports' codes
  (I25x: I250 reports `X as X`) when its options are set there. Without a flake8 config,
  a pre-commit flake8 hook (flake8's defaults and the hook's `args`), else the options of
  a command that runs flake8 or pyflakes (`lint_commands`: a Makefile, tox, nox, GitHub
  workflows), with ruff's defaults too where ruff is run there; else pycodestyle's own
  `[pycodestyle]`/`[pep8]` of `setup.cfg` or `tox.ini` (its E501 limit).
- isort: the nearest `.isort.cfg`, `pyproject.toml` `[tool.isort]`, `setup.cfg` or `tox.ini`
  `[isort]`/`[tool:isort]`.
- black: `[tool.black]` of the nearest `pyproject.toml` (black's project root).

Reads files; runs only `ruff --show-settings`, once, to learn ruff's default rules (they
change between ruff versions). Without any configuration: ruff's default rules plus `I`
and `E501` at 88, sorted by ruff's isort, formatted by `ruff format`. A file that cannot
be parsed, or a setting of the wrong type, raises GodsplitError with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .checker_config import Pylint, find_pylint, has_mypy
from .lint_commands import lint_commands
from .pre_commit import pre_commit_black
from .ruff_pin import ProjectRuff, project_ruff
from .ruff_tool import ruff_binary
from .rules import NO_CONFIG_EXTRA as NO_CONFIG_EXTRA  # re-exported: tests, lintkit
from .rules import RUFF_DEFAULT_SELECT as RUFF_DEFAULT_SELECT
from .rules import RuleLayer, Rules, anchor, read_ruff_rules
from .rules import ruff_default_rules as ruff_default_rules
from .style_files import (
    Section,
    find_flake8,
    find_ini,
    find_isort,
    find_ruff,
    nearest_pyproject,
    repository_root,
)
from .text_style import doc_lengths, relative_bans, string_quote, wants_single_quotes

Linter = Literal["ruff", "flake8"]
Sorter = Literal["ruff", "isort"]
Formatter = Literal["ruff", "black"]

FLAKE8_DEFAULT_SELECT = ("E", "F", "W", "C90")
FLAKE8_DEFAULT_IGNORE = ("E121", "E123", "E126", "E226", "E24", "E704", "W503", "W504")
_ISORT_PROFILES: dict[str, dict[str, bool]] = {  # the flags below, from isort's profiles
    "django": {"combine_as_imports": True},
    "google": {"force_single_line": True, "force_sort_within_sections": True},
    "open_stack": {"force_single_line": True, "force_sort_within_sections": True},
    "plone": {"force_single_line": True},
    "appnexus": {"force_sort_within_sections": True},
}
_ISORT_LINES_AFTER_IMPORTS = {"pycharm": 2, "attrs": 2}  # isort's profiles that set it


@dataclass(frozen=True)
class Style:
    """What a project's linter, import sorter and formatter expect of the lines we write."""

    linters: tuple[Linter, ...]  # configured linters; ("ruff",) when none is
    sorter: Sorter  # the tool that sorts import blocks as the project does
    formatter: Formatter  # the formatter whose output generated lines must match
    line_length: int  # the formatter's line length
    lint_line_length: int | None  # E501's (or B950's) limit, the strictest; None when off
    magic_trailing_comma: bool  # a trailing comma keeps a collection exploded
    normalize_strings: bool  # the formatter rewrites quotes (black/ruff default)
    first_party: tuple[str, ...]  # known first-party modules of the sorter's config
    force_sort_within_sections: bool
    combine_as: bool  # `from m import a as a, b as b` on one line
    force_single_line: bool  # one name per `from` import
    removes_redundant_aliases: bool  # isort would turn `X as X` into `X`
    ruff: Rules | None  # ruff's rule selection (None: ruff is not used)
    flake8: Rules | None  # flake8's (None: not configured)
    files: tuple[tuple[str, Path], ...]  # (tool, the configuration file read for it)
    root: Path  # the directory the search stopped at
    ruff_isolated: bool = False  # ruff cannot read the project's configuration (GS114):
    # run it without, passing the settings above (`split/ruff_config.py`)
    long_line_code: str = "E501"  # what reports a line over lint_line_length (B950:
    # flake8-bugbear's, at max-line-length + 10%, where E501 is off and B950 selected)
    lines_after_imports: int = -1  # the sorter's blank lines after an import block (-1:
    # two before a def or class, one before anything else)
    pylint: Pylint | None = None  # the project's pylint settings (None: not configured)
    mypy: bool = False  # the project configures mypy (which it may run with --strict)
    doc_length: int | None = None  # W505's max-doc-length for comments and docstrings, the
    # strictest (pycodestyle's own: 72); None when no linter reports W505
    # ruff's Q000 wants single quotes (flake8-quotes' inline-quotes) and no format
    # quote-style is set: the formatter writes single quotes (yt-dlp, formatted by autopep8)
    single_quotes: bool = False
    # the quote of the strings godsplit writes into moved code (`'`, `"`; "" where the
    # formatter keeps the quotes it finds: the source's own), and whether a setting says so
    # (else a string beside it may decide: `quotes.new_quote`)
    quote: tuple[str, bool] = ('"', False)
    relative_bans: tuple[tuple[str, str], ...] = ()  # (code, "parents" / "all"): text_style
    ruff_tool: ProjectRuff | None = None  # the ruff run for the project (None: godsplit's)
    ruff_line_length: int = 88  # ruff's `line-length`: where ruff's isort wraps an import
    ruff_magic_comma: bool = True  # ruff's isort keeps an import with a trailing comma
    # wrapped (`split-on-trailing-comma`)

    @property
    def configured(self) -> bool:
        return bool(self.files)

    def file(self, tool: str) -> Path | None:
        """The configuration file read for `tool` ("ruff", "flake8", "isort", "black")."""
        return next((path for name, path in self.files if name == tool), None)

    @property
    def pyflakes(self) -> bool:
        """Whether pyflakes judges unused imports (it ignores `X as X`, honours `__all__`)."""
        return self.flake8 is not None and self.flake8.enables("F401")

    def enables(self, code: str, path: Path | None = None) -> bool:
        """Whether any of the project's linters reports `code` (in `path`)."""
        return any(r is not None and r.enables(code, path) for r in (self.ruff, self.flake8))


def detect_style(path: Path, stop: Path | None = None) -> Style:
    """The style of the project holding `path` (a file or directory). The search goes up
    from it to the repository root, or to `stop` when given (inclusive)."""
    start = path.resolve()
    if not start.is_dir():
        start = start.parent
    top = stop.resolve() if stop is not None else repository_root(start)
    directories = [start, *[p for p in start.parents if top in (p, *p.parents)]]
    if top not in directories:
        directories = [start]
    ruff = find_ruff(directories)
    flake8 = find_flake8(directories)
    run = lint_commands(directories) if flake8 is None else None  # a hook, XlsxWriter's Makefile
    flake8 = run.flake8 if run is not None and run.flake8 is not None else flake8
    isort = find_isort(directories)
    pyproject = nearest_pyproject(directories)
    black = pyproject.sub("tool", "black") if pyproject is not None else None
    if black is not None and not black.keys():
        black = None
    if black is None and not (ruff is not None and ruff.sub("format") is not None):
        black = pre_commit_black(directories)  # black's own defaults, from its hook

    ruff_lint = ruff.lint() if ruff is not None else None
    tool = project_ruff(tuple(directories), ruff_binary())  # the project's pinned ruff
    linters: list[Linter] = []
    ruff_rules: Rules | None = None
    if ruff is not None or flake8 is None or (run is not None and run.ruff):
        linters.append("ruff")
        ruff_rules = read_ruff_rules(ruff, tool)
    flake8_rules = _flake8_rules(flake8) if flake8 is not None else None
    if flake8 is not None:
        linters.append("flake8")

    ruff_length = ruff.integer("line-length", 88) if ruff is not None else 88
    ruff_isort = ruff_lint.sub("isort") if ruff_lint is not None else None
    ruff_sorts = ruff_rules is not None and ruff is not None and ruff_rules.enables("I001")
    sorter: Sorter = "isort" if isort is not None and not ruff_sorts else "ruff"

    formatter, line_length, magic, strings = _formatting(ruff, black)
    limits = []
    if ruff_rules is not None and ruff_rules.enables("E501"):
        pycodestyle = ruff_lint.sub("pycodestyle") if ruff_lint is not None else None
        limits.append(pycodestyle.integer("max-line-length", ruff_length)
                      if pycodestyle is not None else ruff_length)
    codes = ["E501"] * len(limits)
    if flake8 is not None and flake8_rules is not None and flake8_rules.enables("E501"):
        limits.append(flake8.integer("max-line-length", 79))
        codes.append("E501")
    own = find_ini(directories, ("setup.cfg", "tox.ini"), ("pycodestyle", "pep8"))
    if flake8 is None and own is not None and _flake8_rules(own).enables("E501"):
        # pycodestyle run by itself reads its own section (flake8 does not): its limit
        limits.append(own.integer("max-line-length", 79))
        codes.append("E501")
    if flake8 is not None and flake8_rules is not None and flake8_rules.enables("B950"):
        # flake8-bugbear's opt-in B950: over max-line-length by more than 10%
        limits.append(int(flake8.integer("max-line-length", 79) * 1.1))
        codes.append("B950")

    docs = doc_lengths((ruff_rules, ruff_lint), (flake8_rules, flake8),
                       (_flake8_rules(own) if own is not None else None, own))
    pylint = find_pylint(directories)
    wrap = [*limits, *([pylint.max_line_length] if pylint is not None and pylint.reports(
        "line-too-long") else [])]  # pylint's C0301 (sortedcontainers: 80)
    if wrap and black is None and (ruff is None or "line-length" not in ruff.keys()):
        # no formatter settings: the code godsplit writes fits the linter's limit (rtd:
        # flake8 at 80, yapf's settings unread), not ruff format's default of 88
        line_length = min(line_length, *wrap)
    first_party, within, combine, single, redundant, after = _sorting(
        isort if sorter == "isort" else None, ruff_isort)
    if isort is not None and sorter != "isort":  # the project runs isort too: it must not
        redundant = _sorting(isort, None)[4]  # drop the aliases of re-exports either
    files = tuple((tool, s.path) for tool, s in (
        ("ruff", ruff), ("flake8", flake8), ("isort", isort), ("black", black)) if s is not None)
    return Style(
        linters=tuple(linters), sorter=sorter, formatter=formatter, line_length=line_length,
        lint_line_length=min(limits) if limits else None, magic_trailing_comma=magic,
        long_line_code=codes[limits.index(min(limits))] if limits else "E501",
        normalize_strings=strings, first_party=first_party,
        force_sort_within_sections=within, combine_as=combine, force_single_line=single,
        removes_redundant_aliases=redundant, ruff=ruff_rules, flake8=flake8_rules,
        files=files, root=top, lines_after_imports=after, pylint=pylint,
        mypy=has_mypy(directories), doc_length=min(docs) if docs else None,
        single_quotes=wants_single_quotes(ruff, ruff_rules),
        quote=string_quote(ruff, ruff_rules, formatter, strings,
                           pylint.string_quote if pylint is not None else ""),
        relative_bans=relative_bans(ruff, flake8), ruff_tool=tool, ruff_line_length=ruff_length,
        ruff_magic_comma=ruff_isort is None or ruff_isort.boolean("split-on-trailing-comma", True),
    )


def _formatting(ruff: Section | None, black: Section | None) -> tuple[Formatter, int, bool, bool]:
    """The formatter, its line length, magic trailing comma and string normalization."""
    ruff_format = ruff.sub("format") if ruff is not None else None
    if black is not None and (ruff_format is None or not ruff_format.keys()):
        return ("black", black.integer("line-length", 88),
                not black.boolean("skip-magic-trailing-comma", False),
                not black.boolean("skip-string-normalization", False))
    length = ruff.integer("line-length", 88) if ruff is not None else 88
    if ruff_format is None:
        return "ruff", length, True, True
    return ("ruff", length, not ruff_format.boolean("skip-magic-trailing-comma", False),
            ruff_format.string("quote-style", "double") != "preserve")


def _sorting(
    isort: Section | None, ruff_isort: Section | None
) -> tuple[tuple[str, ...], bool, bool, bool, bool, int]:
    """First-party modules, force-sort-within-sections, combine-as, force-single-line,
    remove-redundant-aliases and lines-after-imports of the sorter's settings (isort's
    when given)."""
    if isort is not None:
        profile = _ISORT_PROFILES.get(isort.string("profile", ""), {})

        def flag(key: str) -> bool:
            return isort.boolean(key, profile.get(key, False))

        return (tuple(isort.strings("known_first_party")), flag("force_sort_within_sections"),
                flag("combine_as_imports"), flag("force_single_line"),
                flag("remove_redundant_aliases"),
                isort.lines("lines_after_imports", _ISORT_LINES_AFTER_IMPORTS.get(
                    isort.string("profile", ""), -1)))
    get = ruff_isort if ruff_isort is not None else Section.empty()
    return (tuple(get.strings("known-first-party")),
            get.boolean("force-sort-within-sections", False),
            get.boolean("combine-as-imports", False), get.boolean("force-single-line", False),
            False, get.lines("lines-after-imports", -1))


def _flake8_rules(section: Section) -> Rules:
    codes = section.words
    # a plugin's codes are on by default: flake8-tidy-imports' when its options are set
    tidy = any(k.replace("_", "-").startswith(("banned-modules", "ban-relative-imports"))
               for k in section.keys())
    select = codes("select") or [*FLAKE8_DEFAULT_SELECT, *(["I25"] if tidy else [])]
    ignore = codes("ignore") if "ignore" in section.keys() else list(FLAKE8_DEFAULT_IGNORE)
    layer = RuleLayer(tuple(select), tuple(codes("extend-select")),
                      tuple(ignore + codes("extend-ignore")))
    ignores = []
    for entry in codes("per-file-ignores"):
        if ":" in entry:
            pattern, _, rest = entry.partition(":")
            ignores.append((anchor(section.path, pattern), tuple(c for c in rest.split(",") if c)))
        elif ignores:  # `path: E1, E2` written with spaces after the colon or commas
            pattern, previous = ignores[-1]
            ignores[-1] = (pattern, previous + tuple(c for c in entry.split(",") if c))
    return Rules((layer,), tuple(ignores))
