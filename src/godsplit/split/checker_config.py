"""pylint's and mypy's configurations, as far as they shape the lines godsplit writes.

- pylint: the first of `pylintrc`, `pylintrc.toml`, `.pylintrc`, `.pylintrc.toml`,
  `pyproject.toml` with `[tool.pylint]`, `setup.cfg` or `tox.ini` with a `[pylint.*]`
  section, in the split file's directory or the nearest one above it (pylint's own
  order). Its options are flat (pylint merges every section or sub-table), so only
  `enable`, `disable`, `no-docstring-rgx`, `max-line-length`, `dummy-variables-rgx`,
  `init-import`, `ignored-classes` and, where `load-plugins` names pylint-quotes, its `string-quote` are read,
  wherever they are.
- mypy: whether the project configures it at all (`mypy.ini`, `.mypy.ini`, `[tool.mypy]`,
  a `[mypy]` section of `setup.cfg`): such a project may run it with `--strict`, whose
  `no_implicit_reexport` reports a name imported from a module that binds it only by an
  import (`split/checker_marks.py`).
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..types import GodsplitError
from .style_files import _toml

# the messages whose pragmas godsplit writes: symbol -> (message id, its old names)
MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "useless-import-alias": ("C0414", ()),
    "reimported": ("W0404", ()),
    "redefined-builtin": ("W0622", ()),
    "wrong-import-position": ("C0413", ()),
    "import-outside-toplevel": ("C0415", ()),
    "line-too-long": ("C0301", ()),
    "missing-function-docstring": ("C0116", ("missing-docstring", "C0111")),
    "missing-class-docstring": ("C0115", ("missing-docstring", "C0111")),
    "useless-suppression": ("I0021", ()),
    "cyclic-import": ("R0401", ()),  # no pragma: a finding (`pylint_cycles`)
    "unused-import": ("W0611", ()),
}
# pylint's default: an import bound under a name it matches is never unused
DUMMY_VARIABLES_RGX = r"_+$|(_[a-zA-Z0-9_]*[a-zA-Z0-9]+?$)|dummy|^ignored_|^unused_"
_CATEGORIES = {"C": "convention", "R": "refactor", "W": "warning", "E": "error",
               "F": "fatal", "I": "info"}
_OFF_BY_DEFAULT = {"useless-suppression"}  # among MESSAGES


@dataclass(frozen=True)
class Pylint:
    """A project's pylint settings: which messages it reports, which names need no
    docstring."""

    path: Path
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    no_docstring_rgx: str = "^_"  # pylint's default
    max_line_length: int = 100  # pylint's default
    dummy_variables_rgx: str = DUMMY_VARIABLES_RGX
    init_import: bool = False  # unused imports of an `__init__.py` are reported
    string_quote: str = ""  # pylint-quotes' quote of one-line strings (C4001); "": not set
    ignored_classes: tuple[str, ...] = ()  # members not checked (E1101), names as written

    def reports(self, symbol: str) -> bool:
        """Whether pylint reports message `symbol` (one of MESSAGES) with this config."""
        msgid, old = MESSAGES[symbol]
        names = {symbol, msgid.lower(), *(o.lower() for o in old), msgid[0].lower(),
                 _CATEGORIES[msgid[0]]}
        if names & set(self.enable):
            return True
        if names & set(self.disable) or "all" in self.disable:
            return False
        return symbol not in _OFF_BY_DEFAULT

    def wants_docstring(self, name: str, kind: str) -> bool:
        """Whether pylint reports a function (`kind` "function") or class named `name`
        without a docstring."""
        symbol = f"missing-{kind}-docstring"
        return self.reports(symbol) and not re.match(self.no_docstring_rgx, name)


def find_pylint(directories: Sequence[Path]) -> Pylint | None:
    """The project's pylint settings, found as pylint finds them; None without any."""
    for directory in directories:
        for name in ("pylintrc", "pylintrc.toml", ".pylintrc", ".pylintrc.toml",
                     "pyproject.toml", "setup.cfg", "tox.ini"):
            path = directory / name
            if not path.is_file():
                continue
            if name.endswith(".toml"):
                table = _tool(path, "pylint")
                options = _flat_toml(table) if table is not None else None
            else:
                options = _flat_ini(path, every=name in ("pylintrc", ".pylintrc"))
            if options is not None:
                return Pylint(path, _words(options.get("enable")),
                              _words(options.get("disable")),
                              str(options.get("no-docstring-rgx", "^_")),
                              _integer(options.get("max-line-length"), 100),
                              str(options.get("dummy-variables-rgx", DUMMY_VARIABLES_RGX)),
                              str(options.get("init-import", "no")).strip().lower() in (
                                  "y", "yes", "true", "1"), _string_quote(options),
                              _names(options.get("ignored-classes")))
    return None


def _string_quote(options: Mapping[str, Any]) -> str:
    """pylint-quotes' `string-quote` (`single`, `double`, `single-avoid-escape`, ...) as
    the quote, where the project loads the plugin and sets it; else ""."""
    plugins = options.get("load-plugins", "")
    loaded = "pylint_quotes" in (",".join(map(str, plugins)) if isinstance(plugins, list)
                                 else str(plugins))
    value = str(options.get("string-quote", "")).strip().lower()
    return {"single": "'", "double": '"'}.get(value.split("-")[0], "") if loaded else ""


def _integer(value: object, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


def has_mypy(directories: Sequence[Path]) -> bool:
    """Whether the project configures mypy (in the nearest file that could)."""
    for directory in directories:
        if (directory / "mypy.ini").is_file() or (directory / ".mypy.ini").is_file():
            return True
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _tool(pyproject, "mypy") is not None:
            return True
        setup = directory / "setup.cfg"
        if setup.is_file() and re.search(r"^\[mypy\]", _text(setup), re.MULTILINE):
            return True
    return False


def _tool(path: Path, name: str) -> Mapping[str, Any] | None:
    tool = _toml(path).get("tool")
    table = tool.get(name) if isinstance(tool, Mapping) else None
    return table if isinstance(table, Mapping) else None


def _flat_toml(table: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update(_flat_toml(value))
        else:
            out[key.replace("_", "-")] = value
    return out


def _flat_ini(path: Path, every: bool) -> dict[str, str] | None:
    """The options of every section (a pylintrc) or of the `pylint.*` sections
    (`setup.cfg`, `tox.ini`); None when the file has none."""
    text = _text(path)
    if not every and not re.search(r"^\s*\[pylint[.\]]", text, re.MULTILINE):
        return None
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text, str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        raise GodsplitError(f"invalid INI: {exc.message.splitlines()[0]}", path, line) from exc
    out: dict[str, str] = {}
    for section in parser.sections():
        if every or section.lower().startswith(("pylint.", "pylint")):
            out.update({k.replace("_", "-"): v for k, v in parser.items(section)})
    return out


def _words(value: object) -> tuple[str, ...]:
    """A pylint list option (a TOML list, or a string split at commas and white space),
    in lower case."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return tuple(w.lower() for v in items if isinstance(v, str)
                 for w in re.split(r"[,\s]+", v) if w)


def _names(value: object) -> tuple[str, ...]:
    """A pylint list option of names, as written (`ignored-classes`)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return tuple(w for v in items if isinstance(v, str) for w in re.split(r"[,\s]+", v) if w)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GodsplitError(f"cannot read: {exc}", path) from exc
