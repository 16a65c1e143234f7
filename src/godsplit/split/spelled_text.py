"""GS143's documentation and output text (see spelled_names.py): strings a split does not
change and that nothing compares with a repr where they are made.

- `__doc__ = "..."` (a module's or a class's, or `f.__doc__ = ...`): a docstring by
  another spelling.
- The help of a command-line option or command: `help=` of argparse's `add_argument`,
  `add_parser`, `add_argument_group`, click's and typer's `option`/`argument`/`command`/
  `group`; `description=` and `epilog=` of an `ArgumentParser` or `add_parser`; the `help`
  class attribute of a command class (a base named `...Command`: Django's `BaseCommand`,
  `LabelCommand`, `AppCommand`, which give it to argparse as the parser's description), when
  nothing in the file reads `help` but by `self.help` (what Django itself does).
- A module constant (`_MESSAGE = "pkg.f takes no None"`) read in its file only as a message
  the code makes (an argument of `raise`, `print`, `warn`, a logger's method): an output.
  Only when no other project file names the constant (`named_elsewhere`): a test that
  imports it may compare it with text made from `__module__`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

_HELP_CALLS = frozenset({"add_argument", "add_parser", "add_argument_group", "ArgumentParser",
                         "option", "argument", "command", "group", "Option", "Argument"})
_PARSER_CALLS = frozenset({"ArgumentParser", "add_parser"})


def _called(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else None


def documented(tree: ast.AST) -> set[int]:
    """The ids of the string constants of `__doc__` assignments and of option help."""
    texts: list[ast.expr] = []
    reads = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "help"
             and isinstance(n.ctx, ast.Load)]
    if all(isinstance(n.value, ast.Name) and n.value.id == "self" for n in reads):
        texts += _command_help(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any((t.id if isinstance(t, ast.Name) else t.attr if isinstance(
                    t, ast.Attribute) else None) == "__doc__" for t in targets):
                texts.append(node.value)
        elif isinstance(node, ast.Call) and _called(node) in _HELP_CALLS:
            keys = {"help"} | ({"description", "epilog"} if _called(node) in _PARSER_CALLS
                               else set())
            texts += [k.value for k in node.keywords if k.arg in keys]
    return {id(c) for text in texts for c in ast.walk(text) if isinstance(c, ast.Constant)}


def _command_help(tree: ast.AST) -> list[ast.expr]:
    """The values of `help = "..."` in the bodies of command classes."""
    out: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
                (b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute)
                 else "").endswith("Command") for b in node.bases):
            out += [stmt.value for stmt in node.body if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "help" for t in stmt.targets)]
    return out


def output_constants(tree: ast.Module, produced: set[int]) -> dict[int, str]:
    """The ids of the strings of module constants whose every read in the file (one at
    least) is inside a message the code makes (`produced`: the ids of those messages'
    names and constants), with each constant's name."""
    assigned: dict[str, list[ast.expr]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
                stmt.targets[0], ast.Name):
            assigned.setdefault(stmt.targets[0].id, []).append(stmt.value)
    reads: dict[str, list[ast.Name]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in assigned:
            reads.setdefault(node.id, []).append(node)
    out: dict[int, str] = {}
    for name, values in assigned.items():
        loads = [n for n in reads.get(name, []) if isinstance(n.ctx, ast.Load)]
        stores = [n for n in reads.get(name, []) if not isinstance(n.ctx, ast.Load)]
        if len(values) == len(stores) == 1 and loads and all(id(n) in produced for n in loads):
            out.update((id(c), name) for c in ast.walk(values[0]) if isinstance(c, ast.Constant))
    return out


def named_elsewhere(name: str, path: Path, files: Iterable[Path]) -> bool:
    """Whether a project file other than `path` names `name` (a word of its text)."""
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for other in files:
        if other.resolve() == path.resolve():
            continue
        try:
            if word.search(other.read_text(encoding="utf-8", errors="replace")):
                return True
        except OSError:
            return True  # unread: it may
    return False
