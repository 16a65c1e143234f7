"""flake8 run by a pre-commit hook with no flake8 configuration file.

pycodestyle's `.pre-commit-config.yaml` runs `- id: flake8` (flake8 7.2.0) and the
repository has no `[flake8]` anywhere: flake8 runs with its defaults (E, F, W, C90 at 79
columns, its default ignore list), plus whatever the hook's `args` say. Read as a flake8
section whose path is that file, so the generated code is written for it: the `X as X`
re-exports of private names carry `# noqa: F401` (pyflakes takes none of them for a
re-export) and lines fit 79 columns. The hook's `args` that set flake8's options
(`--max-line-length=100`, `--extend-ignore=E203`) are its settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .style_files import Section, _hook_args

_HOOK = re.compile(r"^([ \t]*)-[ \t]*id:[ \t]*['\"]?flake8['\"]?[ \t]*$", re.MULTILINE)
# flake8's options that decide what it reports, as its config file spells them
_OPTIONS = ("max-line-length", "select", "extend-select", "ignore", "extend-ignore",
            "per-file-ignores", "extend-exclude")


def pre_commit_flake8(directories: Sequence[Path]) -> Section | None:
    """The nearest `.pre-commit-config.yaml` with a flake8 hook, as a flake8 section (INI
    strings, the hook's `args`); None without one."""
    for directory in directories:
        path = directory / ".pre-commit-config.yaml"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        hook = _HOOK.search(text)
        if hook is None:
            continue
        block = []
        for line in text[hook.end():].splitlines()[1:]:
            if line.strip() and len(line) - len(line.lstrip()) <= len(hook.group(1)):
                break
            block.append(line)
        return Section(path, None, _flake8_args(_hook_args("\n".join(block))), ini=True)
    return None


def _flake8_args(args: list[str]) -> dict[str, str]:
    """`--max-line-length=100` or `--max-line-length 100`: {"max-line-length": "100"}."""
    data: dict[str, str] = {}
    words = [w for a in args for w in (a.split("=", 1) if a.startswith("--") else [a])]
    for at, word in enumerate(words):
        key = word.removeprefix("--").replace("_", "-")
        if word.startswith("--") and key in _OPTIONS and at + 1 < len(words):
            data[key] = words[at + 1]
    return data
