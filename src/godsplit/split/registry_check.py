"""GS419: the contents of the registries code fills at import time from several
modules, before and after the split.

dill's `Pickler.dispatch` is filled by `@register(T)` decorators all over `_dill.py`; two
of them (`save_classobj` under `ClassType`, `save_type` under `TypeType`) register under
one key, `type`, and in the source the later wins. Split, the modules register in the
order they are imported, not in source order, and `save_classobj` wins: every name and
signature is the same, but pickling a class recurses. The plan can only warn of it (GS218:
it does not know the keys' values); the import check reads the registries the plan names
(the object itself when a dict, list or set, and the dicts, lists and sets it holds as
attributes: `probe.registries`) before and after, and compares their entries: key -> the
qualified name of the value (a moved module's name normalised, so `__module__` may change).
"""

from __future__ import annotations

from ..types import Finding, Plan
from .verify import Snapshot


def filled(plan: Plan) -> tuple[str, ...]:
    """The module-level names the plan says code fills at import time from several modules
    (GS218; GS153 where the facade imports the modules in source order)."""
    out: list[str] = []
    for finding in plan.findings:
        if finding.code == "GS218" or (finding.code == "GS153" and finding.message.startswith(
                "code run at import time changes '")):
            parts = finding.message.split("'")
            if len(parts) > 2 and parts[1].isidentifier() and parts[1] not in out:
                out.append(parts[1])
    return tuple(out)


def _shown(label: object, plan: Plan) -> str:
    return str(label).replace("<split>.", plan.old_module + ".")


def _top_name(label: object) -> str | None:
    """`save_type` of `<split>.save_type`: a name of the split's modules (to keep)."""
    text = str(label)
    return text.removeprefix("<split>.").split(".")[0] if text.startswith("<split>.") else None


def _line(plan: Plan, name: str) -> int:
    root = name.split(".")[0]
    return next((f.line for f in plan.findings if f.code in ("GS218", "GS153")
                 and f.message.split("'")[1:2] == [root]), 1)


def compare_registries(before: Snapshot, after: Snapshot, plan: Plan) -> list[Finding]:
    """GS419, an error, for each registry whose entries differ (a key gone or new, or
    another value under a key; a list's items); a warning for a dict with the same entries
    in another order (code iterating it sees another order)."""
    findings = []
    path = str(plan.source)
    remedy = ("map the code registering into it to one module (where it runs in source "
              "order), or keep it in the old module")
    for name in sorted(before.registries):
        old, new = before.registries[name], after.registries.get(name)
        if new is None or old == new:
            continue
        shape, count = old[0], old[1]
        line = _line(plan, name)
        if shape == "dict" and new[0] == "dict":
            old_items, new_items = _entries(old), _entries(new)
            old_map, new_map = dict(old_items), dict(new_items)
            if len(old_map) < len(old_items) or len(new_map) < len(new_items):
                old_map, new_map = _by_key(old_items), _by_key(new_items)  # keys alike
            if old_map == new_map and len(old_items) == len(new_items):
                first = next((i for i, (a, b) in enumerate(zip(old_items, new_items, strict=True))
                              if a != b), 0)
                findings.append(Finding(
                    "GS419", "warning", f"after the split, the registry {name} (filled at "
                    f"import time from several modules) holds the same {count} entries in "
                    f"another order (from entry {first + 1}: key "
                    f"{_shown(old_items[first][0], plan)} before, key "
                    f"{_shown(new_items[first][0], plan)} after); code iterating it sees "
                    f"another order: {remedy}, if the order matters", path, line))
                continue
            key = next((k for k in [*old_map, *new_map] if old_map.get(k) != new_map.get(k)),
                       "(keys of the same label)")
            was, now = old_map.get(key, "no entry"), new_map.get(key, "no entry")
            keep = tuple(sorted({n for v in (was, now) if (n := _top_name(v))}))
            findings.append(Finding(
                "GS419", "error", f"after the split, the registry {name} (filled at import "
                f"time from several modules) holds other entries: under the key "
                f"{_shown(key, plan)}, {_shown(was, plan)} before and {_shown(now, plan)} after "
                "(the modules register in the order they are imported, not in source order; "
                f"compared: its {count} entries, key -> qualified name of the value): {remedy}",
                path, line, keep))
            continue
        what = {"keys": f"its count and keys ({count} entries: too many to compare one by one)",
                "list": f"its {count} items in order", "set": f"its {count} items",
                "dict": f"its {count} entries"}.get(str(shape), "its contents")
        findings.append(Finding(
            "GS419", "error", f"after the split, the registry {name} (filled at import time "
            f"from several modules) holds other contents ({_difference(old, new, plan)}; "
            f"compared: {what}): {remedy}", path, line))
    return findings


def _entries(fingerprint: list[object]) -> list[tuple[str, str]]:
    """A dict's fingerprinted entries, (key, value) labels in order (`probe._fingerprint`)."""
    items = fingerprint[2]
    assert isinstance(items, list)
    return [(str(k), str(v)) for k, v in items]


def _by_key(items: list[tuple[str, str]]) -> dict[str, str]:
    """Entries whose keys print alike (two instances of one class), by key: their values,
    sorted (so the order they were added in is not compared)."""
    out: dict[str, list[str]] = {}
    for key, value in items:
        out.setdefault(key, []).append(value)
    return {k: " | ".join(sorted(v)) for k, v in out.items()}


def _difference(old: list[object], new: list[object], plan: Plan) -> str:
    if old[0] != new[0] or old[1] != new[1]:
        return f"{old[1]} {old[0]} entries before, {new[1]} {new[0]} entries after"
    items_old, items_new = old[2], new[2]
    assert isinstance(items_old, list) and isinstance(items_new, list)
    for i, (a, b) in enumerate(zip(items_old, items_new, strict=False)):
        if a != b:
            return f"at entry {i + 1}: {_shown(a, plan)} before, {_shown(b, plan)} after"
    return "other entries"


def registries_note(before: Snapshot, after: Snapshot) -> str:
    """What the GS400 line says of the registries it compared (once none differed but in
    order: a GS419 warning)."""
    same = [n for n in sorted(before.registries) if n in after.registries]
    if not same:
        return ""
    shown = ", ".join(same[:3]) + (f" and {len(same) - 3} more" if len(same) > 3 else "")
    moved = [n for n in same if before.registries[n] != after.registries[n]]
    order = f"; in another order: {', '.join(moved)}, GS419" if moved else ""
    return (f"; the same entries of {len(same)} registr{'ies' if len(same) != 1 else 'y'} "
            f"filled at import time from several modules ({shown}{order})")
