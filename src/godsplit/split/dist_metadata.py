"""The module lists of a project's packaging metadata, read without running anything.

setuptools' `py_modules` and `packages`: the keyword of `setup.py`'s `setup(...)` call
(parsed with `ast`; setup.py is never run), `[tool.setuptools]` of `pyproject.toml`, or
`[options]` of `setup.cfg`, in that order (setup.py's keyword wins, as in setuptools). A
list is read when it is written as literal strings (or a module-level name bound to
them); `find_packages()`, `find:` and `{find = ...}` are read as discovery with their
`include` / `exclude` patterns; anything computed is unknown. Used by `dist_lists`.
"""

from __future__ import annotations

import ast
import configparser
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import toml_module
from .layout import inside
from .style_files import table_line

FILES = ("setup.py", "setup.cfg", "pyproject.toml")
_ANY = ("*",)


@dataclass(frozen=True)
class Entry:
    """A `py_modules` or `packages` setting and where it is written. `names`: the listed
    names; `found`: instead, the (include, exclude) patterns of a package discovery; both
    None when the value is computed (godsplit does not know it)."""

    names: tuple[str, ...] | None
    path: Path
    line: int
    spell: str  # the file kind, for the edit: "setup.py", "setup.cfg" or "pyproject.toml"
    found: tuple[tuple[str, ...], tuple[str, ...]] | None = None


def project_dir(source: Path, root: Path | None) -> Path | None:
    """The nearest directory holding the source, within the project root, that has
    packaging metadata."""
    if root is None:
        return None
    directory = source.resolve().parent
    while inside(directory, root):
        if any((directory / name).is_file() for name in FILES):
            return directory
        if directory == directory.parent:
            break
        directory = directory.parent
    return None


def setuptools_entry(project: Path, pyproject: dict[str, Any], key: str) -> Entry | None:
    """The project's setuptools `key` (`py_modules` or `packages`), or None if not set."""
    found = _setup_py(project / "setup.py", key)
    if found is not None:
        return found
    table = pyproject.get("tool", {}).get("setuptools", {})
    dashed = key.replace("_", "-")
    if dashed in table:
        value = table[dashed]
        path = project / "pyproject.toml"
        line = toml_line(text_of(path), "tool.setuptools", dashed)
        if line == 1:  # `[tool.setuptools.packages.find]`: its own table
            line = toml_line(text_of(path), "tool.setuptools.packages.find", "")
        if isinstance(value, list):
            return Entry(tuple(map(str, value)), path, line, "pyproject.toml")
        find = value.get("find") if isinstance(value, dict) else None
        return Entry(None, path, line, "pyproject.toml",
                     _patterns(find) if isinstance(find, dict) else None)
    return _setup_cfg(project / "setup.cfg", key)


def package_dirs(project: Path, pyproject: dict[str, Any]) -> dict[str, str] | None:
    """setuptools' `package_dir` (package name, "" for the root, to a directory relative
    to the project), from setup.py, `[tool.setuptools] package-dir` or setup.cfg; None
    where none is set or it is not written as literal strings."""
    found = setup_keywords(project / "setup.py")
    value = found[1].get("package_dir") if found is not None else None
    if isinstance(value, ast.Dict):
        pairs = list(zip(value.keys, value.values, strict=True))
        if all(isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(
                v, ast.Constant) and isinstance(v.value, str) for k, v in pairs):
            return {str(k.value): str(v.value) for k, v in pairs
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)}
        return None
    table = pyproject.get("tool", {}).get("setuptools", {}).get("package-dir")
    if isinstance(table, dict):
        return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text_of(project / "setup.cfg"))
    except configparser.Error:
        return None
    if not parser.has_option("options", "package_dir"):
        return None
    split = [line.partition("=") for line in parser.get("options", "package_dir").splitlines()]
    return {k.strip(): v.strip() for k, sep, v in split if sep}


def _patterns(find: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    include, exclude = find.get("include", list(_ANY)), find.get("exclude", [])
    if not all(isinstance(v, list) and all(isinstance(s, str) for s in v)
               for v in (include, exclude)):
        return None
    return tuple(include), tuple(exclude)


def setup_keywords(path: Path) -> tuple[int, dict[str, ast.expr]] | None:
    """The line of setup.py's `setup(...)` (or `setuptools.setup(...)`) call and its
    keywords, `**options` expanded where `options` is bound to a `dict(...)` or `{...}` of
    literal keys; None if it does not parse, has no such call, or passes what is unknown.
    Names are resolved to their last plain assignment (setup.py is never run)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    bound: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            bound[node.targets[0].id] = node.value
    call = next((node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "setup")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "setup"))), None)
    if call is None:
        return None
    keywords: dict[str, ast.expr] = {}
    for keyword in call.keywords:
        value = keyword.value
        if isinstance(value, ast.Name):
            value = bound.get(value.id, value)
        if keyword.arg is not None:
            keywords[keyword.arg] = value
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and (
                value.func.id == "dict") and not value.args and all(
                k.arg is not None for k in value.keywords):
            keywords |= {str(k.arg): bound.get(k.value.id, k.value) if isinstance(
                k.value, ast.Name) else k.value for k in value.keywords}
        elif isinstance(value, ast.Dict) and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys):
            keywords |= {str(k.value): bound.get(v.id, v) if isinstance(v, ast.Name) else v
                         for k, v in zip(value.keys, value.values, strict=True)
                         if isinstance(k, ast.Constant)}
        else:
            return None
    return call.lineno, keywords


def _setup_py(path: Path, key: str) -> Entry | None:
    """The `key=` keyword of setup.py's `setup(...)` call: a literal list of strings (or a
    name bound to one), a `find_packages(...)` call, or unknown."""
    found = setup_keywords(path)
    if found is None or key not in found[1]:
        return None
    value = found[1][key]
    return Entry(_strings(value), path, value.lineno, "setup.py", _find_call(value))


def _find_call(node: ast.expr) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """`find_packages(where, exclude, include)` (or find_namespace_packages, or
    `PackageFinder.find`) with literal patterns: (include, exclude)."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""
    if name not in ("find_packages", "find_namespace_packages", "find"):
        return None
    given: dict[str, ast.expr] = dict(zip(("where", "exclude", "include"), node.args, strict=False))
    given |= {k.arg: k.value for k in node.keywords if k.arg is not None}
    if any(k.arg is None for k in node.keywords):
        return None
    include = _strings(given["include"]) if "include" in given else _ANY
    exclude = _strings(given["exclude"]) if "exclude" in given else ()
    return None if include is None or exclude is None else (include, exclude)


def _strings(node: ast.expr) -> tuple[str, ...] | None:
    if isinstance(node, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return tuple(str(e.value) for e in node.elts if isinstance(e, ast.Constant))
    return None


def _setup_cfg(path: Path, key: str) -> Entry | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    if not parser.has_option("options", key):
        return None
    value = parser.get("options", key).strip()
    line = table_line(text_of(path), "options", key, ini=True, fallback=1) or 1
    if value.startswith(("find:", "find_namespace:")):
        section = "options.packages.find"
        include = _ini_list(parser.get(section, "include", fallback="*"))
        exclude = _ini_list(parser.get(section, "exclude", fallback=""))
        return Entry(None, path, line, "setup.cfg", (include, exclude))
    if value.startswith(("attr:", "file:")):
        return Entry(None, path, line, "setup.cfg")
    return Entry(_ini_list(value), path, line, "setup.cfg")


def _ini_list(value: str) -> tuple[str, ...]:
    return tuple(n for n in re.split(r"[\s,]+", value) if n)


def toml_data(path: Path) -> dict[str, Any]:
    tomllib = toml_module()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return data


def text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def toml_line(text: str, header: str, key: str) -> int:
    """The line of `key = ` in the `[header]` table, or of the header when `key` is empty
    (1 when it is written otherwise)."""
    return table_line(text, header, key, fallback=1) or 1


def data_fallback(project: Path, pyproject: dict[str, Any], directory: Path) -> str | None:
    """How setuptools would still ship the Python files of `directory`, a package missing
    from an explicit `packages` list inside a listed one: as package data (a deprecated
    fallback), when `include_package_data` is on and the files are in its file list
    (tracked by git with setuptools-scm, or taken by MANIFEST.in); None if not."""
    keywords = setup_keywords(project / "setup.py")
    value = keywords[1].get("include_package_data") if keywords else None
    table = pyproject.get("tool", {}).get("setuptools", {})
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text_of(project / "setup.cfg"))
    except configparser.Error:
        return None
    if isinstance(value, ast.Constant):
        included = value.value is True
    elif "include-package-data" in table:
        included = table["include-package-data"] is True
    elif parser.has_option("options", "include_package_data"):
        included = parser.get("options", "include_package_data").strip().lower() == "true"
    else:  # setuptools' default: on for a pyproject.toml [project] table
        included = value is None and "project" in pyproject
    if not included:
        return None
    requires = pyproject.get("build-system", {}).get("requires", [])
    if any(re.match(r"setuptools[-_]scm\b", str(r), re.I) for r in requires):
        return "once git tracks them (setuptools-scm)"
    rel = directory.resolve().relative_to(project.resolve()).as_posix()
    for line in text_of(project / "MANIFEST.in").splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in ("graft", "recursive-include") and (
                rel + "/").startswith(words[1].strip("/") + "/") and (
                words[0] == "graft" or any(fnmatch.fnmatch("a.py", w) for w in words[2:])):
            return f"as MANIFEST.in's `{line.strip()}` takes them"
    return None
