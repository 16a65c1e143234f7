"""`apply --rewrite-references`: point patch targets in the project at the new homes.

Rewrites, in the project's other Python files, `mock.patch("old.mod.name")`,
`mocker.patch(...)`, `monkeypatch.setattr("old.mod.name", ...)`, and
`patch.object(old_mod, "name")` / `monkeypatch.setattr(old_mod, "name", ...)` to the one
module whose code looks `name` up. A target that would need several modules, or that is
built at run time, is listed for a hand edit instead. Files that do not parse are left
untouched, with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..files import decode_source, named_module, run_package
from ..nesting import check_text
from ..types import FileChange, Finding, GodsplitError, Plan
from .autodiscovery import autodiscovery_findings
from .celery_names import task_names
from .facade_reads import FacadeReads, scan, stays_message
from .module_lists import relabel_listed
from .named_strings import LOGGER_CALLS, string_finding
from .parsing import not_parsed
from .patch_homes import home_reads, plan_lookups
from .project_walk import project_files
from .registered_reads import RegisteredReads
from .relative_ban import absolute_target

PATCHERS = frozenset({"patch", "setattr"})


@dataclass(frozen=True)
class Rewrite:
    path: Path
    line: int
    old: str
    new: str


def _call_name(func: cst.BaseExpression) -> tuple[str, bool]:
    """('patch'|'setattr'|'', is_object_form) for mock.patch, patch.object, monkeypatch.setattr."""
    if isinstance(func, cst.Attribute) and func.attr.value == "object":
        inner = func.value
        name = inner.attr.value if isinstance(inner, cst.Attribute) else getattr(inner, "value", "")
        return (name, True) if name == "patch" else ("", False)
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    if name == "setattr" and not isinstance(func, cst.Attribute):
        return ("", False)  # the builtin (see _Rewriter.builtin), not monkeypatch.setattr
    return (name, False) if name in PATCHERS else ("", False)


def _alias_name(alias: cst.ImportAlias) -> str | None:
    asname = alias.asname
    return asname.name.value if asname and isinstance(asname.name, cst.Name) else None


def _module_aliases(module: cst.Module, old: str, package: str = "") -> set[str]:
    """Expressions (as dotted text) that refer to the old module in this file."""
    return {alias for stmt in module.body if isinstance(stmt, cst.SimpleStatementLine)
            for small in stmt.body for alias in import_aliases(small, old, package)}


def import_aliases(small: cst.BaseSmallStatement, old: str, package: str = "") -> set[str]:
    """What an import statement binds to the old module (as dotted text): `old`, its `as`
    name, or its last part imported from its package (`from . import big` in `package`)."""
    aliases = set()
    parent, _, last = old.rpartition(".")
    if isinstance(small, cst.Import):
        for alias in small.names:
            if cst.helpers.get_full_name_for_node(alias.name) == old:
                aliases.add(_alias_name(alias) or old)
    elif isinstance(small, cst.ImportFrom) and (small.module or small.relative):
        name = cst.helpers.get_full_name_for_node(small.module) if small.module else None
        if small.relative:  # (only where the file's package is known)
            name = absolute_target(package, len(small.relative), name) if package else None
        if name != parent or isinstance(small.names, cst.ImportStar):
            return aliases
        for alias in small.names:
            if cst.helpers.get_full_name_for_node(alias.name) == last:
                aliases.add(_alias_name(alias) or last)
    return aliases


class _Rewriter(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, plan: Plan, lookups: Mapping[str, tuple[str, ...]], aliases: set[str],
                 path: Path, live: bool, positions: bool = True,
                 reads: FacadeReads | None = None) -> None:
        super().__init__()
        self.positions, self.reads = positions, reads
        self.plan, self.lookups, self.aliases, self.path = plan, lookups, aliases, path
        self.live = live  # the live facade forwards patches of the old module's names
        self.tasks = task_names(plan)
        self.members = {n for p in plan.placements for n in p.names} | set(plan.public_names)
        self.rewrites: list[Rewrite] = []
        self.hand: list[Finding] = []
        self.seen: set[int] = set()  # string nodes that are patch targets or logger names

    def _line(self, node: cst.CSTNode) -> int:
        """Where `node` starts; 0 in the first pass, without metadata, which only asks
        whether the file has anything to rewrite or report: most files searched have not,
        and positions cost twice the parse."""
        return self.get_metadata(PositionProvider, node).start.line if self.positions else 0

    def visit_Call(self, node: cst.Call) -> None:
        if _call_name(node.func)[0] and node.args:
            self.seen.add(id(node.args[0].value))
        func = node.func
        called = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        for arg in node.args:
            if called in LOGGER_CALLS or (arg.keyword is not None and arg.keyword.value == "logger"):
                self.seen.add(id(arg.value))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """LOGGING = {"loggers": {"pkg.mod": {...}}}: the keys are logger names."""
        key, value = node.key, node.value
        if isinstance(key, cst.SimpleString) and key.evaluated_value == "loggers" and isinstance(
            value, cst.Dict
        ):
            self.seen.update(id(e.key) for e in value.elements if isinstance(e, cst.DictElement))

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        """Names of the module or its tasks written as strings: settings, routes, beat."""
        value = original_node.evaluated_value
        if id(original_node) in self.seen or not isinstance(value, str):
            return updated_node
        finding = string_finding(value, self.plan, self.tasks, self.members, self.path,
                                 self._line(original_node))
        if finding is not None:
            self.hand.append(finding)
        return updated_node

    def _target(self, name: str, rest: str, line: int, shown: str) -> str | None:
        homes = self.lookups.get(name)
        if homes is None:
            return None
        where = self.reads.read(name) if self.reads and not rest else None
        if where is not None:  # other code reads it through the old module when it runs
            self.hand.append(Finding("GS210", "info" if self.live else "warning",
                                     stays_message(shown, where, self.live), str(self.path), line))
            return None
        if rest:  # an attribute of the object the facade gives, one object (round 30); no
            return None  # new module shares the name that would shadow it (GS106)
        if len(homes) > 1:
            if self.live:
                self.hand.append(Finding(
                    "GS210", "info", f"patch target {shown!r} stays: {name} is looked up in "
                    f"{', '.join(homes)}, and the live facade forwards the patch to each",
                    str(self.path), line))
            else:
                self.hand.append(Finding(
                    "GS210", "warning", f"patch target {shown!r}: {name} is looked up in "
                    f"{', '.join(homes)}; patch each of them by hand (or use facade = \"live\")",
                    str(self.path), line))
            return None
        return f"{homes[0]}.{name}{rest}"

    def _home_of(self, ref: str, name: str, line: int, what: str) -> cst.BaseExpression | None:
        """The module whose code looks `name` up, as an expression reached from `ref` (an
        alias of the old module: `old_mod.sub`); None, with a hand edit listed if needed,
        when there is nothing to change or it is not reachable from `ref`."""
        home = self._target(name, "", line, f"{ref}.{name}")
        if home is None:
            return None
        module, old = home.rpartition(".")[0], self.plan.old_module
        if not module.startswith(old + "."):
            self.hand.append(Finding(
                "GS210", "info" if self.live else "warning",
                f"{what} on {ref!r}: {name} is looked up in {module}, which this file does not "
                "import; " + ("the live facade forwards it" if self.live else "set it there by hand"),
                str(self.path), line))
            return None
        self.rewrites.append(Rewrite(self.path, line, f"{old}.{name}", home))
        return cst.parse_expression(ref + module[len(old):])

    def builtin(self, node: cst.Call, updated: cst.Call, line: int) -> cst.Call:
        """`setattr(old_mod, "name", value)` / `delattr(old_mod, "name")`: the module
        argument becomes the one module whose code looks `name` up."""
        ref = cst.helpers.get_full_name_for_node(node.args[0].value)
        attr = node.args[1].value if len(node.args) > 1 else None
        if ref is None or ref not in self.aliases or not isinstance(attr, cst.SimpleString):
            return updated
        name = attr.evaluated_value
        what = f"{cst.Module([]).code_for_node(node.func)}()"
        target = self._home_of(ref, name, line, what) if isinstance(name, str) else None
        if target is None:
            return updated
        return updated.with_changes(
            args=[updated.args[0].with_changes(value=target), *updated.args[1:]])

    def _assigned(self, node: cst.BaseExpression, updated: cst.BaseExpression,
                  what: str) -> cst.BaseExpression:
        """`old_mod.name = value` / `del old_mod.name`: set it where it is looked up."""
        if not isinstance(node, cst.Attribute) or not isinstance(updated, cst.Attribute):
            return updated
        ref = cst.helpers.get_full_name_for_node(node.value)
        if ref is None or ref not in self.aliases:
            return updated
        line = self._line(node)
        target = self._home_of(ref, node.attr.value, line, what)
        return updated if target is None else updated.with_changes(value=target)

    def leave_AssignTarget(
        self, original_node: cst.AssignTarget, updated_node: cst.AssignTarget
    ) -> cst.AssignTarget:
        return updated_node.with_changes(target=self._assigned(
            original_node.target, updated_node.target, "an assignment"))

    def leave_Del(self, original_node: cst.Del, updated_node: cst.Del) -> cst.Del:
        return updated_node.with_changes(target=self._assigned(
            original_node.target, updated_node.target, "del"))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if isinstance(func, cst.Name) and func.value in ("setattr", "delattr") and original_node.args:
            line = self._line(original_node)
            return self.builtin(original_node, updated_node, line)
        kind, object_form = _call_name(func)
        if not kind or not original_node.args:
            return updated_node
        line = self._line(original_node)
        first = original_node.args[0].value
        old = self.plan.old_module
        if isinstance(first, cst.SimpleString) and not object_form:
            value = first.evaluated_value
            if not isinstance(value, str) or not value.startswith(old + "."):
                return updated_node
            name, dot, rest = value[len(old) + 1:].partition(".")
            new = self._target(name, dot + rest, line, value)
            if new is None:
                return updated_node
            self.rewrites.append(Rewrite(self.path, line, value, new))
            quote = first.quote
            args = [updated_node.args[0].with_changes(value=cst.SimpleString(f"{quote}{new}{quote}")),
                    *updated_node.args[1:]]
            return updated_node.with_changes(args=args)
        if isinstance(first, (cst.FormattedString, cst.BinaryOperation, cst.ConcatenatedString)):
            text = cst.Module([]).code_for_node(first)
            if old in text:
                self.hand.append(Finding("GS211", "warning", f"patch target built at run time "
                                         f"({text}); rewrite it by hand", str(self.path), line))
            return updated_node
        ref = cst.helpers.get_full_name_for_node(first)
        if ref is None or ref not in self.aliases or len(original_node.args) < 2:
            return updated_node
        attr = original_node.args[1].value
        if not isinstance(attr, cst.SimpleString) or not isinstance(attr.evaluated_value, str):
            return updated_node
        name = attr.evaluated_value
        new = self._target(name, "", line, f"{ref}.{name}")
        if new is None:
            return updated_node
        self.rewrites.append(Rewrite(self.path, line, f"{old}.{name}", new))
        func = updated_node.func
        if object_form and isinstance(func, cst.Attribute):
            func = func.value  # patch.object(mod, "x", ...) -> patch("pkg.mod.x", ...)
        quote = attr.quote if attr.quote in ("'", '"') else '"'  # as the attribute's
        args = [cst.Arg(cst.SimpleString(f"{quote}{new}{quote}"), comma=updated_node.args[1].comma),
                *updated_node.args[2:]]
        return updated_node.with_changes(func=func, args=args)


def _may_have_hits(data: bytes, old: str) -> bool:
    """Cheap test before parsing: the module's name in a string, an object-form patch, an
    assignment to an attribute of the module (`big.x = ...`, `del big.x`), or the module
    imported under another name; or, the name not spelled, the module imported from its
    package (`from pkg import big`, `from . import big`) and patched or set by the object."""
    parent, _, last = old.rpartition(".")
    word = re.escape(last.encode())
    assigned = re.compile(rb"\b" + word + rb"\.\w+\s*=[^=]|\bdel\s+[\w.]*\b" + word + rb"\.")
    if old.encode() not in data:
        return bool(parent) and re.search(rb"\bfrom\s+(?:" + re.escape(parent.encode()) + (
            rb"|\.[\w.]*)\s+import\b"), data) is not None and (re.search(
                rb"(?:object|setattr|delattr)\(\s*" + word + rb"\s*,", data) is not None or (
                assigned.search(data) is not None))
    quoted = re.compile(rb"[\"']" + re.escape(old.encode()) + rb"[.\"']")
    aliased = re.compile(rb"\b" + word + rb"\s+as\s+\w")  # `import pkg.big as b`: `b.name = f`
    return bool(quoted.search(data)) or b"patch.object" in data or b"setattr(" in data or (
        b"delattr(" in data) or bool(assigned.search(data)) or bool(aliased.search(data))


@dataclass
class Found:
    """What the scan found for one split."""

    rewrites: list[Rewrite]
    findings: list[Finding]


def _rewrite(module: cst.Module, mine: Sequence[Plan], live: Collection[str], path: Path,
             reads: dict[str, FacadeReads]) -> tuple[cst.Module, dict[str, Found]]:
    """Each plan's patch targets in one file (by old module), and the file's new tree."""
    found: dict[str, Found] = {}
    for plan in mine:
        top = reads[plan.old_module].top if plan.old_module in reads else None
        package = run_package(path, () if top is None else (top,))
        args = (plan, plan_lookups(plan, reads), _module_aliases(module, plan.old_module, package),
                path, plan.old_module in live)
        first = _Rewriter(*args, positions=False, reads=reads.get(plan.old_module))
        module.visit(first)
        if not first.rewrites and not first.hand:
            continue
        rewriter = _Rewriter(*args, reads=reads.get(plan.old_module))
        module = MetadataWrapper(module, unsafe_skip_copy=True).visit(rewriter)
        found[plan.old_module] = Found(rewriter.rewrites, rewriter.hand)
    return module, found


def find_references(
    root: Path, plans: Sequence[Plan], exclude: set[Path], live: frozenset[str] = frozenset(),
    kept_names: frozenset[str] = frozenset(),
) -> tuple[dict[str, Found], list[FileChange]]:
    """Every rewrite `--rewrite-references` would make for each split (by old module), the
    hand edits, and the rewritten files. One walk reads each file once: what it reads
    through the old modules (all of it is needed before any rewrite: `facade_reads`), and
    the files that may have a patch target, kept until the walk ends and then parsed; the
    rewrites of several splits in one file are applied one after the other. Findings come
    in walk order (per file: its GS212 or GS214, then its rewrites' findings), then GS145,
    then unreadable directories. `live`: the old modules whose facade is live (it forwards
    patches); `kept_names`: those under keep-module-name (GS145 is about the others)."""
    found = {plan.old_module: Found([], []) for plan in plans}
    registered = RegisteredReads(plans, kept_names, root)
    reads = {plan.old_module: FacadeReads(plan.old_module, top=named_module(
        plan.source, plan.old_module)[1], tasks=task_names(plan)) for plan in plans}
    reads.update({m: r for p in plans for m, r in home_reads([n.dotted for n in p.modules], reads[
        p.old_module].top).items() if m not in reads})  # (round 31: as migrate does)
    changes: list[FileChange] = []
    unreadable: list[Path] = []  # (filled as the walk goes)
    walked: list[tuple[Path, bytes, list[Plan], list[tuple[str, Finding]]]] = []
    for path in project_files(root, unreadable):
        if path.resolve() in exclude:
            continue
        said: list[tuple[str, Finding]] = []  # this file's findings before its rewrites
        try:
            data = path.read_bytes()
        except OSError as exc:
            walked.append((path, b"", [], [(plan.old_module, Finding(
                "GS212", "warning", f"not searched for patch targets: {exc}", str(path), 1))
                for plan in plans]))
            continue
        scan(path, data, root, reads)
        registered.scan(path, data)
        said.extend(autodiscovery_findings(path, data, plans))
        mine = [p for p in plans if _may_have_hits(data, p.old_module)]
        if said or mine:
            walked.append((path, data if mine else b"", mine, said))
    for path, data, mine, said in walked:
        for old, finding in said:
            found[old].findings.append(finding)
        if not mine:
            continue
        source = None  # not this file's until it is decoded
        try:
            source = decode_source(data, path)
            check_text(source.text, path)  # before LibCST: minutes on a 20,000-term chain
            module = cst.parse_module(source.text)
            module, here = _rewrite(module, mine, live, path, reads)
            for old, what in here.items():
                found[old].rewrites.extend(what.rewrites)
                plan = next(p for p in mine if p.old_module == old)
                found[old].findings.extend(relabel_listed(module, plan, what.findings))
            if any(what.rewrites for what in here.values()):
                changes.append(FileChange(path, source.encode(module.code)))
        except (GodsplitError, cst.ParserSyntaxError, RecursionError) as exc:
            why, line = not_parsed(source, exc)
            for plan in mine:
                found[plan.old_module].findings.append(Finding(
                    "GS212", "warning", f"not searched for patch targets: {why}", str(path), line))
    for old, finding in registered.findings({p.old_module: p.source for p in plans}):
        found[old].findings.append(finding)
    for directory in unreadable:  # as migrate's GS516: a patch target there is not seen
        for plan in plans:
            found[plan.old_module].findings.append(Finding(
                "GS212", "warning", "not searched for patch targets: cannot read this "
                "directory (make it readable)", str(directory), 1))
    return found, changes
