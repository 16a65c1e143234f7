"""GS143: a string in the project spells a moved class's or function's old qualified name
inside other text.

alembic 1.20.1's `test_replace_error` expects the message "Can not set dispatch function for
object <class 'alembic.operations.ops.CreateTableOp'>: ...": the repr of a class names its
`__module__`, which a split changes to the new module's unless `keep-module-name` is set.
The import check compares names, kinds and signatures, not reprs, so that split said
verified and one test failed. A string that is only a dotted path (`"old.Name"`: a patch
target, a setting, a logger name) still finds the object through the facade (GS213,
GS215); a string that holds `old.Name` among other text (`<class 'old.Name'>`,
`"old.Name object at"`, an expected message) is what code or a test compares against a
repr or an error message, and that changes. Docstrings are not counted (Sphinx roles look
the name up). Each such string is a warning, unless keep-module-name is set.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..files import module_name_for, read_source
from ..nesting import check_text
from ..types import FACADE, Config, Finding, GodsplitError, Plan
from .references import project_files

_DEFINED = re.compile(r"^(?:async[ \t]+def|def|class)[ \t]+(\w+)", re.M)
_DOTTED = re.compile(r"[\w.]+")


def defined_names(text: str) -> frozenset[str]:
    """The classes and functions a module's text defines at its top level."""
    return frozenset(_DEFINED.findall(text))


def _pattern(old: str, names: Collection[str]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.]){re.escape(old)}\.({words})(?!\w)")


class _Strings(cst.CSTVisitor):
    """The string literals of a file (and f-strings' text parts), with their lines, but
    not docstrings."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.docstrings: set[int] = set()
        self.found: list[tuple[int, str]] = []

    def visit_Expr(self, node: cst.Expr) -> None:
        if isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self.docstrings.add(id(node.value))

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        return id(node) not in self.docstrings

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if id(node) not in self.docstrings and isinstance(value, str):
            self.found.append((self.get_metadata(PositionProvider, node).start.line, value))

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.found.append((self.get_metadata(PositionProvider, node).start.line, node.value))


def _hits(path: Path, pattern: re.Pattern[str]) -> Iterator[tuple[int, str, str]]:
    """(line, string, name) of each string literal in `path` spelling `old.Name` among other
    text (not a dotted path alone)."""
    source = read_source(path)
    if not pattern.search(source.text):
        return
    check_text(source.text, path)  # before LibCST: minutes on a 20,000-term chain
    visitor = _Strings()
    MetadataWrapper(cst.parse_module(source.text), unsafe_skip_copy=True).visit(visitor)
    for line, value in visitor.found:
        match = pattern.search(value)
        if match and not _DOTTED.fullmatch(value.strip()):
            yield line, value, match.group(1)


def spelled_findings(plan: Plan, files: Collection[Path], moved: Mapping[str, str]
                     ) -> list[Finding]:
    """GS143 for each string of `files` that spells `plan.old_module.Name` among other
    text, for the moved classes and functions `moved` (name -> new dotted module)."""
    if not moved:
        return []
    pattern = _pattern(plan.old_module, moved)
    out = []
    for path in files:
        try:
            hits = list(_hits(path, pattern))
        except (OSError, GodsplitError, cst.ParserSyntaxError, RecursionError, ValueError):
            continue  # the patch-target scan reports files it cannot read (GS212)
        for line, value, name in hits:
            shown = value if len(value) <= 80 else value[:77] + "..."
            out.append(Finding(
                "GS143", "warning", f"{shown!r} spells {plan.old_module}.{name} among other "
                f"text (a repr or a message naming it?): after the split {name} reports "
                f"{moved[name]}.{name} (its __module__), so a repr, an error message or a "
                "pickle naming it changes; set `keep-module-name = true` to keep the old "
                "name", str(path), line))
    return out


def moved_definitions(plan: Plan, source_text: str) -> dict[str, str]:
    """The top-level classes and functions of the source the plan moves -> new dotted
    module."""
    dotted = {m.name: m.dotted for m in plan.modules}
    defined = defined_names(source_text)
    return {name: dotted[p.module] for p in plan.placements if p.module != FACADE
            and p.module in dotted for name in p.names if name in defined}


def spelled_in_project(config: Config, plans: Sequence[Plan], exclude: Collection[Path]
                       ) -> dict[str, list[Finding]]:
    """GS143 for each plan whose split does not keep the module name, by old module: the
    project's Python files but `exclude` (the sources and the files the splits write)."""
    keep = {s.source.resolve() for s in config.splits if s.keep_module_name}
    out: dict[str, list[Finding]] = {}
    files: list[Path] | None = None
    for plan in plans:
        if plan.source.resolve() in keep:
            continue
        try:
            moved = moved_definitions(plan, read_source(plan.source).text)
        except (OSError, GodsplitError):
            continue
        if not moved:
            continue
        if files is None:
            files = [p for p in project_files(config.root) if p.resolve() not in exclude]
        out[plan.old_module] = spelled_findings(plan, files, moved)
    return out


def spelled_anywhere(root: Path, source: Path, text: str) -> int:
    """How many strings of the project's other Python files spell one of the source's
    classes and functions by its old qualified name among other text (GS143 if all moved):
    suggest keeps the module name for them."""
    old = module_name_for(source)[0]
    names = defined_names(text)
    if not old or not names:
        return 0
    pattern = _pattern(old, names)
    count = 0
    for path in project_files(root):
        if path.resolve() == source.resolve():
            continue
        try:
            count += sum(1 for _ in _hits(path, pattern))
        except (OSError, GodsplitError, cst.ParserSyntaxError, RecursionError, ValueError):
            continue
    return count
