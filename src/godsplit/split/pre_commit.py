"""Settings a project gives its isort and black only as pre-commit hooks (flake8's hook:
`lint_commands`, which reads what runs flake8).

mediacms runs isort from `.pre-commit-config.yaml` with `args: ["--profile", "black"]` and
no isort configuration file; funkwhale runs black from it, configured only in a
pyproject.toml above the nearest one (which black does not read either, so it runs with
its defaults). What those hooks run with is the project's isort and black.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .style_files import Section

# pre-commit's isort hook and its `args` (mediacms: `args: ["--profile", "black"]`, no
# isort configuration file): the settings `isort --check` runs with there
_ISORT_HOOK = re.compile(r"^([ \t]*)-[ \t]*id:[ \t]*['\"]?isort['\"]?[ \t]*$", re.MULTILINE)
_FLAGS = {"--profile": "profile", "-l": "line_length", "--line-length": "line_length",
          "-w": "line_length", "--line-width": "line_length", "-m": "multi_line_output",
          "--multi-line": "multi_line_output", "-p": "known_first_party",
          "--project": "known_first_party", "--tc": "include_trailing_comma",
          "--trailing-comma": "include_trailing_comma", "--ca": "combine_as_imports",
          "--combine-as": "combine_as_imports", "--sl": "force_single_line",
          "--force-single-line-imports": "force_single_line",
          "--fss": "force_sort_within_sections",
          "--force-sort-within-sections": "force_sort_within_sections",
          "--lai": "lines_after_imports", "--lines-after-imports": "lines_after_imports"}
_SWITCHES = {"include_trailing_comma", "combine_as_imports", "force_single_line",
             "force_sort_within_sections"}


def pre_commit_isort(directories: Sequence[Path]) -> Section | None:
    """The settings the `args` of an isort hook in `.pre-commit-config.yaml` give, as a
    section whose path is that file; None without such a hook."""
    found = pre_commit_hook(directories, _ISORT_HOOK)
    return Section(found[0], None, _isort_args(found[1])) if found is not None else None


# pre-commit's black hook (funkwhale: `[tool.black]` only in a pyproject.toml above the
# nearest one, which black does not read either): black formats, with its defaults or the
# hook's `--line-length`
_BLACK_HOOK = re.compile(r"^([ \t]*)-[ \t]*id:[ \t]*['\"]?black['\"]?[ \t]*$", re.MULTILINE)


def option_words(args: Sequence[str]) -> list[str]:
    """Command-line words with `--key=value` as two words (`--key`, `value`)."""
    return [w for a in args for w in (a.split("=", 1) if a.startswith("--") else [a])]


def pre_commit_black(directories: Sequence[Path]) -> Section | None:
    """black's settings as a pre-commit hook runs it (a `[tool.black]`-like section whose
    path is `.pre-commit-config.yaml`); None without such a hook."""
    found = pre_commit_hook(directories, _BLACK_HOOK)
    if found is None:
        return None
    words = option_words(found[1])
    data: dict[str, Any] = {}
    for at, word in enumerate(words[:-1]):
        if word in ("-l", "--line-length") and words[at + 1].isdigit():
            data["line-length"] = int(words[at + 1])
        elif word in ("-S", "--skip-string-normalization"):
            data["skip-string-normalization"] = True
    if words and words[-1] in ("-S", "--skip-string-normalization"):
        data["skip-string-normalization"] = True
    return Section(found[0], None, data)


def pre_commit_hook(directories: Sequence[Path], hook_id: re.Pattern[str]
                     ) -> tuple[Path, list[str]] | None:
    """The `.pre-commit-config.yaml` nearest `directories[0]` with the hook, and its args."""
    for directory in directories:
        path = directory / ".pre-commit-config.yaml"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        hook = hook_id.search(text)
        if hook is None:
            continue
        block = []
        for line in text[hook.end():].splitlines()[1:]:
            if line.strip() and len(line) - len(line.lstrip()) <= len(hook.group(1)):
                break
            block.append(line)
        return path, _hook_args("\n".join(block))
    return None


def _hook_args(block: str) -> list[str]:
    flow = re.search(r"^\s*args:\s*\[(.*?)\]", block, re.MULTILINE | re.DOTALL)
    if flow is not None:
        items = flow.group(1).split(",")
    else:
        listed = re.search(r"^(\s*)args:\s*\n((?:\1\s*-.*\n?)+)", block, re.MULTILINE)
        items = [i.strip()[1:] for i in listed.group(2).splitlines()] if listed else []
    return [i.strip().strip("'\"") for i in items if i.strip()]


def _isort_args(args: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    words = option_words(args)
    for at, word in enumerate(words):
        key = _FLAGS.get(word)
        if key in _SWITCHES:
            data[key] = True
        elif key is not None and at + 1 < len(words):
            value = words[at + 1]
            data[key] = [value] if key == "known_first_party" else (
                int(value) if value.isdigit() else value)
    return data
