"""`godsplit check` without click: its options (one table for both parsers), its run and
its output.

The check runs as a pre-commit hook on every commit, so it pays only for what it uses:
this module imports neither click nor rich. `cli/sizegate.py` builds the click command
from `OPTIONS`; `parse_fast` reads the common invocations (`godsplit check [PATH ...]`
with long options) straight from `sys.argv` and gives up (returns None) on anything
else, which click then handles, help and errors included. `tests/cli/test_check_fast.py`
checks that whatever `parse_fast` accepts, click parses to the same values.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..configtypes import GodsplitError
from .text import error_line, os_error, plural, shown_path

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import Any

    from ..configtypes import CountMode
    from ..sizegate.core import BaselineUpdate, CheckResult, ModuleResult

FORMATS = ("text", "json", "github", "sarif", "concise")


class Option:
    """One option of `godsplit check`, for click and for `parse_fast` alike."""

    def __init__(self, name: str, dest: str, kind: str, *, help: str, metavar: str | None = None,
                 choices: tuple[str, ...] = (), default: Any = None, short: str | None = None
                 ) -> None:
        self.name = name  # --long-name
        self.dest = dest  # the parameter's name
        # "path" (a file, not a directory), "count" (an int >= 1), "choice", "flag", "many"
        self.kind = kind
        self.help = help
        self.metavar = metavar
        self.choices = choices
        self.default = default
        self.short = short  # click only: parse_fast leaves short options to click


OPTIONS = (
    Option("--config", "config_path", "path", metavar="FILE",
           help="godsplit.toml or pyproject.toml (default: found from the current directory up)."),
    Option("--max-lines", "max_lines", "count", metavar="N",
           help="Default line limit (config: max-lines, default 600). Per-path limits still apply."),
    Option("--count", "count", "choice", choices=("physical", "code"),
           help="physical: every line; code: without blank lines, comment-only lines and "
                "docstrings (config: count, default physical)."),
    Option("--format", "fmt", "choice", choices=FORMATS, default="text",
           help="text (a table), json, github (workflow annotations), sarif (2.1.0) or concise "
                "(path:line:col: CODE message, one line each)."),
    Option("--baseline", "baseline_path", "path", metavar="FILE",
           help="Baseline file: modules recorded there pass while they do not grow "
                "(config: baseline)."),
    Option("--update-baseline", "update_baseline", "flag", default=False,
           help="Record today's oversized modules and sizes in the baseline and exit 0 "
                "(default file: godsplit-baseline.json in the project root)."),
    Option("--exclude", "exclude", "many", metavar="GLOB", default=(),
           help="Skip paths matching this .gitignore-style pattern, relative to the project "
                "root (repeatable; added to the config's exclude)."),
    Option("--jobs", "jobs", "count", metavar="N", short="-j",
           help="Worker processes for code counting (default: as many as pay off)."),
)


def parse_fast(args: list[str]) -> dict[str, Any] | None:
    """The parameters click would give for `args`, or None to let click parse them."""
    by_name = {option.name: option for option in OPTIONS}
    params: dict[str, Any] = {option.dest: option.default for option in OPTIONS}
    paths: list[Path] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if not arg.startswith("-"):
            if not _plain_path(arg):
                return None
            paths.append(Path(arg))
            continue
        name, equals, value = arg.partition("=")
        option = by_name.get(name)
        if option is None:  # short options, "--", "-", unknown: click decides
            return None
        if option.kind == "flag":
            if equals:
                return None
            params[option.dest] = True
            continue
        if not equals:
            if index >= len(args):
                return None
            value = args[index]
            index += 1
        parsed = _value(option, value)
        if parsed is None:
            return None
        params[option.dest] = (*params[option.dest], parsed) if option.kind == "many" else parsed
    params["paths"] = tuple(paths)
    return params


def _plain_path(arg: str) -> bool:
    """A path click takes as given: not empty, and readable if it exists."""
    return bool(arg) and (not os.path.exists(arg) or os.access(arg, os.R_OK))


def _value(option: Option, value: str) -> Any:
    if not value or value.startswith("-"):
        return None
    if option.kind == "count":
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    if option.kind == "choice":
        return value if value in option.choices else None
    if option.kind == "path":
        return Path(value) if _plain_path(value) and not os.path.isdir(value) else None
    return value  # many


def run(params: dict[str, Any]) -> int:
    """Run the check and print its report; the exit status."""
    from .. import api

    count = params["count"]
    mode: CountMode | None = "code" if count == "code" else "physical" if count else None
    paths, exclude = params["paths"], params["exclude"]
    try:
        if params["update_baseline"]:
            _print_update(api.update_baseline(
                *paths, config=params["config_path"], max_lines=params["max_lines"], count=mode,
                exclude=exclude, baseline=params["baseline_path"]))
            return 0
        from .progress import Spinner

        with Spinner(enabled=params["fmt"] == "text") as progress:
            result = api.check(*paths, config=params["config_path"],
                               max_lines=params["max_lines"], count=mode, exclude=exclude,
                               baseline=params["baseline_path"], jobs=params["jobs"],
                               progress=progress)
    except GodsplitError as exc:
        print(error_line(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(error_line(os_error(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130
    print_result(result, params["fmt"])
    return 0 if result.passed else 1


def print_result(result: CheckResult, fmt: str) -> None:
    from ..sizegate import formats

    if fmt == "json":
        print(formats.to_json(result))
    elif fmt == "sarif":
        print(formats.to_sarif(result))
    elif fmt == "github":
        print(formats.to_github(result))
    elif fmt == "concise":
        print(formats.to_concise(result, Shown(result)))
    else:
        rows = [module for module in result.modules if module.status != "baselined"]
        if rows:
            _print_table(result, rows)
        excluded = formats.excluded_line(result)
        if excluded is not None:
            print(excluded)
        print(formats.summary(result))


class Shown:
    """Each module's path as the user can type it from here (`../x.py` from a
    subdirectory): the project root's path from here, once, joined with the module's."""

    def __init__(self, result: CheckResult) -> None:
        try:
            base = Path(os.path.relpath(result.root)).as_posix()
        except ValueError:  # another drive on Windows
            base = result.root.as_posix()
        self.base = "" if base == "." else base + "/"
        self.cwd = os.getcwd() if base.startswith("..") else None  # the root is not below

    def __call__(self, module: ModuleResult) -> str:
        if self.cwd is None:
            return self.base + module.path
        try:
            return Path(os.path.relpath(module.file, self.cwd)).as_posix()
        except ValueError:  # another drive on Windows
            return module.path


# Statuses as the table shows them, with the style a terminal gets.
STATUS_TEXT = {
    "over": ("over limit", "bold red"),
    "grown": ("grew (baseline {baseline})", "bold red"),
    "shrunk": ("shrank (baseline {baseline})", "yellow"),
    "fixed": ("within limit: drop from baseline", "green"),
    "gone": ("file gone: drop from baseline", "green"),
    "baselined": ("held at baseline", "dim"),
}
HEADERS = ("Module", "{count}", "Limit", "Over", "Status", "Next step")
RIGHT = (False, True, True, True, False, False)


def table_rows(result: CheckResult, rows: list[ModuleResult]) -> list[list[tuple[str, str]]]:
    """Each row's cells as (text, terminal style)."""
    from ..sizegate.formats import next_step

    shown = Shown(result)
    cells = []
    for module in rows:
        label, style = STATUS_TEXT[module.status]
        path = shown(module)
        gone = module.status == "gone"
        cells.append([
            (path, ""), ("-" if gone else str(module.lines), ""), (str(module.limit), ""),
            ("-" if gone else f"{module.overflow:+d}", ""),
            (label.format(baseline=module.baseline), style), (next_step(module, result, path), ""),
        ])
    return cells


def headers(result: CheckResult) -> list[str]:
    from ..sizegate.formats import count_word

    return [header.format(count=count_word(result).capitalize()) for header in HEADERS]


def _print_table(result: CheckResult, rows: list[ModuleResult]) -> None:
    """On a terminal, a rich table (cli/checktable.py); otherwise plain aligned rows, whole,
    so commands can be copied from CI logs and pre-commit output."""
    if _terminal():
        from .checktable import print_table

        print_table(headers(result), table_rows(result, rows))
        return
    header = headers(result)
    cells = [[text for text, _ in row] for row in table_rows(result, rows)]
    sizes = [[cell_width(text) for text in row] for row in [header, *cells]]
    widths = [max(row[index] for row in sizes) for index in range(len(header))]
    lines = []
    for row, size in zip([header, *cells], sizes, strict=True):
        padded = [" " * (width - used) + text if right else text + " " * (width - used)
                  for text, used, width, right in zip(row, size, widths, RIGHT, strict=True)]
        lines.append((" ┃ " if row is header else " │ ").join(padded).rstrip())
        if row is header:
            lines.append("━╇━".join("━" * width for width in widths))
    print("\n".join(lines))


def _terminal() -> bool:
    return sys.stdout.isatty()


def aligned(header: list[str], rows: list[list[tuple[str, str]]]) -> tuple[list[int], list[list[str]]]:
    cells = [[text for text, _ in row] for row in rows]
    widths = [max(cell_width(h), *(cell_width(row[i]) for row in cells))
              for i, h in enumerate(header)]
    return widths, cells


def cell_width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


def _print_update(update: BaselineUpdate) -> None:
    total = len(update.baseline.modules)
    changes = (f"{len(update.added)} added, {len(update.changed)} changed, "
               f"{len(update.removed)} removed")
    print(f"godsplit check: recorded {plural(total, 'module')} ({update.baseline.count} lines) "
          f"in {shown_path(update.path)} ({changes})")
