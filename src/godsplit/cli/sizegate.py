"""`godsplit check`: the module-size gate for CI and pre-commit.

Only this module prints check results. The engine (`godsplit.sizegate`) is imported inside the
command and rich only when a table is printed, so a clean run in physical mode loads
neither rich nor libcst.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..types import CountMode, GodsplitError
from .text import error_line

if TYPE_CHECKING:
    from rich.text import Text

    from ..sizegate.core import BaselineUpdate, CheckResult, ModuleResult

FORMATS = ("text", "json", "github", "sarif")

_STATUS_TEXT = {
    "over": ("over limit", "bold red"),
    "grown": ("grew (baseline {baseline})", "bold red"),
    "shrunk": ("shrank (baseline {baseline})", "yellow"),
    "fixed": ("within limit: drop from baseline", "green"),
    "gone": ("file gone: drop from baseline", "green"),
    "baselined": ("held at baseline", "dim"),
}


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="godsplit.toml or pyproject.toml (default: found from the current "
                   "directory up).")
@click.option("--max-lines", type=click.IntRange(min=1), metavar="N",
              help="Default line limit (config: max-lines, default 600). Per-path limits "
                   "still apply.")
@click.option("--count", type=click.Choice(["physical", "code"]),
              help="physical: every line; code: without blank lines, comment-only lines and "
                   "docstrings (config: count, default physical).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (a table), json, github (workflow annotations) or sarif (2.1.0).")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Baseline file: modules recorded there pass while they do not grow "
                   "(config: baseline).")
@click.option("--update-baseline", is_flag=True,
              help="Record today's oversized modules and sizes in the baseline and exit 0 "
                   "(default file: godsplit-baseline.json in the project root).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip paths matching this .gitignore-style pattern, relative to the project "
                   "root (repeatable; added to the config's exclude).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for code counting (default: as many as pay off).")
def check(
    paths: tuple[Path, ...],
    config_path: Path | None,
    max_lines: int | None,
    count: str | None,
    fmt: str,
    baseline_path: Path | None,
    update_baseline: bool,
    exclude: tuple[str, ...],
    jobs: int | None,
) -> None:
    """Fail when a Python module is over its line limit (and not held by the baseline).

    PATHS are files and directories (default: the project root). Directories are walked
    respecting .gitignore; files named here are checked even if git ignores them, but
    excludes still apply. Exit status: 0 clean, 1 a module is over its limit or grew
    past its baseline, 2 bad usage or config.
    """
    from .. import api

    mode: CountMode | None = "code" if count == "code" else "physical" if count else None
    try:
        if update_baseline:
            _print_update(api.update_baseline(*paths, config=config_path, max_lines=max_lines,
                                              count=mode, exclude=exclude,
                                              baseline=baseline_path))
            sys.exit(0)
        result = api.check(*paths, config=config_path, max_lines=max_lines, count=mode,
                           exclude=exclude, baseline=baseline_path, jobs=jobs)
    except GodsplitError as exc:
        click.echo(error_line(exc), err=True)
        sys.exit(2)
    _print_result(result, fmt)
    sys.exit(0 if result.passed else 1)


def _print_result(result: CheckResult, fmt: str) -> None:
    from ..sizegate import formats as check_formats

    if fmt == "json":
        click.echo(check_formats.to_json(result))
    elif fmt == "sarif":
        click.echo(check_formats.to_sarif(result))
    elif fmt == "github":
        click.echo(check_formats.to_github(result))
    else:
        rows = [module for module in result.modules if module.status != "baselined"]
        if rows:
            _print_table(result, rows)
        click.echo(check_formats.summary(result))


def _shown_path(module: ModuleResult) -> str:
    """The module's path as the user can type it from here."""
    try:
        relative = os.path.relpath(module.file)
    except ValueError:  # another drive on Windows
        return module.path
    return Path(relative).as_posix()


# On a terminal and up to this many rows, a rich Table (folds long cells to the terminal's
# width). Otherwise (CI logs, pre-commit, pipes: lines stay whole so commands can be
# copied) the same columns are aligned by hand: rich's Table takes about 2 ms a row to lay
# out, which would make printing 400 violations slower than finding them.
TABLE_ROWS = 60


def _terminal() -> bool:
    return sys.stdout.isatty()


def _print_table(result: CheckResult, rows: list[ModuleResult]) -> None:
    from rich.console import Console
    from rich.text import Text

    from ..sizegate.formats import count_word, next_step

    headers = ["Module", count_word(result).capitalize(), "Limit", "Over", "Status", "Next step"]
    right = [False, True, True, True, False, False]
    cells: list[list[Text]] = []
    for module in rows:  # Text, not markup: paths may hold "[" and parsing costs time
        label, style = _STATUS_TEXT[module.status]
        shown = _shown_path(module)
        gone = module.status == "gone"
        cells.append([
            Text(shown),
            Text("-" if gone else str(module.lines)),
            Text(str(module.limit)),
            Text("-" if gone else f"{module.overflow:+d}"),
            Text(label.format(baseline=module.baseline), style=style),
            Text(next_step(module, result, shown)),
        ])
    if len(cells) > TABLE_ROWS or not _terminal():
        Console(highlight=False).print(_aligned(headers, right, cells), crop=False,
                                       soft_wrap=True)
        return
    console = Console(highlight=False, soft_wrap=False)
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for header, justify_right in zip(headers, right, strict=True):
        if justify_right:
            table.add_column(header, justify="right", no_wrap=True)
        else:
            table.add_column(header, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _aligned(headers: list[str], right: list[bool], cells: list[list[Text]]) -> Text:
    """The rich Table's look (heavy header, light column rules), laid out in one pass."""
    from rich.text import Text

    widths = [max(len(header), *(row[index].cell_len for row in cells))
              for index, header in enumerate(headers)]
    out = Text(no_wrap=True)

    def line(row: list[Text], separator: str) -> None:
        for index, cell in enumerate(row):
            if index:
                out.append(separator)
            pad = " " * (widths[index] - cell.cell_len)
            if right[index]:
                out.append(pad)
                out.append_text(cell)
            elif index < len(row) - 1:
                out.append_text(cell)
                out.append(pad)
            else:
                out.append_text(cell)
        out.append("\n")

    line([Text(header, style="bold") for header in headers], " ┃ ")
    out.append("━╇━".join("━" * width for width in widths) + "\n")
    for row in cells:
        line(row, " │ ")
    out.rstrip()
    return out


def _print_update(update: BaselineUpdate) -> None:
    try:
        shown = Path(os.path.relpath(update.path)).as_posix()
    except ValueError:
        shown = str(update.path)
    total = len(update.baseline.modules)
    changes = (f"{len(update.added)} added, {len(update.changed)} changed, "
               f"{len(update.removed)} removed")
    click.echo(f"godsplit check: recorded {total} module{'s' if total != 1 else ''} "
               f"({update.baseline.count} lines) in {shown} ({changes})")
