"""Where an unmapped top-level loop goes that fills what the mapping placed (and a
statement that changes a placed definition: `change_home`).

pyasn1's BER decoder fills one registry from another at import time:

    for typeDecoder in TAG_MAP.values():
        if typeDecoder.protoComponent is not None:
            typeId = typeDecoder.protoComponent.__class__.typeId
            ...
                TYPE_MAP[typeId] = typeDecoder

The loop binds only its variable and what its body assigns, which nothing else reads. A
person mapping the file maps `TAG_MAP` and `TYPE_MAP`, never `typeId`; the loop was GS102
("not mapped and not used by any mapped definition"). It must run after what it reads,
so it goes where the latest of the placed definitions it reads at import time goes, as
a statement that binds nothing (`TYPE_MAP[k] = v`) joins the latest definition it
touches. Its loop variables go with it (the facade still exports them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from .analyze import Analysis


def follow_home(analysis: Analysis, unit_ids: Sequence[int], module_of: Mapping[int, str],
                default: bool) -> tuple[str, str] | None:
    """(module, why) for an unmapped cluster nothing uses that must follow what it reads:
    statements changing a placed definition always (see `change_home`), loops only when
    there is no `default` to take them."""
    if home := change_home(analysis, unit_ids, module_of):
        return home[0], f"changes {home[1]}, which goes there"
    if not default and (home := loop_home(analysis, unit_ids, module_of)):
        return home[0], f"a top-level loop reading {home[1]}, which goes there"
    return None


def loop_home(analysis: Analysis, unit_ids: Sequence[int],
              module_of: Mapping[int, str]) -> tuple[str, str] | None:
    """(module, the definition it follows) for a cluster made only of top-level loops
    that read placed definitions at import time; None otherwise."""
    units = [analysis.units[u] for u in unit_ids]
    if not units or not all(
            isinstance(analysis.module.body[s], (cst.For, cst.While))
            for unit in units for s in unit.stmts):
        return None
    return _latest_read(analysis, unit_ids, module_of)


def change_home(analysis: Analysis, unit_ids: Sequence[int],
                module_of: Mapping[int, str]) -> tuple[str, str] | None:
    """(module, the definition it follows) for a cluster made only of statements that
    change an attribute or an item (`f.__signature__ = (sig := signature(f)).replace(...)`:
    hypothesis' `characters`), placed before any `default`: what binds such a statement is
    a by-product (the walrus' `sig`), what it changes must change in that module, at that
    point; None otherwise."""
    units = [analysis.units[u] for u in unit_ids]
    if not units or not all(_changes(analysis.module.body[s])
                            for unit in units for s in unit.stmts):
        return None
    return _latest_read(analysis, unit_ids, module_of)


def _changes(stmt: cst.CSTNode) -> bool:
    """A simple statement assigning to an attribute or an item (`x.a = v`, `X[k] += v`)."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
        elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
            targets = [small.target]
        else:
            continue
        if any(isinstance(t, (cst.Attribute, cst.Subscript)) for t in targets):
            return True
    return False


def _latest_read(analysis: Analysis, unit_ids: Sequence[int],
                 module_of: Mapping[int, str]) -> tuple[str, str] | None:
    units = [analysis.units[u] for u in unit_ids]
    own = set(unit_ids)
    latest: tuple[int, str] | None = None
    for unit in units:
        for read in unit.reads:
            if not read.import_time:
                continue
            for provider in analysis.binders.get(read.name, ()):
                if provider in own or provider not in module_of or provider > min(own):
                    continue
                if analysis.units[provider].kind != "definition":
                    continue
                if latest is None or provider > latest[0]:
                    latest = (provider, read.name)
    if latest is None:
        return None
    return module_of[latest[0]], latest[1]
