"""`godsplit suggest`: print (or append to the config) a ready `[[split]]` entry.

The engine (`suggest.py`) finds and proves the mapping; this module renders it as TOML
with a comment per module, and appends it to godsplit.toml or pyproject.toml.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .types import Config, GodsplitError

if TYPE_CHECKING:
    from .suggest import Suggestion

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


def _config_file(config_path: Path | None, write: bool) -> tuple[Config, Path]:
    """The config to read limits from and write to (created on --write if there is none)."""
    from .config import find_config, load_config, parse_config

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
    from .config import parse_config

    table = loaded.get("tool", {}).get("godsplit", {}) if pyproject else loaded
    parse_config(table, path.resolve())  # the whole config must still load
    path.write_bytes(data)
    return entry


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--max-lines", type=click.IntRange(min=1), metavar="N",
              help="Largest module to plan (default: the config's max-lines, else 600).")
@click.option("--modules", "modules", type=click.IntRange(min=1), metavar="K",
              help="Aim for K modules (default: communities of the graph, about half full).")
@click.option("--package", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Put the modules in DIR beside SOURCE, which stays as the facade "
                   "(default: SOURCE becomes a package).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="godsplit.toml or pyproject.toml (default: found from the current "
                   "directory up; --write creates godsplit.toml here if there is none).")
@click.option("--write", is_flag=True,
              help="Append the entry to the config ([[tool.godsplit.split]] in pyproject.toml).")
def suggest(source: Path, max_lines: int | None, modules: int | None, package: Path | None,
            config_path: Path | None, write: bool) -> None:
    """Propose the [[split]] mapping for SOURCE: cohesive modules under max-lines, named
    from their shared words, proven by planning it."""
    from .cli import handles_errors  # here, not at import time: cli.py imports this module

    handles_errors(_suggest)(source, max_lines, modules, package, config_path, write)


def _suggest(source: Path, max_lines: int | None, modules: int | None, package: Path | None,
             config_path: Path | None, write: bool) -> None:
    from .suggest import suggest as make_suggestion

    config, path = _config_file(config_path, write)
    if not source.is_file():
        raise GodsplitError("source file not found", source)
    result = make_suggestion(source, config, max_lines, modules or 0, package)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.errors:
        click.echo(render_entry(result), nl=False)
        for finding in result.errors:
            click.echo(f"error: {finding.render()}", err=True)
        click.echo("error: no mapping without plan errors was found; fix the entry by hand",
                   err=True)
        sys.exit(1)
    if not write:
        click.echo(render_entry(result), nl=False)
        return
    click.echo(append_entry(path, config, result), nl=False)
    click.echo(f"wrote the suggestion for {result.source} to {path}", err=True)
