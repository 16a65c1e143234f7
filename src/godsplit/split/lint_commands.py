"""flake8 or pyflakes run by a project's commands, with no configuration file of its own.

XlsxWriter's Makefile runs `flake8 --max-line-length=88 --ignore=E203,W503` (and `ruff
check` with its default rules) and has no `[flake8]` section anywhere: read only from
configuration files, godsplit wrote for ruff alone, and pyflakes reported the facade's
`X as X` re-exports as unused (F401). The commands are read where projects keep them, in
the directories between the split file and the repository root: a Makefile, `tox.ini`'s
commands, `noxfile.py`, `.pre-commit-config.yaml` and GitHub Actions workflows. The
options given on the line that runs flake8 (`--max-line-length`, `--select`, `--ignore`,
their `extend-` forms) become its settings; a bare `pyflakes` run selects `F` alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .style_files import Section

_FILES = ("Makefile", "makefile", "GNUmakefile", "tox.ini", "noxfile.py",
          ".pre-commit-config.yaml")
_TOOL = re.compile(r"(?<![\w./-])(flake8|pyflakes|ruff)(?![\w-])")
_OPTION = re.compile(
    r"--(max-line-length|max-doc-length|select|ignore|extend-select|extend-ignore)"
    r"(?:=|\s+)([\w,.-]+)")


@dataclass(frozen=True)
class Commands:
    flake8: Section | None  # flake8's settings as its command line gives them
    ruff: bool  # ruff is run too (`ruff check`): its default rules still apply


def lint_commands(directories: Sequence[Path]) -> Commands:
    """What the nearest directory whose command files run flake8 or pyflakes runs (ruff
    too when any of its command files runs it)."""
    for directory in directories:
        read = [(path, *_read(path)) for path in _files(directory)]
        for path, tools, options in read:
            if tools & {"flake8", "pyflakes"}:
                settings = options if "flake8" in tools else {"select": "F"}
                ruff = any("ruff" in tools for _, tools, _ in read)
                return Commands(Section(path, "flake8", settings, ini=True), ruff)
    return Commands(None, False)


def _files(directory: Path) -> list[Path]:
    paths = [directory / name for name in _FILES]
    workflows = directory / ".github" / "workflows"
    if workflows.is_dir():
        paths += sorted(p for p in workflows.iterdir() if p.suffix in (".yml", ".yaml"))
    return [p for p in paths if p.is_file()]


def _read(path: Path) -> tuple[set[str], dict[str, str]]:
    """(the tools the file runs, the options given on the lines that run flake8)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set(), {}
    options: dict[str, str] = {}
    tools: set[str] = set()
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        found = set(_TOOL.findall(line))
        tools |= found
        if "flake8" in found:  # `pip install flake8` first, then `flake8 --select=...`
            for key, value in _OPTION.findall(line):
                options.setdefault(key, value)
    return tools, options
