"""A suggestion as a TOML `[[split]]` entry, and appending it to the config file.

Pure rendering plus one careful write: the entry is appended only if the whole config
still loads afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from collections import Counter
from pathlib import Path

from ..config import find_config, load_config, parse_config
from ..file_modes import refuse_read_only
from ..files import not_a_file
from ..types import Config, GodsplitError
from .core import Suggestion

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid TOML basic string


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent="# ", subsequent_indent="#   ",
                         break_on_hyphens=False, break_long_words=False)


def render_entry(suggestion: Suggestion, table: str = "split") -> str:
    """The entry as TOML; `table` is `tool.godsplit.split` inside pyproject.toml."""
    s = suggestion
    reasons = Counter(p.reason for p in s.plan.placements for _ in p.names)
    largest = max(s.plan.modules, key=lambda m: (m.lines, m.name), default=None)
    text = (f"Suggested by `godsplit suggest`: {_count(len(s.plan.modules), 'module')}"
            # (the shared module counts though the plan alone fills it; one named after its
            # members, black's `mode`, is listed like any other and needs no word)
            + (f" ({s.shared} included)" if any(m.name == s.shared for m in s.plan.modules)
               and all(m.name != s.shared for m in s.modules) else "")
            + (f", the largest {largest.name} with {largest.lines} lines" if largest else "")
            + f" (max-lines {s.max_lines}). The names listed are mapped")
    if reasons["carried"]:
        text += (f"; {_count(reasons['carried'], 'other name')} "
                 f"{'follows' if reasons['carried'] == 1 else 'follow'} the one module that "
                 f"uses {'it' if reasons['carried'] == 1 else 'them'}")
    if reasons["shared"]:
        text += (f"; {_count(reasons['shared'], 'other name')} "
                 f"{'goes' if reasons['shared'] == 1 else 'go'} to {s.shared}")
    out = _comment(text + ".")
    over = [f for f in s.plan.findings if f.code in ("GS105", "GS118")]
    out += [line for f in over for line in _comment(f"Warning: {f.message}.")]
    out += [f"[[{table}]]", f"source = {toml_string(s.source)}"]
    if s.module_name:
        out += _comment(f"the name it runs by: {s.module_name_why}") if s.module_name_why else []
        out.append(f"module-name = {toml_string(s.module_name)}")
    if s.package is not None:
        out.append(f"package = {toml_string(s.package)}")
    if s.facade != "live":
        out += _comment("the module gives itself a class: only a static facade keeps it (GS157)")
        out.append(f"facade = {toml_string(s.facade)}")
    out.append(f"shared = {toml_string(s.shared)}")
    if s.default:  # only where a name goes to it
        out.append(f"default = {toml_string(s.default)}")
    if s.keep_module_name:
        one = s.keep_module_name.startswith("1 ") and ", " not in s.keep_module_name
        spelled = ", strings spelling it" if "spelling" in s.keep_module_name else ""
        out += _comment(f"{s.keep_module_name}: keep {'its' if one else 'their'} __module__ so pickles, "
                        f"DocTestSuite(old module){spelled} and code reading it keep working")
        out.append("keep-module-name = true")
    if s.keep:
        out += _comment(f"{_count(len(s.keep), 'name')} of code that cannot move "
                        f"{'stays' if len(s.keep) == 1 else 'stay'} in the old module, whose "
                        f"facade (re-exports and godsplit's facade code too) has "
                        f"{s.plan.facade_lines} lines: {'; '.join(s.keep_why)}")
        out += ["keep = [", *(f"    {toml_string(name)}," for name in s.keep), "]"]
    out += ["", f"[{table}.modules]"]
    for module in s.modules:
        for number, line in enumerate(module.why):
            out += _comment(f"{module.name} ({module.lines} lines): {line}" if number == 0
                            else line)
        out.append(f"{module.name} = [")
        out += [f"    {toml_string(name)}," for name in module.mapped]
        out.append("]")
    return "\n".join(out) + "\n"


def config_file(config_path: Path | None, write: bool) -> tuple[Config, Path]:
    """The config to read limits from and write to (created on --write if there is none)."""
    path = config_path or find_config(Path.cwd()) or Path.cwd() / "godsplit.toml"
    if path.is_file():
        return load_config(path), path
    if config_path is not None and (not write or config_path.exists()):  # (a pipe: no)
        raise GodsplitError(not_a_file(config_path, "the config"), config_path)
    return parse_config({}, path.resolve()), path


def set_max_lines(text: str, value: int, pyproject: bool) -> str:
    """`text` with the config's own `max-lines` (top level, or under [tool.godsplit]) set to
    `value`: the number replaced in place, or the key added to that table."""
    lines = text.splitlines(keepends=True)
    start = 0
    if pyproject:
        found = [i for i, line in enumerate(lines)
                 if re.match(r"\s*\[tool\.godsplit\]\s*(#.*)?$", line)]
        if not found:
            tail = "" if not text or text.endswith("\n") else "\n"
            return f"{text}{tail}\n[tool.godsplit]\nmax-lines = {value}\n"
        start = found[0] + 1
    end = next((i for i in range(start, len(lines)) if re.match(r"\s*\[", lines[i])),
               len(lines))
    for i in range(start, end):
        match = re.match(r"(\s*max-lines\s*=\s*)(\d+)(.*)", lines[i], re.DOTALL)
        if match:
            lines[i] = f"{match.group(1)}{value}{match.group(3)}"
            return "".join(lines)
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    lines.insert(end, f"max-lines = {value}\n")
    return "".join(lines)


def append_entry(path: Path, config: Config, suggestion: Suggestion) -> str:
    """Append the entry to godsplit.toml or pyproject.toml, and raise the config's
    max-lines to the one the suggestion was planned with; the text appended."""
    source = (config.root / suggestion.source).resolve()
    if any(s.source.resolve() == source for s in config.splits):
        raise GodsplitError(f"{suggestion.source} already has a [[split]] in this config; "
                            "remove it first, or print the suggestion without --write", path)
    pyproject = path.name == "pyproject.toml"
    entry = render_entry(suggestion, "tool.godsplit.split" if pyproject else "split")
    try:
        old = path.read_bytes().decode() if path.exists() else ""
    except UnicodeDecodeError:
        raise GodsplitError("the config is not UTF-8; add the entry by hand", path) from None
    if suggestion.max_lines > config.max_lines:
        old = set_max_lines(old, suggestion.max_lines, pyproject)
    if old and not old.endswith("\n"):
        old += "\n"
    data = old + ("\n" if old else "") + entry
    try:
        loaded = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise GodsplitError(f"appending the entry would not give valid TOML ({exc}); "
                            "add it by hand", path) from None
    table = loaded.get("tool", {}).get("godsplit", {}) if pyproject else loaded
    checked = parse_config(table, path.resolve())  # the whole config must still load
    if checked.max_lines < suggestion.max_lines:
        raise GodsplitError(f"could not set max-lines = {suggestion.max_lines}, which the "
                            "suggestion needs; add the entry by hand", path)
    _replace(path, data.encode())
    return entry


def _replace(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file beside it (with the file's mode), then a rename.
    A failed write (a full disk, a read-only directory) leaves the config as it was."""
    refuse_read_only(path, "the config was not changed")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.godsplit-tmp")
    try:
        temporary.write_bytes(data)
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise GodsplitError(f"cannot write the config: {exc.strerror}; it was not changed",
                            path) from None
