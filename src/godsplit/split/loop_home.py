"""Where an unmapped top-level loop goes that fills what the mapping placed.

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


def loop_home(analysis: Analysis, unit_ids: Sequence[int],
              module_of: Mapping[int, str]) -> tuple[str, str] | None:
    """(module, the definition it follows) for a cluster made only of top-level loops
    that read placed definitions at import time; None otherwise."""
    units = [analysis.units[u] for u in unit_ids]
    if not units or not all(
            isinstance(analysis.module.body[s], (cst.For, cst.While))
            for unit in units for s in unit.stmts):
        return None
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
