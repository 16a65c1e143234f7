"""`godsplit retire`: remove a facade once nothing uses the old path.

Refused (the uses listed) while `migrate --check` finds a use of the old module. Then,
in one transaction: sibling layout, the old file is deleted; package layout, its
`__init__.py` keeps only its docstring and the code kept there on purpose (with the
imports that code reads), without re-exports, `__all__` or godsplit's machinery; the
split's `[[split]]` table leaves the config. Afterwards the new modules, and the project's
modules that name an old module anywhere, are imported in a fresh interpreter (as
before, with the same names), and every `from <new module> import name` in the project
must name a name that module binds; a failure rolls back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..files import read_source
from ..split import write
from ..split.analyze import analyze
from ..split.package_order import retire_finding
from ..split.project_walk import project_files
from ..split.style import Style, detect_style
from ..types import Config, FileChange, Finding, GodsplitError
from .by_name import contract, registered_by_name, registration_imports, with_registration
from .celery_app import Apps, app_block, app_findings, app_specs, apps_of, find_apps, kept_names
from .config_tables import drop_split_tables
from .core import _select, plan_migration, transaction
from .edit import Use
from .homes import Homes
from .imports import absolute, dotted
from .isort_fences import is_fence
from .probe import compare, importable, probe, probe_first, project_setup
from .retired_init import kept_units, plain_dunders, retired_init, unmarked
from .sorting import as_the_project_writes


@dataclass(frozen=True)
class Retired:
    """One split: what retiring it does, or why it is refused."""

    old_module: str
    facade: Path
    layout: str
    deleted: bool = False  # sibling layout: the old file is deleted
    kept: tuple[int, ...] = ()  # package layout: lines of the facade's code kept in __init__.py
    blocked: tuple[Use, ...] = ()  # uses left: refused
    # package layout: why `__init__.py` imports the new modules (a framework imports the
    # package by name for what they register), or ""
    registers: str = ""
    apps: str = ""  # package layout: the names kept for Celery's `-A` references, and why
    # package layout: what `__init__.py` keeps of the old module's head ("its docstring",
    # "its opening comments", both, or "": a module may have neither)
    head: str = ""
    findings: tuple[Finding, ...] = ()  # other reasons it is refused


@dataclass(frozen=True)
class RetireResult:
    splits: tuple[Retired, ...]
    written: bool = False
    rolled_back: bool = False
    findings: tuple[Finding, ...] = ()  # the import and name checks, the config edit
    recovered: str | None = None

    @property
    def refused(self) -> bool:
        return any(s.blocked or s.findings for s in self.splits)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def _style(path: Path) -> Style | None:
    try:
        return detect_style(path.parent)
    except GodsplitError:
        return None


def _renames(text: str, old: str) -> bool:
    """keep-module-name's code, or a task decorator's `__module__="<old>"` (transforms)."""
    return "_godsplit_keep_module" in text or re.search(
        rf"\b__module__=(['\"]){re.escape(old)}\1", text) is not None


def _plan(root: Path, h: Homes, uses: Sequence[Use], apps: Apps) -> tuple[Retired, FileChange]:
    facade = analyze(read_source(h.facade))
    kept = kept_units(facade)
    findings = []
    for module, path in zip(h.modules, h.paths, strict=True):
        if path.is_file() and _renames(path.read_text(errors="replace"), h.old_module):
            findings.append(Finding(
                "GS512", "error", f"{module} sets __module__ of its objects to {h.old_module} "
                "(keep-module-name): pickles and reprs name the old path, so it must stay",
                str(path), 1))
    if not findings and "_godsplit_keep_module" in facade.source.text:  # a package's, once
        findings.append(Finding(
            "GS512", "error", f"the facade sets __module__ of the new modules' objects to "
            f"{h.old_module} (keep-module-name): pickles and reprs name the old path, so it "
            "must stay", str(h.facade), 1))
    if h.layout.kind == "package" and (
            ordered := retire_finding(facade.source.text, h.facade)) is not None:
        findings.append(ordered)  # the facade's imports keep an order of registrations
    base = Retired(h.old_module, h.facade, h.layout.kind, blocked=tuple(uses))
    barred = contract(h.old_module, h.facade)
    findings += [barred] if barred is not None else []
    registered = registered_by_name(root, h.old_module, h.facade)
    if h.layout.kind == "sibling":
        code = [uid for uid in kept if not plain_dunders(facade, uid)]
        if code:
            lines = ", ".join(str(facade.units[uid].line) for uid in code)
            findings.append(Finding(
                "GS512", "error", f"the facade keeps code of its own (line {lines}): move it "
                "to a module, then retire", str(h.facade), facade.units[code[0]].line))
        if registered is not None:
            findings.append(Finding(
                "GS515", "error", f"{registered[0]} by its name "
                f"({registered[1].relative_to(root)}): deleting it would unregister what "
                "its new modules define; the facade must stay", str(h.facade), 1))
        return replace(base, deleted=True, findings=tuple(findings)), FileChange(h.facade, None)
    text = retired_init(facade, kept)
    style = _style(h.facade)
    named = next((r for r in apps.refs if r.old_module == h.old_module), None)
    if registered is None and named is not None:  # a worker must register the same tasks
        registered = f"Celery's `-A {named.spec}` imports this package", named.path
    names, refused, said = kept_names(apps.refs, h, apps.before, root)
    findings += refused
    if registered is not None:  # what a worker or Django imports by name must register
        text = with_registration(text, registration_imports(
            h.old_module, h.modules, style, h.facade, registered[0]) + ("\n" + app_block(
                names, apps.refs, h, root, style is None or style.enables("F401", h.facade),
                style.line_length if style is not None else 88) if names else ""))
    # as the project's sorter and formatter write it, where they accepted the facade
    text = as_the_project_writes(h.facade, facade.source.text, text, {})
    where = tuple(facade.units[uid].line for uid in kept)
    head = " and ".join(part for part, has in (
        ("its docstring", any(u.kind == "docstring" for u in facade.units)),
        ("its opening comments", any(line.comment and not is_fence(line.comment.value)
                                     for line in unmarked(facade.module.header))),
    ) if has).replace(" and its ", " and ")
    why = f"{registered[0]}: {registered[1].relative_to(root)}" if registered else ""
    shown = ", ".join(f"`{n}`" for n in names)
    return (replace(base, kept=where, head=head, findings=tuple(findings), registers=why,
                    apps=f"{shown} for {app_specs(apps.refs, h, root)}{said}" if names else ""),
            FileChange(h.facade, facade.source.encode(text)))


def name_check(config: Config, homes: Sequence[Homes], inits: dict[str, frozenset[str]]
               ) -> list[Finding]:
    """Every `from <new module> import name` in the project names a name bound there."""
    bound = {m: names for h in homes for m, names in h.bound.items()} | dict(inits)
    submodules = {m.rpartition(".")[0] for m in bound} | set(inits)
    words = {m.rpartition(".")[2].encode() for m in bound}
    findings = []
    for path in project_files(config.root):
        data = path.read_bytes()
        if not any(word in data for word in words):
            continue
        source = read_source(path)
        try:
            module = cst.parse_module(source.text)
        except cst.ParserSyntaxError:
            continue
        package = _package(path, homes)
        missing = []
        for node in _from_imports(module):
            name = absolute(len(node.relative), dotted(node.module), package)
            if name not in bound or isinstance(node.names, cst.ImportStar):
                continue
            for alias in node.names:
                wanted = dotted(alias.name)
                if wanted not in bound[name] and not (
                    name in submodules and f"{name}.{wanted}" in bound
                ):
                    missing.append((alias, f"{name} has no name {wanted!r}"))
        if missing:
            lines = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
            findings += [Finding("GS514", "error", text, str(path), lines[node].start.line)
                         for node, text in missing]
    return findings


def _mentions(config: Config, homes: Sequence[Homes]) -> list[Path]:
    """Other modules of the project that name an old module anywhere (a string, a comment):
    a use migrate cannot see would break them, so they are imported too."""
    own = {p.resolve() for h in homes for p in (h.facade, *h.paths)}
    words = [h.old_module.rpartition(".")[2].encode() for h in homes]
    found = []
    for path in project_files(config.root):
        if path.resolve() not in own and importable(path) and any(
            w in path.read_bytes() for w in words
        ):
            found.append(path)
    return found


def _inits(packages: Sequence[Homes]) -> dict[str, frozenset[str]]:
    """What each package-layout split's `__init__.py` binds (the old module's names)."""
    return {h.old_module: frozenset(analyze(read_source(h.facade)).binders) for h in packages}


def _package(path: Path, homes: Sequence[Homes]) -> str:
    from .scan import file_package

    return file_package(path, homes)


def _from_imports(module: cst.Module) -> list[cst.ImportFrom]:
    found: list[cst.ImportFrom] = []

    class _Visitor(cst.CSTVisitor):
        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            found.append(node)

    module.visit(_Visitor())
    return found


def retire(config: Config, sources: Sequence[Path] = (), hook: write.Hook | None = None
           ) -> RetireResult:
    recovered = write.recover(config.root)
    homes, _ = _select(config, sources)
    migration = plan_migration(config, homes, tidy=False)  # only its uses
    unread = next((n for n in migration.notes if n.code == "GS516"), None)
    if unread is not None:  # a use there would break: refused until it can be read
        raise GodsplitError("cannot read this directory: its modules may use the old paths; "
                            "make it readable, then retire", unread.path)
    planned = []
    changes = []
    setup = project_setup(config, [h.facade for h in homes])
    apps = apps_of(config, homes, setup)
    for h in homes:
        uses = [u for u in migration.uses if u.old_module == h.old_module]
        retired, change = _plan(config.root, h, uses, apps)
        planned.append(retired)
        changes.append(change)
    result = RetireResult(tuple(planned), recovered=recovered)
    if result.refused:
        return result
    indexes = {config.splits.index(h.split) for h in homes}
    notes = []
    config_change = drop_split_tables(config, indexes)
    if config_change is None:
        notes.append(Finding("GS510", "warning", "the [[split]] tables could not be removed "
                             "from the config: remove them by hand", str(config.path), 1))
    else:
        changes.append(config_change)
    held = write.snapshot(c.path for c in changes)  # an edit from now on: refused
    paths = [path for h in homes for path in h.paths] + _mentions(config, homes)
    moved = [m for h in homes for m in (h.old_module, *h.modules)]
    timeout = max(300, config.verify_timeout)  # every file in one interpreter
    tops = [h.import_root for h in homes]
    before, python = probe_first(config.root, paths, setup, moved, timeout, tops) \
        if config.verify_import else ({}, "")
    packages = [h for h in homes if h.layout.kind == "package"]
    broken = set(name_check(config, homes, _inits(packages)))  # already broken: not ours

    def verify() -> list[Finding]:
        after = probe(config.root, paths, setup, moved, python, timeout, tops) if before else {}
        found = compare(before, after, [], config.root,
                        "modules (new, or naming an old module)") if before else []
        if apps.refs and apps.before is not None:
            found += app_findings(apps.refs, apps.before, find_apps(
                apps.refs, homes, setup, apps.python), config.root)
        return found + [f for f in name_check(config, homes, _inits(packages)) if f not in broken]

    findings = transaction(config.root, changes, verify, hook, held)
    failed = any(f.severity == "error" for f in findings)
    return RetireResult(tuple(planned), not failed, failed, tuple(notes + findings), recovered)
