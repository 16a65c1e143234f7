"""Round 23 (suggest23): code that must run in one module, in source order (a GS124 set:
subclasses registered into their base's list by top-level `X.register()` calls) is as
indivisible as one long definition: suggest never cuts it and never keeps it in the old
module; longer than max-lines, it gets a module of its own with a GS105 warning."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import Suggestion, suggest


def _methods(count: int) -> str:
    return "\n".join(f"    def m{i}(self):\n        return {i}\n" for i in range(count))


def _registry(kinds: int, methods: int) -> str:
    """A base class whose registry keeps its subclasses in registration order, `kinds`
    subclasses each registered right after it, and unrelated helpers in between."""
    parts = ['''"""Extras, run in the order they are registered."""


class Extra:
    _registry = []

    @classmethod
    def register(cls):
        cls._registry.append(cls)


def run_all(text):
    for extra in Extra._registry:
        text = extra().run(text)
    return text
''']
    for i in range(kinds):
        parts.append(f'''

class Kind{i}(Extra):
    name = "kind{i}"

    def run(self, text):
        return text + "{i}"

{_methods(methods)}

Kind{i}.register()


def helper{i}(value):
    return [value] * {i + 1}
''')
    parts.append('''

def report_numbers():
    return [globals()[f"helper{i}"](i) for i in range(3)]
''')
    return "".join(parts)


def _suggested(tmp_path: Path, text: str, max_lines: int, stem: str = "extras"
               ) -> Suggestion:
    source = tmp_path / f"{stem}.py"
    source.write_text(text)
    return suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=max_lines)


def test_a_registry_longer_than_max_lines_gets_a_module_of_its_own(tmp_path: Path) -> None:
    text = _registry(6, 12)  # 6 registered subclasses of about 30 lines: 180 lines
    result = _suggested(tmp_path, text, 120)
    assert result.errors == ()
    assert result.keep == ()  # nothing stays in the old module
    kinds = {f"Kind{i}" for i in range(6)}
    [home] = [m for m in result.modules if kinds & set(m.mapped)]
    assert kinds <= set(home.mapped)  # all of them together
    planned = next(m for m in result.plan.modules if m.name == home.name)
    assert planned.lines > 120
    [warning] = [f for f in result.plan.findings if f.code == "GS105"]
    assert warning.severity == "warning"
    assert "'_registry'" in warning.message or "'Extra'" in warning.message
    assert "in source order (GS124)" in warning.message
    assert any("they get a module of their own" in n for n in result.notes)
    assert "Extra" in home.mapped  # the registry with what it registers


def test_a_registry_is_never_cut(tmp_path: Path) -> None:
    """Under max-lines, the set is cut from nothing: whatever the other modules hold, the
    registered subclasses share one module and nothing is kept."""
    text = _registry(4, 6)  # 4 registered subclasses of about 18 lines
    result = _suggested(tmp_path, text, 90)
    assert result.errors == ()
    assert result.keep == ()
    kinds = {f"Kind{i}" for i in range(4)}
    homes = [m.name for m in result.modules if kinds & set(m.mapped)]
    assert len(homes) == 1


def test_names_of_the_main_class_and_the_command_line(tmp_path: Path) -> None:
    """`Tool` in `tool2.py` (a version in the file's name) is the file's `core`, not
    `tools`; the group of `main()` with its parser is `cli`, not named after the small
    exception class beside it."""
    body = "\n".join(f"    def step{i}(self, text):\n        return text + '{i}'\n"
                     for i in range(40))
    options = "\n".join(f"    parser.add_argument('--opt{i}', help='option {i}')"
                        for i in range(40))
    text = f'''"""A tool."""

import argparse


class ToolError(Exception):
    pass


class Tool:
    def run(self, text):
        return text

{body}

def tool(text):
    return Tool().run(text)


def main(argv=None):
    parser = argparse.ArgumentParser()
{options}
    args = parser.parse_args(argv)
    if not args:
        raise ToolError("no arguments")
    return tool(str(args))
'''
    result = _suggested(tmp_path, text, 150, "tool2")
    names = {m.name: set(m.mapped) for m in result.modules}
    assert "core" in names and "Tool" in names["core"]
    assert "cli" in names and "main" in names["cli"]
