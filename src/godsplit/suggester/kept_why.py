"""Why suggest keeps each name it keeps in the old module (`keep`), as the entry says it.

`keeping.keep_more` keeps the definitions a plan's errors point at; each kept name is
recorded here with the finding that kept it first (its code, and the name the finding is
about: the list a GS124 says is changed at import time, the name a GS112 says stays).
The entry's comment then states those reasons, with counts, instead of one reason for
all: gunicorn's 122 `Setting` classes stay because they register themselves in
`KNOWN_SETTINGS` and must run in one module, in source order (GS124), and together they
are 2,673 lines, over max-lines 600, not because they find their module by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..split.analyze import Analysis

Why = tuple[str, str]  # (finding code, or "late"; the name it is about, or "")

_SUBJECT = re.compile(r"^'([^']+)' (?:is changed at import time|stays in the old module)")

# what the import check's findings that keep names say changed (suggester/checked.py)
CHECKED = {"GS416": "a string recorded from __module__ while the module is imported",
           "GS408": "the signature or type hints of moved code",
           "GS419": "which entry a registry filled at import time from several modules "
                    "holds under a key",
           "GS424": "the `__module__` reported by what it decorates or makes, or by itself",
           "GS425": "which of its names a class or function bound under several "
                    "names is met by first"}
# what the code each finding points at does, per code (a name the finding is about: {0})
_WHAT = {
    "GS112": "code reading at import time a name that stays in the old module before the old "
             "module binds it, or rebinding at run time a name moved code reads (GS112)",
    "GS113": "a statement deleting or rebinding a name that would move (GS113)",
    "GS116": "a call given the module's own name (GS116)",
    "GS117": "code comparing a module name with the old module's (GS117)",
    "GS119": "code reading __module__ (GS119)",
    "GS121": "a name read at import time and bound or changed again further down (GS121)",
    "GS122": "code reading names the module binds only through its namespace (GS122)",
    "GS123": "a global created at run time (GS123)",
    "GS125": "a registered Celery task class that another class subclasses (GS125)",
    "GS126": "code finding files beside the module by its name (GS126)",
    "GS127": "code reading the module's namespace while it is imported (GS127)",
    "GS158": "code running, while the module loads, another module's code that imports "
             "names back from the old module (GS158)",
    "GS139": "a string naming the module's own file (GS139)",
    "GS140": "code reading the module's __annotations__ (GS140)",
    "GS144": "an attrs class whose generated __init__ resolves its type hints in the names "
             "its module has bound when the class is made (GS144)",
    "GS148": "code binding or reading a name a module-level `match` statement captures (GS148)",
    "GS130": "a block importing a module that imports the old module back, which runs "
             "after the re-exports (GS130)",
    "star": "code reading names only a star import gives that stays in the old module (it "
            "closes an import cycle: GS112)",
    "late": "code reading at import time kept code that the old module runs after its "
            "re-exports (moved, it would read it before it is bound: GS112)",
    **{code: f"the import check found that moving it changes {what} ({code})"
       for code, what in CHECKED.items()},
}
_ABOUT = {
    "GS112": "code reading {0} at import time, which stays in the old module (GS112)",
    "GS124": "code changing or reading {0} at import time, which must run in one module, in "
             "source order (GS124)",
    "GS127": "the code at line {0} reading the module's namespace while it is imported "
             "(GS127)",
}


def why_of(code: str, message: str, line: int = 0) -> Why:
    """The reason a finding gives for the names it keeps (GS127: its `line`)."""
    if code == "GS127" and line:
        return code, str(line)
    if code == "GS112" and "only a star import gives" in message:
        return "star", ""
    subject = _SUBJECT.match(message)
    return code, subject.group(1) if subject and code in _ABOUT else ""


def record(why: dict[str, Why], names: Iterable[str], reason: Why) -> None:
    """`names` kept for `reason`, unless an earlier finding kept them already."""
    for name in sorted(names):
        why.setdefault(name, reason)


def reasons(analysis: Analysis, keep: Iterable[str], why: Mapping[str, Why],
            max_lines: int) -> tuple[str, ...]:
    """One clause per reason, the most names first: how many names it kept, and why (for
    GS124, also whether the code is more than one module of `max_lines` holds)."""
    grouped: dict[Why, list[str]] = {}
    for name in sorted(keep):
        grouped.setdefault(why.get(name, ("", "")), []).append(name)
    out = []
    for (code, subject), names in sorted(grouped.items(), key=lambda x: (-len(x[1]), x[0])):
        if code in _ABOUT and subject:
            text = _ABOUT[code].format(subject)
        elif code in _WHAT:
            text = _WHAT[code]
        elif code:
            text = f"what the plan's {code} error points at"
        else:  # (not recorded: never, as suggest keeps only through `record`)
            text = "code the plan could not move"
        if code == "GS124":
            held = set(names)
            lines = sum(u.lines for u in analysis.units
                        if u.kind == "definition" and u.binds & held)
            text += (f": together {lines} lines, over max-lines {max_lines}" if lines > max_lines
                     else ": the plan did not hold it in one new module")
        out.append(f"{len(names)} for {text}")
    return tuple(out)
