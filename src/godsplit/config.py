"""Find and validate godsplit's configuration.

`godsplit.toml` (whole file) or `[tool.godsplit]` in `pyproject.toml`, found from a
start directory upward, or given explicitly. Paths in the config are relative to the
config file. Every problem raises GodsplitError naming the file and the key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

from .config_checks import NAME_MAX, case_twins, imported_name, setup_problem, toml_bytes_problem
from .config_checks import module_name as _module_name
from .configtypes import Config, GodsplitError, PerPathLimit

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import Any

    from .config_lines import Positions
    from .configtypes import CountMode
    from .types import FacadeMode, ImportStyle, SplitConfig

TOP_KEYS = {
    "max-lines", "count", "exclude", "per-path", "split", "verify-setup", "verify-import",
    "verify-timeout", "baseline",
}
SPLIT_KEYS = {
    "source", "package", "shared", "default", "modules", "facade",
    "pin-task-names", "keep-module-name", "task-decorators", "keep", "import-style", "module-name",
}


def find_config(start: Path) -> Path | None:
    """The nearest godsplit.toml, or pyproject.toml with [tool.godsplit], at or above start."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "godsplit.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_godsplit_table(pyproject):
            return pyproject
    return None


def _has_godsplit_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has [tool.godsplit]. Most have no "godsplit" in them at
    all: then the file is not parsed (a key spelt with escapes is parsed to be sure)."""
    try:
        data = pyproject.read_bytes()
    except OSError as exc:
        raise GodsplitError(f"cannot read config: {exc.strerror}", pyproject) from exc
    if b"godsplit" not in data and b"\\u" not in data and b"\\U" not in data:
        return False
    tool = _read_toml(pyproject).get("tool")
    return isinstance(tool, dict) and "godsplit" in tool


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the config at `path`, or the one found from `start` (default: cwd).

    With no config anywhere, the defaults apply and the root is `start`.
    """
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config(path=None, root=(start or Path.cwd()).resolve())
    elif not path.is_file():
        from .files import not_a_file  # (the size check's fast path imports no more)
        raise GodsplitError(not_a_file(path, "the config"), path)
    path = path.resolve()
    raw, text = _read_toml_text(path)
    pyproject = path.name == "pyproject.toml"
    table: Any = raw
    for key in ("tool", "godsplit") if pyproject else ():
        table = table.get(key, {})
        if not isinstance(table, dict):  # `[tool]` then `godsplit = 3`
            where = re.search(rf"^\s*{key}\s*=", text, re.MULTILINE)
            raise GodsplitError(f"{key!r} must be a table ([tool.godsplit]), not "
                                f"{type(table).__name__}", path,
                                text.count("\n", 0, where.start()) + 1 if where else None)
    from .config_lines import located, scan

    prefix = ("tool", "godsplit") if pyproject else ()
    try:
        return parse_config(table, path, scan(text) if table.get("split") else None, prefix)
    except GodsplitError as exc:  # one raised without a line: the line of the key it names
        raise located(exc, text, prefix) from exc.__cause__


def parse_config(
    table: Mapping[str, Any], path: Path, positions: Positions | None = None,
    prefix: tuple[str, ...] = (),
) -> Config:
    """Validate a config table. With the `positions` of its file (and the table's key path
    in it), errors and mapping findings point at their line."""
    root = path.parent
    unknown = sorted(set(table) - TOP_KEYS)
    if unknown:
        raise GodsplitError(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(TOP_KEYS))})", path)
    max_lines = _get(table, "max-lines", int, path, 600)
    if max_lines < 1:
        raise GodsplitError("'max-lines' must be a positive integer", path)
    count = _get(table, "count", str, path, "physical")
    if count not in ("physical", "code"):
        raise GodsplitError(f"'count' must be 'physical' or 'code', not {count!r}", path)
    exclude = tuple(_str_list(table, "exclude", path))
    per_path = tuple(_per_path(item, path) for item in _table_list(table, "per-path", path))
    items = _table_list(table, "split", path)
    lines = _Lines(positions, prefix, items)
    splits = tuple(_split(item, path, index, lines) for index, item in enumerate(items))
    seen: dict[Path, int] = {}
    for index, split in enumerate(splits):
        if split.source in seen:
            raise GodsplitError(
                f"split[{index}].source {split.source} is already split by split[{seen[split.source]}]",
                path, (split.source_line or split.line) if split.config_path is not None else None,
            )
        seen[split.source] = index
    count_mode: CountMode = "code" if count == "code" else "physical"
    verify_setup = table.get("verify-setup")
    if verify_setup is not None and not isinstance(verify_setup, str):
        raise GodsplitError("'verify-setup' must be a string of Python code", path)
    problem = setup_problem(verify_setup) if verify_setup is not None else None
    if problem is not None:
        raise GodsplitError(problem, path, lines.line("verify-setup"))
    verify_timeout = _get(table, "verify-timeout", int, path, 120)
    if verify_timeout < 1:
        raise GodsplitError("'verify-timeout' must be a positive number of seconds", path,
                            lines.line("verify-timeout"))
    baseline = table.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline):
        raise GodsplitError("'baseline' must be the path of a file, relative to the config", path)
    return Config(
        path=path,
        root=root,
        max_lines=max_lines,
        count=count_mode,
        exclude=exclude,
        per_path=per_path,
        splits=splits,
        verify_setup=verify_setup,
        verify_import=_get(table, "verify-import", bool, path, True),
        verify_timeout=verify_timeout,
        baseline=root / baseline if baseline else None,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    return _read_toml_text(path)[0]


def _read_toml_text(path: Path) -> tuple[dict[str, Any], str]:
    tomllib = toml_module()
    try:
        data = path.read_bytes()
        problem = toml_bytes_problem(data)
        if problem is not None:
            raise GodsplitError(problem[0], path, problem[1])
        text = data.decode("utf-8")
        return tomllib.loads(text), text
    except OSError as exc:
        raise GodsplitError(f"cannot read config: {exc.strerror}", path) from exc
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_error(exc, path)
        raise GodsplitError(message, path, line) from exc


def toml_module() -> Any:
    """tomllib (tomli before 3.11), imported only when a config file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


class _Lines:
    """Lines of the [[split]] tables' keys and mapped and kept names, where the scan is
    trustworthy (`config_lines.split_names`)."""

    def __init__(
        self, positions: Positions | None, prefix: tuple[str, ...], items: list[Mapping[str, Any]]
    ) -> None:
        self.positions = positions
        self.prefix = prefix
        self.names: list[list[tuple[str, str, int]]] = [[] for _ in items]
        if positions is None:
            return
        from .config_lines import split_names, string_values

        for index, item in enumerate(items):
            names = split_names(string_values(positions, (*prefix, "split", index)), item)
            if names is None:
                self.positions = None  # the scan did not follow this file: give no lines
                self.names = [[] for _ in items]
                return
            self.names[index] = names

    def line(self, *keys: str | int) -> int | None:
        """The line of a key (or the table header) under the godsplit table, if known."""
        if self.positions is None:
            return None
        return self.positions.lines.get((*self.prefix, *keys))


def _toml_error(exc: Exception, path: Path) -> tuple[str, int | None]:
    """The message and line of a TOML error (tomllib gives the line only in its text)."""
    text = str(exc)
    line = getattr(exc, "lineno", None)
    match = re.search(r"\s*\(at line (\d+), column \d+\)$", text)
    if match:
        line = line or int(match.group(1))
        text = text[: match.start()]
    elif text.endswith("(at end of document)"):
        text = text[: -len("(at end of document)")].rstrip() + " at the end of the file"
        try:
            line = line or max(1, len(path.read_bytes().splitlines()))
        except OSError:
            pass
    if text == "Cannot overwrite a value" and line:  # name the key (a duplicate, mostly)
        try:
            key = path.read_text(encoding="utf-8").splitlines()[line - 1].partition("=")[0]
        except (OSError, UnicodeDecodeError, IndexError):
            key = ""
        if key.strip():
            text += f" (key `{key.strip()}`, already set above)"
    return f"invalid TOML: {text}", line


def _get(table: Mapping[str, Any], key: str, kind: type, path: Path, default: Any,
         where: str = "") -> Any:
    value = table.get(key, default)
    # bool is a subclass of int: reject `max-lines = true`
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        named = f"{where}.{key}" if where else repr(key)  # `located` finds the key's line
        raise GodsplitError(f"{named} must be {kind.__name__}, not {type(value).__name__} "
                            f"({value!r})", path)
    return value


def _str_list(table: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GodsplitError(f"{key!r} must be a list of strings", path)
    return value


def _table_list(table: Mapping[str, Any], key: str, path: Path) -> list[Mapping[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise GodsplitError(f"{key!r} must be an array of tables ([[{key}]])", path)
    return value


def _per_path(item: Mapping[str, Any], path: Path) -> PerPathLimit:
    unknown = sorted(set(item) - {"path", "max-lines"})
    if unknown:
        raise GodsplitError(f"[[per-path]]: unknown key {unknown[0]!r} (known: max-lines, path)", path)
    pattern = item.get("path")
    limit = item.get("max-lines")
    if not isinstance(pattern, str) or not isinstance(limit, int) or isinstance(limit, bool):
        raise GodsplitError("each [[per-path]] needs 'path' (string) and 'max-lines' (integer)", path)
    if limit < 1:
        raise GodsplitError("[[per-path]] 'max-lines' must be a positive integer", path)
    return PerPathLimit(pattern=pattern, max_lines=limit)


def _relative_path(value: str, key: str, root: Path, config: Path | None = None) -> Path:
    where = config or root  # errors name the config file
    candidate = Path(value)
    if candidate.is_absolute():
        raise GodsplitError(f"{key}: {value!r} must be relative to the config file", where)
    too_long = next((p for p in candidate.parts if len(p.encode()) > NAME_MAX), None)
    if too_long is not None:  # (resolve() and exists() would raise ENAMETOOLONG)
        raise GodsplitError(f"{key}: {too_long[:20]!r}... is too long: {len(too_long.encode())} "
                            f"bytes, and a file name has at most {NAME_MAX}", where)
    resolved = (root / candidate).resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        raise GodsplitError(f"{key}: {value!r} points outside the project root {root} "
                            "(through '..' or a symlink)", where) from None
    return root / candidate


def _split(item: Mapping[str, Any], path: Path, index: int, lines: _Lines) -> SplitConfig:
    where = f"split[{index}]"
    header = lines.line("split", index)
    unknown = sorted(set(item) - SPLIT_KEYS)
    if unknown:
        known = ", ".join(sorted(SPLIT_KEYS))
        raise GodsplitError(f"{where}: unknown key {unknown[0]!r} (known: {known})", path,
                            lines.line("split", index, unknown[0]) or header)
    source = item.get("source")
    if not isinstance(source, str) or not source.endswith(".py"):
        raise GodsplitError(f"{where}.source must be the path of a .py file", path)
    root = path.parent
    package_raw = item.get("package")
    if package_raw is not None and (not isinstance(package_raw, str) or not package_raw):
        raise GodsplitError(f"{where}.package must be a directory path (omit it: `source` "
                            "becomes the package)", path, lines.line("split", index, "package"))
    package = _relative_path(package_raw, f"{where}.package", root, path) if package_raw else None
    if package is not None and package.suffix == ".py":
        raise GodsplitError(f"{where}.package must be a directory path, not a .py file", path)
    modules_raw = item.get("modules", {})
    modules_line = lines.line("split", index, "modules") or header
    if not isinstance(modules_raw, dict):
        raise GodsplitError(f"{where}.modules must be a table of module = [names]", path,
                            modules_line)
    modules: list[tuple[str, tuple[str, ...]]] = []
    module_lines: list[tuple[str, int]] = []
    for name, names in modules_raw.items():
        line = lines.line("split", index, "modules", name)
        _module_name(name, f"{where}.modules", path, line or modules_line)
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise GodsplitError(f"{where}.modules.{name} must be a list of names", path,
                                line or modules_line)
        modules.append((name, tuple(names)))
        if line is not None:
            module_lines.append((name, line))
    dotted = {name for name, _ in modules}  # `seq` beside `seq.x`: seq/__init__.py
    shared = item.get("shared")
    default = item.get("default")
    for key, value in (("shared", shared), ("default", default)):
        if value is not None:
            if not isinstance(value, str):
                raise GodsplitError(f"{where}.{key} must be a module name string", path)
            _module_name(value, f"{where}.{key}", path)
            key_line = lines.line("split", index, key)  # where a finding about it points
            if key_line is not None and value not in dotted:
                module_lines.append((value, key_line))
    twins = case_twins(sorted({*dotted, *(n for n in (shared, default) if isinstance(n, str))}))
    if twins is not None:
        raise GodsplitError(f"{where}.modules: {twins[0]!r} and {twins[1]!r} differ only in "
                            "case: one file on macOS and Windows; rename one", path, modules_line)
    facade = item.get("facade", "live")
    if facade not in ("live", "static", "deprecated"):
        raise GodsplitError(f"{where}.facade must be 'live', 'static' or 'deprecated', "
                            f"not {facade!r}", path)
    facade_mode: FacadeMode = facade
    decorators = item.get("task-decorators", ["shared_task", "task", "periodic_task"])
    if not isinstance(decorators, list) or not all(isinstance(d, str) for d in decorators):
        raise GodsplitError(f"{where}.task-decorators must be a list of names", path)
    keep = item.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise GodsplitError(f"{where}.keep must be a list of names that stay in the old module",
                            path)
    style = item.get("import-style")
    if style not in (None, "relative", "absolute"):
        raise GodsplitError(f"{where}.import-style must be 'relative' or 'absolute', not "
                            f"{style!r}", path)
    import_style: ImportStyle | None = (
        "relative" if style == "relative" else "absolute" if style == "absolute" else None
    )
    from .types import SplitConfig  # (only a config with splits needs the engine's types)

    source_path = _relative_path(source, f"{where}.source", root, path)
    return SplitConfig(
        source=source_path,
        package=package,
        shared=shared,
        default=default,
        modules=tuple(modules),
        facade=facade_mode,
        pin_task_names=_get(item, "pin-task-names", bool, path, True, where),
        keep_module_name=_get(item, "keep-module-name", bool, path, False, where),
        task_decorators=tuple(decorators),
        line=header or 1,
        source_line=lines.line("split", index, "source"),
        keep=tuple(keep),
        import_style=import_style,
        config_path=path if lines.positions is not None else None,
        name_lines=tuple(lines.names[index]),
        module_lines=tuple(module_lines),
        module_name=imported_name(item.get("module-name"), source_path, where, path,
                                  lines.line("split", index, "module-name") or header),
    )
