"""Where each name of an applied split lives now, read from the split itself.

The facade (on disk, or in the plan for `apply --migrate`) names the new modules; each
new module's analysis says which names it defines (their home), which top-level names
its code looks up (where a patch must go), and which of its functions are Celery tasks.
The facade's own analysis says which names stayed in the old module, and where its
imports take them from. Nothing is guessed from names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst

from ..files import SourceText, decode_source, named_module, read_python, read_source
from ..split.analyze import Analysis, analyze
from ..split.celery_names import with_task_aliases
from ..split.facade import runtime_names
from ..split.facade_reads import EVERY, FacadeReads, Read
from ..split.layout import Layout, make_layout
from ..split.patch_homes import patch_homes, read_at_home
from ..split.render import MARKER
from ..split.transforms import task_decorator
from ..types import Config, GodsplitError, Plan, SplitConfig
from .imports import absolute, dotted


@dataclass(frozen=True)
class Homes:
    """One applied split, as `migrate` and `retire` see it."""

    split: SplitConfig
    layout: Layout
    modules: tuple[str, ...]  # dotted names of the new modules
    homes: Mapping[str, str]  # moved name -> the new module that defines it
    lookups: Mapping[str, tuple[str, ...]]  # name -> new modules whose code looks it up
    imported: Mapping[str, str]  # name the facade only imports -> the module it is from
    stays: frozenset[str]  # other names the facade binds itself: they stay
    tasks: frozenset[str]  # moved names that are Celery tasks
    bound: Mapping[str, frozenset[str]]  # new module -> every top-level name it binds
    # where the project hands the old module object on (`return mod`) or reads a name
    # through it known only at run time (`getattr(mod, name)`): patches of its names stay
    handed: Read | None = None
    # names the project's other files read through the old module: migrate points those
    # reads at the name's home, so a patch must go there too
    read_through: frozenset[str] = frozenset()
    # names read through the old module in ways migrate does not edit (`vars(mod)["x"]`,
    # `importlib.import_module("old").x`): patches of those names stay
    kept_reads: Mapping[str, Read] = field(default_factory=dict)
    # task -> the name its decorator's `name=` gives it in its new module (pinned by
    # godsplit or given by the source: a string naming it still matches the task)
    task_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def old_module(self) -> str:
        return self.layout.old_module

    @property
    def facade(self) -> Path:
        return self.layout.facade_path

    @property
    def import_root(self) -> Path:
        """The directory the old module's name puts on sys.path (`module-name`'s)."""
        return named_module(self.facade, self.old_module)[1]

    def new_home(self, name: str) -> str | None:
        """The module that gives `name` now: its new module, or the module the facade
        imports it from."""
        return self.homes.get(name) or self.imported.get(name)

    @property
    def paths(self) -> tuple[Path, ...]:
        """The new modules' files."""
        return tuple(_module_path(self.layout, m) for m in self.modules)

    def kept(self, name: str) -> bool:
        """`name` stays, bound by the facade's own code, which a package's `__init__.py`
        keeps when `retire` removes the facade (`__version__`; other code it refuses for,
        GS512): `pkg.old.name` still works after, so it is no use to edit (round 30:
        buku's `buku.__version__`, read by bukuserver and its tests, kept retire refused)."""
        return self.layout.kind == "package" and name in self.stays and name != "__all__" and (
            not _godsplit(name))

    def submodule(self, name: str) -> bool:
        """`name` is a new module reached as an attribute of the old one (package layout)."""
        return self.layout.kind == "package" and f"{self.old_module}.{name}" in self.modules

    def patch_homes(self, name: str, rest: str = "") -> tuple[str, ...]:
        """The modules a patch of `old.name<rest>` must go to: where the name is looked up;
        for an attribute of it (`rest`), the object itself, so any one module binding it."""
        found = self.lookups.get(name, ())
        if rest and found:
            return (self.homes.get(name, found[0]),)
        return patch_homes(found, self.homes.get(name), self.read_through, name)


def handed_on(homes: list[Homes], reads: Mapping[str, FacadeReads]) -> list[Homes]:
    """`homes`, each with what the project's other files read through its old module
    (`reads`, by old module: `facade_reads.scan` of every file but the splits' own) and
    where they hand it on. A name read at its home (`reads` by new module, if given) is
    read through too: a migrated read of the old module is one."""
    out = []
    for h in homes:
        where = reads[h.old_module].where
        at_home = read_at_home({m: reads[m] for m in h.modules if m in reads}, h.homes)
        out.append(replace(h, handed=where.get(EVERY), read_through=frozenset(
            n for n, r in where.items() if r.followed) | at_home, kept_reads={
            n: r for n, r in where.items() if not r.followed and n != EVERY}))
    return out


def facade_package(layout: Layout) -> str:
    return layout.old_module if layout.kind == "package" else layout.old_package


def _godsplit(name: str) -> bool:
    return name.lower().startswith("_godsplit")


def _new_modules(layout: Layout, facade: cst.Module) -> list[str]:
    """The new modules the facade imports from, in its order."""
    found: list[str] = []
    prefix = layout.new_package + "." if layout.new_package else ""

    class _Imports(cst.CSTVisitor):
        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            name = absolute(len(node.relative), dotted(node.module), facade_package(layout))
            if name and name.startswith(prefix) and "." not in name[len(prefix):] \
                    and name not in found:
                found.append(name)

    facade.visit(_Imports())
    return found


def _module_path(layout: Layout, name: str) -> Path:
    return layout.package_dir / f"{name.rpartition('.')[2]}.py"


def applied(config: Config, split: SplitConfig) -> Homes | None:
    """The split as it is on disk, or None if it has not been applied (or was retired)."""
    layout = make_layout(split, config.root)
    path = layout.facade_path
    if not path.is_file():
        return None
    facade = read_source(path)
    if MARKER not in facade.text:
        read_python(path)  # a facade edited into code that does not parse: say so, not
        return None        # "not applied" (a retired __init__.py parses)
    analysis = analyze(facade)
    sources = {}
    for name in _new_modules(layout, analysis.module):
        module_path = _module_path(layout, name)
        if module_path.is_file():
            sources[name] = read_source(module_path)
        elif not (module_path.with_suffix("") / "__init__.py").is_file():
            # (the uses would be pointed at a module that is not there)
            raise GodsplitError(f"the facade {path.parent.name}/{path.name} imports from "
                                f"{name}, which is not there: restore it (git restore) first",
                                module_path)
    return build(split, layout, analysis, sources)


def planned(config: Config, split: SplitConfig, plan: Plan) -> Homes:
    """The split as `plan` will write it (for `apply --migrate`)."""
    layout = make_layout(split, config.root)
    data = {change.path: change.data for change in plan.changes}
    facade_data = data.get(plan.facade)
    if facade_data is None:
        raise GodsplitError("the plan writes no facade", plan.facade)
    sources = {}
    for module in plan.modules:
        module_data = data.get(module.path)
        if module_data is None:  # already on disk with the same content
            sources[module.dotted] = read_source(module.path)
        else:
            sources[module.dotted] = decode_source(module_data, module.path)
    return build(split, layout, analyze(decode_source(facade_data, plan.facade)), sources)


def build(
    split: SplitConfig, layout: Layout, facade: Analysis, sources: Mapping[str, SourceText]
) -> Homes:
    homes: dict[str, str] = {}
    readers: dict[str, list[str]] = {}
    bound_in: dict[str, list[str]] = {}
    bound_by: dict[str, set[str]] = {}
    tasks: set[str] = set()
    task_names: dict[str, str] = {}
    for module, source in sources.items():
        analysis = analyze(source)
        decorators = with_task_aliases(split, analysis.module, analysis.path).task_decorators
        for unit in analysis.units:
            names = unit.binds | {r.name for r in unit.reads}
            if any(_godsplit(n) for n in names):
                continue  # godsplit's own machinery (keep-module-name, hand-over)
            if unit.kind == "definition":
                for name in unit.binds:
                    homes.setdefault(name, module)
                for index in unit.stmts:
                    stmt = analysis.module.body[index]
                    task = task_decorator(stmt, decorators) if isinstance(
                        stmt, cst.FunctionDef) else None
                    if isinstance(stmt, cst.FunctionDef) and task is not None:
                        tasks.add(stmt.name.value)
                        if (given := _given_name(task)) is not None:
                            task_names[stmt.name.value] = given
            if unit.kind in ("import", "type_checking", "docstring", "future"):
                continue
            for read in unit.reads:
                if read.name in analysis.binders:
                    found = readers.setdefault(read.name, [])
                    if module not in found:
                        found.append(module)
        bound_by[module] = set(analysis.binders)
        for name in analysis.binders:
            bound_in.setdefault(name, []).append(module)
    lookups = {}
    for name in bound_in:
        where = readers.get(name) or ([homes[name]] if name in homes else [])
        if where:
            lookups[name] = tuple(sorted(where))
    kept = [n for n in runtime_names(facade) if n not in homes and not _godsplit(n)]
    imported = _imported(facade, layout)
    return Homes(split, layout, tuple(sources), homes, lookups,
                 {n: imported[n] for n in kept if imported.get(n)},
                 frozenset(n for n in kept if not imported.get(n)), frozenset(tasks),
                 {m: frozenset(names) for m, names in bound_by.items()}, task_names=task_names)


def _given_name(decorator: cst.Decorator) -> str | None:
    """The string a task decorator's `name=` gives (`@shared_task(name="app.send")`)."""
    call = decorator.decorator
    for arg in call.args if isinstance(call, cst.Call) else ():
        if arg.keyword is not None and arg.keyword.value == "name" and isinstance(
                arg.value, cst.SimpleString):
            value = arg.value.evaluated_value
            return value if isinstance(value, str) else None
    return None


def _imported(facade: Analysis, layout: Layout) -> dict[str, str]:
    """Names the facade binds only by one `from m import name` (at run time): name -> m.
    A name bound twice (`try: from a import x` / `except: from b import x`), or also
    bound by the facade's own code, maps to "" (it stays)."""
    origin: dict[str, str] = {}
    for unit in facade.units:
        if unit.kind == "type_checking":
            continue
        for index in unit.stmts:
            for node in _imports(facade.module.body[index]) if unit.kind == "import" else []:
                if isinstance(node, cst.Import) or isinstance(node.names, cst.ImportStar):
                    module = ""
                    names = [] if isinstance(node, cst.ImportFrom) else [
                        dotted(a.asname.name) if a.asname else dotted(a.name).partition(".")[0]
                        for a in node.names]
                    for name in names:
                        origin[name] = ""
                    continue
                module = absolute(len(node.relative), dotted(node.module),
                                  facade_package(layout)) or ""
                for alias in node.names:
                    asname = alias.asname.name if alias.asname else None
                    name = dotted(asname) if asname else dotted(alias.name)
                    origin[name] = module if name not in origin and module != "__future__" else ""
            if unit.kind != "import":
                for name in unit.binds:
                    origin[name] = ""
    return origin


def link(all_homes: list[Homes]) -> list[Homes]:
    """A name one split's facade imports from another split's old module lives where that
    split moved it."""
    by_module = {h.old_module: h for h in all_homes}
    linked = []
    for h in all_homes:
        imported = {}
        for name, module in h.imported.items():
            other = by_module.get(module)
            imported[name] = other.new_home(name) or module if other is not None else module
        linked.append(replace(h, imported=imported))
    return linked


def _imports(stmt: cst.CSTNode) -> list[cst.Import | cst.ImportFrom]:
    found: list[cst.Import | cst.ImportFrom] = []

    class _Visitor(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> None:
            found.append(node)

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            found.append(node)

    stmt.visit(_Visitor())
    return found


def applied_splits(
    config: Config, splits: tuple[SplitConfig, ...]
) -> tuple[list[Homes], list[SplitConfig]]:
    """The applied splits among `splits`, and those not applied (or already retired)."""
    done: list[Homes] = []
    pending: list[SplitConfig] = []
    for split in splits:
        homes = applied(config, split)
        if homes is None:
            pending.append(split)
        else:
            done.append(homes)
    return link(done), pending
