"""`godsplit check`'s table on a terminal, with rich (imported only for this).

Up to `TABLE_ROWS` rows, a rich Table folds long cells to the terminal's width. More rows
are aligned by hand in the Table's look: rich's Table takes about 2 ms a row to lay out,
which would make printing 400 violations slower than finding them.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .checkrun import RIGHT, aligned

TABLE_ROWS = 60


def print_table(headers: list[str], rows: list[list[tuple[str, str]]]) -> None:
    # Text, not markup: paths may hold "[" or ":100:", and parsing costs time
    cells = [[Text(text, style=style) for text, style in row] for row in rows]
    if len(cells) > TABLE_ROWS:
        console = Console(highlight=False, markup=False, emoji=False)
        console.print(_aligned(headers, rows), crop=False, soft_wrap=True)
        return
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for header, justify_right in zip(headers, RIGHT, strict=True):
        if justify_right:
            table.add_column(header, justify="right", no_wrap=True)
        else:
            table.add_column(header, overflow="fold")
    for row in cells:
        table.add_row(*row)
    Console(highlight=False, markup=False, emoji=False, soft_wrap=False).print(table)


def _aligned(headers: list[str], rows: list[list[tuple[str, str]]]) -> Text:
    """The rich Table's look (heavy header, light column rules), laid out in one pass."""
    widths, _ = aligned(headers, rows)
    out = Text(no_wrap=True)

    def line(row: list[tuple[str, str]], separator: str) -> None:
        for index, (text, style) in enumerate(row):
            if index:
                out.append(separator)
            pad = " " * (widths[index] - Text(text).cell_len)
            if RIGHT[index]:
                out.append(pad)
            out.append(text, style=style or None)
            if not RIGHT[index] and index < len(row) - 1:
                out.append(pad)
        out.append("\n")

    line([(header, "bold") for header in headers], " ┃ ")
    out.append("━╇━".join("━" * width for width in widths) + "\n")
    for row in rows:
        line(row, " │ ")
    out.rstrip()
    return out
