"""Packages a framework imports by their name, which `retire` must not empty.

No import statement names them, so `migrate` finds no use, yet after `retire` left only
a docstring in the package's `__init__.py`:
- Celery's `app.autodiscover_tasks()` imports each app's `tasks` module (or its
  `related_name`): the tasks in the new modules were never registered, and a worker
  rejected them as unregistered (which packages a call loads: `split/autodiscovery.py`);
- Django imports each installed app's `models` (and `admin.autodiscover()` its `admin`):
  models and admin registrations in the new modules would be missing.
Such a package keeps `from . import a, b` of its new modules, which is what a maintainer
writes in a `models/` or `tasks/` package: importing it registers what it did.

Django also reads names from modules it loads by path: a template tag library's
`register`, a management command's `Command`, a migration's `Migration`; and pytest reads
a `conftest.py`'s fixtures and hooks. Retiring such a facade would leave the package
without them, or delete the file: refused (GS515).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Sequence
from pathlib import Path

import libcst as cst

from ..split.autodiscovery import autodiscovers
from ..split.classify import assigns_dunders
from ..split.project_walk import project_files
from ..split.style import Style
from ..types import Finding

# a module's last name -> the file text that shows Django loads it by that name
_REGISTERS = {
    "models": (b"", "Django imports an app's models package"),
    "admin": (b"django.contrib.admin", "Django's admin autodiscovery imports this package"),
}
_AUTODISCOVERED = "Celery's autodiscover_tasks() imports this package"
_CONTRACTS = {
    "templatetags": "a template tag library: Django reads its `register`",
    "commands": "a management command: Django reads its `Command`",
    "migrations": "a migration: Django reads its `Migration`",
}


def _django_app(package_dir: Path) -> Path | None:
    """The file or folder that makes a package a Django app: `apps.py`, `migrations/`."""
    found = [p for p in (package_dir / "apps.py", package_dir / "migrations") if p.exists()]
    return found[0] if found else None


def registered_by_name(root: Path, old_module: str, facade: Path) -> tuple[str, Path] | None:
    """(why, where it shows) when a framework imports `old_module` by its name for what
    importing it registers; None otherwise."""
    last = old_module.rpartition(".")[2]
    if last in _REGISTERS:
        needle, why = _REGISTERS[last]
        app = _django_app(facade.parent.parent)
        if app is None:
            return None
        if last == "models":
            return why, app
        for path in project_files(root):
            try:
                if needle in path.read_bytes():
                    return why, path
            except OSError:
                continue
        return _named_in_a_string(root, old_module, facade)
    # Celery's autodiscover_tasks() loads it: GS214's judgement (the packages it is given
    # and its `related_name`), not the bytes `autodiscover_tasks` anywhere (round 30)
    for path in project_files(root):
        try:
            if autodiscovers(path.read_bytes(), old_module):
                return _AUTODISCOVERED, path
        except OSError:
            continue
    return _named_in_a_string(root, old_module, facade)


def imports_setting(name: str) -> bool:
    """A setting (a variable, attribute, keyword or key of that name) whose strings name
    modules something imports by name: Celery's `imports` and `include` (`CELERY_IMPORTS`),
    pytest's `pytest_plugins`."""
    return name.lower().endswith(("imports", "include")) or name == "pytest_plugins"


def _named_in_a_string(root: Path, old_module: str, facade: Path) -> tuple[str, Path] | None:
    """A setting of another file of the project that loads the package by its whole name
    (Celery's `imports = ("lemur.common.celery",)`, `include=[...]`): importing it must
    still register the tasks of its new modules. Only such a setting: the same string as a
    filter's name, a column or a program name loads nothing (round 31: buku's `'buku'` in
    bukuserver made retire write these imports and say a string loads the package)."""
    if facade.name != "__init__.py":  # sibling layout: a string there is as often a task
        return None  # name prefix (routes); refusing on it would block every retire
    quoted = [f"{q}{old_module}{q}".encode() for q in ("'", '"')]
    package = facade.parent
    for path in project_files(root):
        if path.is_relative_to(package):  # the split's own files (`__name__` pinned there)
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(needle in data for needle in quoted) and (
                setting := _loading_setting(data, old_module)) is not None:
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path
            return f"`{setting}` in {shown} loads this package", path
    return None


def _loading_setting(data: bytes, old_module: str) -> str | None:
    """The name of the first setting (`imports_setting`) the file gives `old_module` to, as
    its value or an item of it."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and node.value == old_module):
            continue
        holder: ast.AST = node
        parent = parents.get(id(holder))
        if isinstance(parent, (ast.List, ast.Tuple, ast.Set)):
            holder, parent = parent, parents.get(id(parent))
        name = _setting_name(holder, parent)
        if name is not None and imports_setting(name):
            return name
    return None


def _setting_name(value: ast.AST, parent: ast.AST | None) -> str | None:
    """The name `value` is assigned or passed to (`X = v`, `obj.x = v`, `f(x=v)`,
    `{"x": v}`)."""
    if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and parent.value is value:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        for target in targets:
            if isinstance(target, ast.Name):
                return target.id
            if isinstance(target, ast.Attribute):
                return target.attr
        return None
    if isinstance(parent, ast.keyword):
        return parent.arg
    if isinstance(parent, ast.Dict):
        keys = [k for k, v in zip(parent.keys, parent.values, strict=True) if v is value]
        key = keys[0] if keys else None
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
    return None


def contract(old_module: str, facade: Path) -> Finding | None:
    """GS515 when Django or pytest loads the module by its path and reads names from it."""
    parts = old_module.split(".")
    if parts[-1] == "conftest":
        return Finding("GS515", "error", f"{old_module} is a conftest: pytest collects its "
                       "fixtures and hooks by the file's name; the facade must stay",
                       str(facade), 1)
    for part, why in _CONTRACTS.items():
        if part in parts[:-1] and (part != "commands" or "management" in parts):
            return Finding("GS515", "error", f"{old_module} is {why}, which its `__init__.py` "
                           "would no longer give: the facade must stay", str(facade), 1)
    return None


def registration_imports(old_module: str, modules: Sequence[str], style: Style | None,
                         facade: Path, why: str) -> str:
    """`from . import a, b` of the new modules, with the comment saying why."""
    names = [m.removeprefix(old_module + ".") for m in modules]
    direct = sorted(n for n in names if "." not in n)
    width = style.line_length if style is not None else 88
    lines = textwrap.wrap(f"{why} by its name: importing it must register what its modules "
                          "define.", width, initial_indent="# ", subsequent_indent="# ")
    noqa = "  # noqa: F401" if style is None or style.enables("F401", facade) else ""
    one = f"from . import {', '.join(direct)}{noqa}"
    if len(one) <= width:
        lines.append(one)
    else:
        lines += [f"from . import ({noqa}", *(f"    {n}," for n in direct), ")"]
    lines += [f"from .{n.rpartition('.')[0]} import {n.rpartition('.')[2]}{noqa}"
              for n in sorted(n for n in names if "." in n)]
    return "\n".join(lines) + "\n"


def with_registration(text: str, block: str) -> str:
    """The retired `__init__.py` with the registration imports after its docstring,
    `from __future__` imports and dunder assignments (`__version__ = "5.1"`: the new
    modules import those from the package, so they must be bound before it imports them:
    round 30, buku's retire rolled back on the cycle; E402 allows them above imports); its
    other code stays below them (E402). Where that code opens with imports, `# isort: split`
    ends the block: isort and ruff keep a comment at the top of an import block where it is,
    and would sort the registration import away from the comment saying why (round 32)."""
    module = cst.parse_module(text)
    at = 0
    for stmt in module.body:
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) else None
        if (isinstance(small, cst.Expr) and isinstance(small.value, cst.BaseString) and at == 0) or (
                isinstance(small, cst.ImportFrom) and isinstance(small.module, cst.Name)
                and small.module.value == "__future__") or assigns_dunders(small):
            at += 1
            continue
        break
    head = module.with_changes(body=module.body[:at]).code.rstrip("\n")
    rest = module.with_changes(header=[], body=module.body[at:]).code.strip("\n")
    first = module.body[at] if at < len(module.body) else None
    if isinstance(first, cst.SimpleStatementLine) and isinstance(
            first.body[0], (cst.Import, cst.ImportFrom)):
        rest = "# isort: split\n" + rest
    parts = [p for p in (head, block.rstrip("\n"), rest) if p]
    return "\n\n".join(parts) + "\n"

