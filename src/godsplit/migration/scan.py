"""Find the uses of an old module in one file: its imports, and the names read through it.

`from old import A, B as C` becomes one import per new module (aliases and comments
kept); `import old` / `import old as o` / `from pkg import old` (also relative, inside
functions, under TYPE_CHECKING) are followed, through LibCST's scope analysis, to every
`old.A`, which then names the new module, imported in the same place. Patch targets and
strings are `patch`'s. Names that stay in the old module, star imports and the
module object used as such are left alone and listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import libcst as cst

from ..files import SourceText, run_package
from ..nesting import check_text
from ..split.parsing import parse
from ..split.type_comments import comment_types
from .edit import Context
from .homes import Homes
from .imports import (
    Alias,
    FromImport,
    PlainImport,
    Statement,
    Style,
    absolute,
    dotted,
    fresh,
    joined,
    read_from,
    relative_to,
    replacement,
)
from .indent import indent_width
from .patch import scan_calls


@dataclass
class Binding:
    """A name bound to an old module by an import, and what is done with its uses."""

    homes: Homes
    small: cst.Import | cst.ImportFrom
    alias: cst.ImportAlias
    form: Literal["dotted", "as", "from"]
    bound: str
    relative: bool
    rest: tuple[str, ...] = ()  # a package above the old module: `import pkg` + `pkg.old.A`
    moves: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # access -> module
    bare: list[cst.CSTNode] = field(default_factory=list)
    keep: bool = False


@dataclass
class Fate:
    keep: bool  # the alias stays in its statement
    statements: list[Statement]


def file_package(path: Path, homes: Sequence[Homes] = ()) -> str:
    return run_package(path, [h.import_root for h in homes])


def scan(source: SourceText, homes: list[Homes], style: Style) -> Context:
    """Every use of the old modules of `homes` in one file, and the edits that migrate it."""
    check_text(source.text, source.path)  # before LibCST: minutes on a 20,000-term chain
    ctx = Context(source.path, parse(source), file_package(source.path, homes), homes, style)
    fates: dict[int, Fate] = {}
    bindings: list[Binding] = []
    lines: dict[int, cst.SimpleStatementLine] = {}
    for line in ctx.import_lines:
        for small in line.body:
            if isinstance(small, cst.ImportFrom):
                _from_import(ctx, small, fates, bindings)
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    full = dotted(alias.name)
                    if alias.asname is None and any(full in h.modules for h in homes):
                        # (round 30) `import new.mod` already here: no second one is written
                        ctx.present.setdefault((id(ctx.parents.get(line)), full), line)
                    for h in homes:
                        if full == h.old_module or h.old_module.startswith(full + "."):
                            asname = alias.asname.name if alias.asname else None
                            bindings.append(Binding(
                                h, small, alias, "as" if asname else "dotted",
                                dotted(asname) if asname else full, False,
                                _rest(h.old_module, full)))
            lines[id(small)] = line
    bindings += _through_a_sibling(ctx, bindings)
    for binding in bindings:
        _accesses(ctx, binding)
    scan_calls(ctx)
    exported = _dunder_all(ctx.module)
    typed = comment_types(source.text) if bindings else []
    for binding in bindings:
        fate = _finish(ctx, binding, exported, typed)
        if not fate.keep or fate.statements:
            fates[id(binding.alias)] = fate
    touched: dict[int, cst.SimpleStatementLine] = {}
    for line in lines.values():
        for small in line.body:
            names = small.names if isinstance(small, (cst.Import, cst.ImportFrom)) else ()
            if not isinstance(names, cst.ImportStar) and any(id(a) in fates for a in names):
                touched[id(line)] = line
    for line in touched.values():
        ctx.edits.lines[id(line)] = _rebuild(ctx, line, fates)
    return ctx


def _target(ctx: Context, module: str, relative: bool) -> tuple[int, str]:
    """How to write `module` in a from-import: relative like the original, if it can be."""
    if relative:
        found = relative_to(module, ctx.package)
        if found is not None:
            return found
    return 0, module


def _from_import(
    ctx: Context, small: cst.ImportFrom, fates: dict[int, Fate], bindings: list[Binding]
) -> None:
    name = absolute(len(small.relative), dotted(small.module), ctx.package)
    for h in ctx.homes:
        if name == h.old_module:
            if isinstance(small.names, cst.ImportStar):
                ctx.use(small, h, "*", "star", None, False, "star import: left alone")
                continue
            for node, alias in zip(small.names, read_from(small).aliases, strict=True):
                home = h.new_home(alias.name)
                if home is not None:
                    dots, module = _target(ctx, home, bool(small.relative))
                    fates[id(node)] = Fate(False, [FromImport(dots, module, (alias,))])
                    ctx.use(node, h, alias.name, "import", home, True)
                elif not h.submodule(alias.name) and not h.kept(alias.name):
                    ctx.use(node, h, alias.name, "stays", None, False, _stays(h, alias.name))
        if name and not isinstance(small.names, cst.ImportStar) and (
            h.old_module.startswith(name + ".")
        ):
            for node in small.names:
                full = f"{name}.{dotted(node.name)}"
                if full == h.old_module or h.old_module.startswith(full + "."):
                    asname = node.asname.name if node.asname else None
                    bindings.append(Binding(h, small, node, "from",
                                            dotted(asname) if asname else dotted(node.name),
                                            bool(small.relative), _rest(h.old_module, full)))


def _rest(old: str, bound: str) -> tuple[str, ...]:
    """The attributes from what an import binds down to the old module."""
    return tuple(old[len(bound) + 1:].split(".")) if old != bound else ()


def _stays(h: Homes, name: str) -> str:
    if name in h.stays:
        return "stays in the old module: left alone"
    return "not a name the old module binds: left alone"


def _through_a_sibling(ctx: Context, bindings: list[Binding]) -> list[Binding]:
    """`import pkg.sub.other` binds `pkg` and `pkg.sub` too: `pkg.sub.old.A` (and
    `importlib.reload(pkg.sub.old)`) reaches the old module through it, imported elsewhere
    (pagure's tests reload `pagure.lib.tasks` after `import pagure.lib.tasks_mirror`).
    LibCST gives such an access to the longest dotted name imported: one binding for
    each (the first import binding it), unless an import of that very name has one."""
    found: list[Binding] = []
    for line in ctx.import_lines:
        for small in line.body:
            if not isinstance(small, cst.Import):
                continue
            for alias in small.names:
                parts = dotted(alias.name).split(".")
                for h in ctx.homes:
                    above = [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)
                             if h.old_module.startswith(".".join(parts[:i]) + ".")]
                    if alias.asname is None and above and not any(
                            b.homes is h and b.form == "dotted" and b.bound == above[0]
                            for b in (*bindings, *found)):
                        found.append(Binding(h, small, alias, "dotted", above[0], False,
                                             _rest(h.old_module, above[0])))
    return found


def _is_store(ctx: Context, node: cst.Attribute) -> bool:
    parent = ctx.parents.get(node)
    if isinstance(parent, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)):
        return parent.target is node
    while isinstance(parent, (cst.Tuple, cst.List, cst.Element)):
        parent = ctx.parents.get(parent)
    return isinstance(parent, cst.Del)


def _accesses(ctx: Context, b: Binding) -> None:
    scope = ctx.scopes.get(b.small)
    if scope is None:
        return
    h = b.homes
    for assignment in scope.assignments:
        if getattr(assignment, "node", None) is not b.small or assignment.name != b.bound:
            continue
        for access in assignment.references:
            node = _down(ctx, access.node, b.rest)
            if node is None:
                continue  # `pkg.other`: not the old module
            parent = ctx.parents.get(node)
            if not (isinstance(parent, cst.Attribute) and parent.value is node):
                ctx.access[id(node)] = (h, b.bound)
                b.bare.append(node)
                continue
            name = parent.attr.value
            if h.submodule(name):
                b.keep = True
            elif _is_store(ctx, parent):
                where = h.lookups.get(name, ())
                if len(where) == 1:
                    b.moves.append((node, where[0]))
                    ctx.use(parent, h, name, "attribute", where[0], True)
                else:
                    b.keep = True
                    ctx.use(parent, h, name, "attribute", None, False,
                            f"assigned through the old module; looked up in "
                            f"{', '.join(where) or 'no new module'}: edit by hand")
            elif h.new_home(name) is not None:
                home = h.new_home(name)
                assert home is not None
                b.moves.append((node, home))
                ctx.use(parent, h, name, "attribute", home, True)
            else:
                b.keep = True
                if not h.kept(name):
                    ctx.use(parent, h, name, "stays", None, False, _stays(h, name))


def _down(ctx: Context, node: cst.CSTNode, rest: tuple[str, ...]) -> cst.CSTNode | None:
    """From a package's name down `rest` (`pkg` -> `pkg.old`): the node naming the old
    module, or None if this access goes elsewhere."""
    for name in rest:
        parent = ctx.parents.get(node)
        if not (isinstance(parent, cst.Attribute) and parent.value is node
                and parent.attr.value == name):
            return None
        node = parent
    return node


def _dunder_all(module: cst.Module) -> set[str]:
    names: set[str] = set()
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, (cst.Assign, cst.AugAssign)) and "__all__" in _targets(small):
                    value = small.value
                    if isinstance(value, (cst.List, cst.Tuple)):
                        names |= {e.value.evaluated_value for e in value.elements
                                  if isinstance(e.value, cst.SimpleString)
                                  and isinstance(e.value.evaluated_value, str)}
    return names


def _targets(small: cst.Assign | cst.AugAssign) -> set[str]:
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
    return {t.value for t in targets if isinstance(t, cst.Name)}


def _finish(ctx: Context, b: Binding, exported: set[str], typed: Sequence[str] = ()) -> Fate:
    """What becomes of the binding's import. `typed`: the file's type comments; one that
    reads a name through the binding (`# type: (old.A) -> None`) keeps the import, as mypy
    reads it, and is a use left to edit by hand."""
    h = b.homes
    if any(re.search(rf"(?<![\w.]){re.escape(b.bound)}\.", t) for t in typed):
        b.keep = True
        ctx.use(b.alias, h, "", "module", None, False,
                "a type comment reads a name through it: the import stays; edit it by hand")
    for node in b.bare:
        if id(node) in ctx.moved:
            b.moves.append((node, ctx.moved[id(node)]))
        elif id(node) not in ctx.consumed:
            b.keep = True
            if id(node) not in ctx.reported:
                ctx.use(node, h, "", "module", None, False,
                        "the module object itself is used here: edit by hand")
    if b.rest:
        b.keep = True  # the package's own import stays; the new modules are imported beside
    elif not b.moves and not b.bare and not b.keep:
        return _side_effect(ctx, b, exported)
    statements: list[Statement] = []
    refs: dict[str, str] = {}
    line = ctx.parents.get(b.small)
    block = id(ctx.parents.get(line)) if line is not None else 0
    for _, module in b.moves:
        if module in refs:
            continue
        if (block, module) in ctx.refs:  # another binding in this block imports it already
            refs[module] = ctx.refs[(block, module)]
            continue
        above = ctx.present.get((block, module))
        if above is not None and line is not None and ctx.line(above) <= ctx.line(line):
            refs[module] = ctx.refs[(block, module)] = module  # `import new.mod` above it
            continue
        parent, _, last = module.rpartition(".")
        if b.form == "dotted" and (module.partition(".")[0] == b.bound.partition(".")[0]
                                   or module.partition(".")[0] not in ctx.taken):
            refs[module] = ctx.refs[(block, module)] = module
            statements.append(PlainImport(module))
            continue
        alias = fresh([last, f"{b.bound.replace('.', '_')}_{last}"], ctx.taken)
        dots, base = _target(ctx, parent, b.relative)
        refs[module] = ctx.refs[(block, module)] = alias
        statements.append(FromImport(dots, base, (Alias(last, alias if alias != last else None),)))
    for node, module in b.moves:
        ctx.edits.exprs[id(node)] = cst.parse_expression(refs[module])
    return Fate(b.keep, statements)


def _side_effect(ctx: Context, b: Binding, exported: set[str]) -> Fate:
    """An old module imported and never used here: imported for what importing it does
    (tasks, signals, registries), so every new module is imported in its place."""
    h = b.homes
    top = h.old_module.partition(".")[0]
    clash = [m for m in h.modules if m.partition(".")[0] != top and m.partition(".")[0] in ctx.taken]
    if ctx.path.name == "__init__.py" or b.bound in exported or clash or (
        b.form != "dotted" and top in ctx.taken and top != b.bound):
        ctx.use(b.alias, h, "", "module", None, False,
                "imported for its side effects or re-exported from here: edit by hand")
        return Fate(True, [])
    line = ctx.parents.get(b.small)
    block = id(ctx.parents.get(line)) if line is not None else 0
    given = [m for m in h.modules if (block, m) in ctx.present]
    if b.form == "dotted" and b.alias.asname is None and given:
        # (round 31) `import old` beside `import old.new`, which binds the same name and
        # imports the package too: nothing to replace it with (buku, after a hand edit:
        # seven more new modules were imported in its place)
        ctx.use(b.alias, h, "", "module", given[0], True,
                f"`import {given[0]}` here binds the same name: this import is dropped")
        return Fate(False, [])
    ctx.use(b.alias, h, "", "module", ", ".join(h.modules), True,
            "imported for what importing it does: imports every new module instead")
    missing = [m for m in h.modules if (block, m) not in ctx.refs and (block, m) not in ctx.present]
    ctx.refs.update({(block, m): m for m in missing})
    return Fate(False, [PlainImport(m) for m in missing])


def _rebuild(
    ctx: Context, line: cst.SimpleStatementLine, fates: dict[int, Fate]
) -> list[cst.SimpleStatementLine]:
    parts: list[Statement | str] = []
    for small in line.body:
        names = small.names if isinstance(small, (cst.Import, cst.ImportFrom)) else ()
        if isinstance(names, cst.ImportStar) or not any(id(a) in fates for a in names):
            parts.append(ctx.code(small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)))
            continue
        if isinstance(small, cst.Import):
            for alias in small.names:
                fate = fates.get(id(alias))
                if fate is None or fate.keep:
                    asname = alias.asname.name if alias.asname else None
                    parts.append(PlainImport(dotted(alias.name), dotted(asname) if asname else None))
                parts.extend(fate.statements if fate else [])
            continue
        assert isinstance(small, cst.ImportFrom)
        original = read_from(small)
        kept = [a for node, a in zip(names, original.aliases, strict=True)
                if id(node) not in fates or fates[id(node)].keep]
        groups: dict[tuple[int, str], FromImport] = {}
        if kept:
            groups[(original.dots, original.module)] = FromImport(
                original.dots, original.module, tuple(kept), original.head, original.tail)
        for node in names:
            for statement in fates[id(node)].statements if id(node) in fates else []:
                if isinstance(statement, FromImport) and (statement.dots, statement.module) in groups:
                    key = (statement.dots, statement.module)
                    groups[key] = FromImport(key[0], key[1],
                                             groups[key].aliases + statement.aliases,
                                             groups[key].head, groups[key].tail)
                elif isinstance(statement, FromImport):
                    first = not groups
                    groups[(statement.dots, statement.module)] = FromImport(
                        statement.dots, statement.module, statement.aliases,
                        original.head if first else None, original.tail if first else ())
                else:
                    parts.append(statement)
        parts.extend(groups.values())
    if len(line.body) == 1 and all(not isinstance(p, str) for p in parts):
        return replacement(line, [p for p in parts if not isinstance(p, str)], ctx.style,
                           indent_width(ctx.module, ctx.parents, line))
    return [joined(line, parts, ctx.style)] if parts else []
