"""A suggestion as a TOML `[[split]]` entry, and appending it to the config file.

Pure rendering plus one careful write: the entry is appended only if the whole config
still loads afterwards.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from ..config import find_config, load_config, parse_config
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
    mapped = sum(len(m.mapped) for m in s.modules)
    carried = sum(len(m.names) for m in s.plan.modules) - mapped
    out = _comment(
        f"Suggested by `godsplit suggest`: {_count(len(s.plan.modules), 'module')}, each at "
        f"most {max((m.lines for m in s.plan.modules), default=0)} lines (max-lines "
        f"{s.max_lines}). The names listed are mapped"
        + (f"; {_count(carried, 'other definition')} follow the one module that uses them, "
           "or go to `shared` when several do." if carried > 0 else ".")
    )
    out += [f"[[{table}]]", f"source = {toml_string(s.source)}"]
    if s.package is not None:
        out.append(f"package = {toml_string(s.package)}")
    out += [f"shared = {toml_string(s.shared)}", f"default = {toml_string(s.default)}"]
    if s.keep_module_name:
        out += _comment(f"{s.keep_module_name}: keep their __module__ so pickles and "
                        "DocTestSuite(old module) keep working")
        out.append("keep-module-name = true")
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
    if config_path is not None and not write:
        raise GodsplitError("config file not found", config_path)
    return parse_config({}, path.resolve()), path


def append_entry(path: Path, config: Config, suggestion: Suggestion) -> str:
    """Append the entry to godsplit.toml or pyproject.toml; the text written."""
    source = (config.root / suggestion.source).resolve()
    if any(s.source.resolve() == source for s in config.splits):
        raise GodsplitError(f"{suggestion.source} already has a [[split]] in this config; "
                            "remove it first, or print the suggestion without --write", path)
    pyproject = path.name == "pyproject.toml"
    entry = render_entry(suggestion, "tool.godsplit.split" if pyproject else "split")
    old = path.read_bytes() if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    data = old + (b"\n" if old else b"") + entry.encode()
    try:
        loaded = tomllib.loads(data.decode())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GodsplitError(f"appending the entry would not give valid TOML ({exc}); "
                            "add it by hand", path) from None
    table = loaded.get("tool", {}).get("godsplit", {}) if pyproject else loaded
    parse_config(table, path.resolve())  # the whole config must still load
    path.write_bytes(data)
    return entry
