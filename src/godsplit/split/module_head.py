"""The head of a generated module: the source's header comments and a docstring."""

from __future__ import annotations

import re

import libcst as cst

from .analyze import Analysis
from .layout import Layout
from .needs import MAIN


def docstring_for(module: str, layout: Layout, width: int = 88) -> str:
    main = module == MAIN  # `python -m old.module` runs it
    title = f"`python -m {layout.old_module}`: its `__main__` block" if main else (
        module.strip("_").replace("_", " ").capitalize() or module)
    line = f'"""{title}, moved here by godsplit."""\n' if main else (
        f'"""{title}: split from `{layout.old_module}` by godsplit."""\n')
    if len(line) <= width + 1:
        return line
    where = "Moved here by godsplit." if main else f"Split from `{layout.old_module}` by godsplit."
    where = where if len(where) <= width else f"Split by godsplit from\n`{layout.old_module}`."
    return f'"""{title}.\n\n{where}\n"""\n'


_DOC_READ = re.compile(r"(?<![.\w])__doc__\b")


def head_docstring(analysis: Analysis, body: list[tuple[float, str]], module: str, layout: Layout,
                   width: int = 88) -> str:
    """`docstring_for`, or the source's own docstring when the module's code reads its
    `__doc__` (`docopt(__doc__)`, a usage message printed): it reads the new module's, which
    must be the same; none when the source has none (`__doc__` was None): a comment."""
    if not any(_DOC_READ.search(text) for _, text in body):
        return docstring_for(module, layout, width)
    doc = next((u for u in analysis.units if u.kind == "docstring"), None)
    if doc is None:
        return "# Split by godsplit. No docstring, as in the source: its code reads __doc__.\n"
    return analysis.code(doc.first).lstrip("\r\n")


def _cookie(line: cst.EmptyLine) -> bool:
    text = line.comment.value if line.comment is not None else ""
    return text.startswith("#!") or re.match(r"#.*coding[:=]", text) is not None


def header_split(module: cst.Module) -> tuple[list[str], str]:
    """The module's header lines (licence, coding cookie), and apart the comment lines
    written against its first statement, an import: after the header's last blank line,
    with no blank line before the import (`# Python imports` above `import json`). LibCST
    puts those in the header too; they head the imports, not the file. Only split off when
    a comment other than a shebang or coding cookie stays above them."""
    header = list(module.header)
    blanks = [i for i, line in enumerate(header) if line.comment is None]
    first = module.body[0] if module.body else None
    is_import = isinstance(first, cst.SimpleStatementLine) and isinstance(
        first.body[0], (cst.Import, cst.ImportFrom))
    cut = blanks[-1] + 1 if blanks else 0
    if not is_import or cut == len(header) or not any(
            line.comment is not None and not _cookie(line) for line in header[:cut]):
        cut = len(header)
    lines = [module.code_for_node(line) for line in header]
    return lines[:cut], "".join(lines[cut:])


def header_comments(analysis: Analysis) -> str:
    """The source's header comment lines (licence, coding cookie), without a shebang nor
    the blank lines after it (a file does not start with a blank line: formatters drop it),
    nor the comments of its first import (`header_split`)."""
    lines, _ = header_split(analysis.module)
    return "".join(line for line in lines if not line.startswith("#!")).lstrip("\r\n")
