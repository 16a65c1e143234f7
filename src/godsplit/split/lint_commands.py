"""What runs flake8 (or pyflakes) where a project has no flake8 configuration file, and
with which options: the one reader of both places projects say it.

- A pre-commit flake8 hook: pycodestyle runs `- id: flake8` with no `[flake8]` anywhere
  (flake8's defaults: E, F, W, C90 at 79 columns, plus the hook's `args`).
- A command line in a Makefile, `tox.ini`'s commands, `noxfile.py`,
  `.pre-commit-config.yaml` (a local hook's entry) or a GitHub Actions workflow: XlsxWriter's
  Makefile runs `flake8 --max-line-length=88 --ignore=E203,W503` (and `ruff check` with its
  default rules); read only from configuration files, godsplit wrote for ruff alone, and
  pyflakes reported the facade's `X as X` re-exports as unused (F401).

The options given there (`--max-line-length`, `--max-doc-length`, `--select`, `--ignore`,
their `extend-` forms, `--per-file-ignores`, `--extend-exclude`) become flake8's settings,
over those of a configuration file the hook or line names (`--config FILE`,
`--append-config FILE`, relative to the file that runs it); a bare `pyflakes` run selects
`F` alone. The nearest hook is taken first, then the nearest directory whose command files
run flake8 or pyflakes (and ruff's default rules count too where one of them runs ruff).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .pre_commit import option_words, pre_commit_hook
from .style_files import Section, find_ini

_FILES = ("Makefile", "makefile", "GNUmakefile", "tox.ini", "noxfile.py",
          ".pre-commit-config.yaml")
_TOOL = re.compile(r"(?<![\w./-])(flake8|pyflakes|ruff)(?![\w-])")
_HOOK = re.compile(r"^([ \t]*)-[ \t]*id:[ \t]*['\"]?flake8['\"]?[ \t]*$", re.MULTILINE)
# flake8's options that decide what it reports, as its configuration file spells them
OPTIONS = ("max-line-length", "max-doc-length", "select", "extend-select", "ignore",
           "extend-ignore", "per-file-ignores", "extend-exclude")
_CONFIGS = ("config", "append-config")
_VALUE = re.compile(r"[\w,.:/*-]+")


@dataclass(frozen=True)
class Commands:
    flake8: Section | None  # flake8's settings as its hook or command line gives them
    ruff: bool  # ruff is run too (`ruff check`): its default rules still apply


def lint_commands(directories: Sequence[Path]) -> Commands:
    """What runs flake8 (the nearest pre-commit hook, else the nearest command files that
    run flake8 or pyflakes), with its options; whether ruff is run beside those commands."""
    hook = pre_commit_hook(directories, _HOOK)
    if hook is not None:
        return Commands(_settings(hook[0], hook[1]), False)
    for directory in directories:
        read = [(path, *_read(path)) for path in _files(directory)]
        for path, tools, words in read:
            if tools & {"flake8", "pyflakes"}:
                settings = _settings(path, words) if "flake8" in tools else Section(
                    path, "flake8", {"select": "F"}, ini=True)
                ruff = any("ruff" in tools for _, tools, _ in read)
                return Commands(settings, ruff)
    return Commands(None, False)


def _settings(path: Path, words: Sequence[str]) -> Section:
    """flake8's settings from the words of its command line (or hook `args`), INI strings
    (`--max-line-length=100` or `--max-line-length 100`; the first given wins), over the
    `[flake8]` of a configuration file they name."""
    split = option_words(words)
    data: dict[str, str] = {}
    configs: list[Section] = []
    for at, word in enumerate(split[:-1]):
        key, value = word.removeprefix("--").replace("_", "-"), _VALUE.match(split[at + 1])
        if not word.startswith("--") or value is None:
            continue
        if key in OPTIONS:
            data.setdefault(key, value.group())
        elif key in _CONFIGS:  # a workflow runs in the repository's root
            base = path.parents[2] if path.parent.parent.name == ".github" else path.parent
            file = base / value.group()
            found = find_ini([file.parent], (file.name,), ("flake8",)) if file.is_file() else None
            configs += [found] if found is not None else []
    return Section(path, "flake8", data, ini=True, fallbacks=tuple(reversed(configs)))


def _files(directory: Path) -> list[Path]:
    paths = [directory / name for name in _FILES]
    workflows = directory / ".github" / "workflows"
    if workflows.is_dir():
        paths += sorted(p for p in workflows.iterdir() if p.suffix in (".yml", ".yaml"))
    return [p for p in paths if p.is_file()]


def _read(path: Path) -> tuple[set[str], list[str]]:
    """(the tools the file runs, the words of the lines that run flake8, in order)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set(), []
    words: list[str] = []
    tools: set[str] = set()
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        found = set(_TOOL.findall(line))
        tools |= found
        if "flake8" in found:  # `pip install flake8` first, then `flake8 --select=...`
            words += [w.strip("'\"") for w in line.split()] + [""]  # "": a line ends
    return tools, words
