"""GS423: the project imports the god file by a shorter name than its packages give it.

godsplit names a module after its packages: the directories up from it that hold an
`__init__.py`. EvalAI keeps its Django apps in `apps/`, a package (`apps/__init__.py`) whose
directory its settings also put on `sys.path`, and its code imports `challenges.aws_utils`:
the module runs under that name, while godsplit derived `apps.challenges.aws_utils`. The
names a split writes into the new modules as text (Celery task names GS200, `__name__`
GS201 and the loggers made from it GS138, `keep-module-name`'s `__module__`) were then the
longer ones, so every task and logger was renamed for the code that runs (the worker's
view), and the patch targets of its tests (`challenges.aws_utils.x`) were not seen. The
import check imports the longer name before and after, and found them the same.

An error where the split writes the old module's name, a warning otherwise (patch targets
under the other name are not looked for), naming the import.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..files import module_name_for, named_module
from ..types import Config, Finding, Plan, SplitConfig
from .project_walk import project_files

# findings that say the split writes the old module's name into the new modules
NAME_WRITTEN = frozenset({"GS200", "GS201", "GS138"})


def _shorter(old: str, import_root: Path) -> dict[str, Path]:
    """Each shorter name the module can be imported by (a dotted tail of `old`) -> the
    directory that would have to be on sys.path for it: a package of its path. A tail whose
    first part is also a module at the import root or the standard library's names that
    module instead, and a bare module name may be any other: left out."""
    parts = old.split(".")
    out = {}
    for cut in range(1, len(parts) - 1):  # a package and a module at least: `import big`
        first = import_root / parts[cut]  # may be any top-level module of that name
        if parts[cut] in sys.stdlib_module_names or first.with_suffix(".py").is_file() or (
                first / "__init__.py").is_file():
            continue
        out[".".join(parts[cut:])] = import_root.joinpath(*parts[:cut])
    return out


def _spelled(names: dict[str, Path]) -> re.Pattern[bytes]:
    """What any import of one of `names` spells in the file's bytes: the dotted name, or
    `from <its package> import` (dots and line continuations may carry white space): the
    files without it are not parsed (Django's 2,788 files: 2.7 s of CPU a plan before)."""
    def dotted(parts: list[str]) -> bytes:
        return rb"\s*\.\s*".join(re.escape(p.encode()) for p in parts)
    spellings = []
    for name in names:
        parts = name.split(".")
        spellings.append(rb"\b" + dotted(parts) + rb"\b")
        spellings.append(rb"\bfrom[\s\\]+" + dotted(parts[:-1]) + rb"[\s\\]+import\b")
    return re.compile(b"|".join(spellings))


def _imports(tree: ast.Module, names: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(name, line) of each absolute import in `tree` of one of `names` (or of a module
    inside it), as `import a.b`, `from a.b import x` or `from a import b`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from ((n, node.lineno) for n in names
                            if alias.name == n or alias.name.startswith(n + "."))
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            module = node.module
            for n in names:
                if module == n or module.startswith(n + ".") or any(
                        f"{module}.{alias.name}" == n for alias in node.names):
                    yield n, node.lineno


def other_names(config: Config, split: SplitConfig, plan: Plan) -> Finding | None:
    """GS423 for the first import in the project of `plan`'s module by a shorter name (or,
    under `module-name`, by any other tail of the name its packages give it)."""
    found = imported_by(config.root, plan.source, plan.old_module)
    return None if found is None else _finding(config, split, plan, *found)


def imported_by(root: Path, source: Path, name: str | None = None
                ) -> tuple[str, Path, Path, int] | None:
    """The first import in the project under `root` of `source` by another name than
    `name` (default: its packages' name) that GS423 looks for: (that name, the directory
    it puts on sys.path, the importing file, its line). suggest sets `module-name` from it."""
    old, import_root = named_module(source, name)
    names = _shorter(old, import_root)
    packages, top = module_name_for(source)
    if packages != old:  # `module-name` given: the packages' name and its other tails too
        names = {**_shorter(packages, top), packages: top, **names}
        names.pop(old, None)
    if not names:
        return None
    last = old.rsplit(".", 1)[-1].encode()
    spelled = _spelled(names)
    resolved = source.resolve()
    for path in project_files(root):
        if path.resolve() == resolved:
            continue
        try:
            data = path.read_bytes()
            if last not in data or not spelled.search(data):
                continue
            tree = ast.parse(data)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for found, line in _imports(tree, names):
            return found, names[found], path, line
    return None


def _finding(config: Config, split: SplitConfig, plan: Plan, name: str, directory: Path,
             path: Path, line: int) -> Finding:
    old = plan.old_module
    written = sorted({f.code for f in plan.findings if f.code in NAME_WRITTEN})
    if split.keep_module_name:
        written.append("keep-module-name")
    try:
        shown = directory.relative_to(config.root).as_posix()
    except ValueError:
        shown = str(directory)
    what = (f"the split writes {old!r} into the new modules ({', '.join(written)}), so "
            f"task and logger names or `__module__` would be renamed where it runs as {name!r}"
            if written else f"patch targets and strings that spell {name!r} are not looked for")
    given = ("the name its `module-name` gives it" if split.module_name
             else "the name its packages give it")
    if split.module_name:
        out = (f"import it by one name, or set `module-name = \"{name}\"` in its [[split]]"
               f"{_where(split)} if that is the name it runs by")
    else:
        out = (f"if the project imports it by that name, add `module-name = \"{name}\"` to "
               f"its [[split]]{_where(split)}, and godsplit uses that name (or import it by one "
               f"name; if {shown}/ is only a directory on sys.path, remove its __init__.py)")
    return Finding(
        "GS423", "error" if written else "warning",
        f"imports {plan.source.name} as {name!r} (with {shown}/ on sys.path), not as {old!r} "
        f"({given}): {what}; {out}",
        str(path), line)


def _where(split: SplitConfig) -> str:
    """` (godsplit.toml:12)`: the [[split]] table's header, when known."""
    if split.config_path is None:
        return ""
    return f" ({split.config_path.name}:{split.line})"


def with_other_names(config: Config, split: SplitConfig, plan: Plan) -> Plan:
    """`plan` with GS423 added where the project imports its module by a shorter name."""
    if plan.already_split:
        return plan
    found = other_names(config, split, plan)
    return plan if found is None else replace(plan, findings=(*plan.findings, found))


def imported_as(root: Path, source: Path) -> tuple[str, str] | None:
    """The `module-name` GS423 would ask for `source` (no `module-name` given), and why:
    the first import in the project by a shorter name than its packages give it."""
    found = imported_by(root, source)
    if found is None:
        return None
    name, directory, path, line = found
    shown = [p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)
             for p in (directory, path)]
    return name, f"{shown[1]}:{line} imports it so, with {shown[0]}/ on sys.path"
