"""The code godsplit writes into users' projects, kept here as real, typed Python.

Each module below is linted and type-checked with the rest of godsplit, and the tests
execute what it renders. Rendering copies the text after the line
`# godsplit-runtime: begin`, replaces each slot (an identifier `SLOT_<KEY>`, defined with
its type in the part that is not copied) by its value's source text, and keeps a section
between `# godsplit-runtime: if <name>` and `# godsplit-runtime: end` only when `<name>`
is asked for. These modules are templates: nothing imports them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources

BEGIN = "# godsplit-runtime: begin\n"
_SECTION = re.compile(
    r"^[ \t]*# godsplit-runtime: if (\w+)\n(.*?)^[ \t]*# godsplit-runtime: end\n",
    re.MULTILINE | re.DOTALL,
)
_SLOT = re.compile(r"\bSLOT_([A-Z_]+)\b")


@cache
def template(name: str) -> str:
    """The copied part of runtime module `name`."""
    text = resources.files(__package__).joinpath(f"{name}.py").read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN):]


def render(name: str, slots: Mapping[str, str], sections: Collection[str] = ()) -> str:
    """The text of runtime module `name` with its slots filled and only `sections` kept."""
    text = _SECTION.sub(lambda m: m.group(2) if m.group(1) in sections else "", template(name))

    def fill(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key not in slots:
            raise KeyError(f"runtime {name}: no value for slot SLOT_{match.group(1)}")
        return slots[key]

    return _SLOT.sub(fill, text)
