"""Names from a file's section banners: the title an author wrote over a section
(`# --- general issues`, `###### / # Parsing / ######`, `##### PList ####`) is the name
maintainers often give the module the section becomes (pandapower's `toolbox.py`:
`toolbox_general_issues.py`; uncertainties' `parsing.py`; pyrsistent's `_plist.py`).

`graph._sections` counts the banners before each statement (a node's `section`); the
titles are read here from the same comments, in the same order: `titles[k - 1]` is the
title of section `k`; a banner that opens the file is in LibCST's module header, which
`_sections` does not read: its title (`opening`) is section 0's. A title is short (at most
four words once filler such as `BEGIN`, `functions`, `class` is left out) and is written
beside a rule (`####`, `# ---`), so that a licence line or a sentence of prose over a rule is
not one.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst

from .graph import BANNER, STOP, Graph, stem
from .weak_names import GENERIC, VOID

# words of a banner that say where a section begins or what sort of code it holds, not what
_FILLER = frozenset(
    "begin end start section part main other some misc miscellaneous stuff code class classes "
    "function functions method methods def defs implementation implementations definition "
    "definitions routine routines here below above following".split())
# titles of a file's layout, not of what a section holds (bokeh's `Boilerplate`, `Imports`,
# `Globals and constants`, `Private API`, `General API`; pexpect's `End of ...`), and of its
# licence over a rule (`All rights reserved`: in the module's header, `opening`)
_LAYOUT = frozenset("boilerplate import imports global globals private public api dev "
                    "todo end deprecated test tests copyright licence license rights".split())
_RULE = re.compile(r"^[\s#\-=*~_+/]*|[\s#\-=*~_+/]*$")


@dataclass(frozen=True)
class Said(Mapping[str, str]):
    """What a file says of its code: each top-level class's and function's docstring by its
    name (the mapping), the title of each section banner, in order (`""` for a banner with
    none), and the title of a banner that opens the file (`opening`)."""

    docs: Mapping[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    opening: str = ""  # the title of a banner in the module's header (`opening`): section 0

    def __getitem__(self, key: str) -> str:
        return self.docs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)


def title(comments: Sequence[str]) -> str:
    """The section's name from the comment lines over a statement (one of them a banner):
    the last line with words that is a banner itself or next to one, as snake_case words
    (`GeoSpatial operations`: `geospatial_operations`); `""` when that line is prose."""
    rules = [bool(BANNER.match(c)) for c in comments]
    text = ""
    for i, comment in enumerate(comments):
        line = _RULE.sub("", comment.lstrip("#"))
        near = rules[i] or (i > 0 and rules[i - 1]) or (i + 1 < len(comments) and rules[i + 1])
        if near and re.search(r"[A-Za-z]", line):
            text = line
    if not text or re.search(r"[.,:;()'\"`?!]|https?|\bTODO\b", text):
        return ""
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
    kept = [w for w in words if w not in _FILLER and stem(w) not in STOP]
    if (_LAYOUT & set(words) or not 0 < len(kept) <= 4 or len(words) > 6
            or any(w[0].isdigit() for w in kept)):  # (aiohttp's `3xx redirection`)
        return ""
    return "_".join(kept)


def titles(module: cst.Module) -> tuple[str, ...]:
    """The title of each banner of the file, in order (`graph._sections`' count)."""
    out: list[str] = []
    for stmt in module.body:
        comments = [line.comment.value for line in getattr(stmt, "leading_lines", ())
                    if line.comment is not None]
        if any(BANNER.match(c) for c in comments):
            out.append(title(comments))
    return tuple(out)


def opening(module: cst.Module, sections: Sequence[str] | None = None) -> str:
    """The title of a banner that is the first thing in the file, in LibCST's module header
    (not a statement's leading lines, so `graph._sections` leaves it out: the code under
    it up to the next banner is section 0): the header's last paragraph of comments, after
    a licence or a coding line; `""` where that paragraph is no banner, or where the file
    has no other banner (then it names the file, not a section); `sections`: the file's
    `titles`, when they are read already."""
    lines = [line.comment.value if line.comment is not None else None for line in module.header]
    while lines and lines[-1] is None:
        lines.pop()
    comments = [c for c in itertools.takewhile(lambda c: c is not None, reversed(lines))
                if c is not None][::-1]
    sections = titles(module) if sections is None else sections
    if not sections or not any(BANNER.match(c) for c in comments):
        return ""
    return title(comments)


def bannered(g: Graph, members: list[int], said: Mapping[str, str] | None) -> list[str]:
    """The title of the sections holding three quarters of the group's lines, when the group
    holds over half of those sections' lines (one group of a section takes its name), then
    its last word; sections whose titles end with one word are one (deap's `GA Crossovers`,
    `Messy Crossovers`, `ES Crossovers`: `crossovers`). Not a title made only of stop or
    generic words, nor one whose word is in the name of a member of the sections outside
    the group (arcade's `draw_polygon_filled` beside the group of `draw_triangle_filled`,
    `draw_triangle_outline` and `draw_polygon_outline` under `POLYGON FUNCTIONS`: that
    group is `triangle`)."""
    names = (said.opening, *said.titles) if isinstance(said, Said) else ()
    last = {k: t.split("_")[-1] for k, t in enumerate(names) if t}  # (section k's title)
    lines: Counter[str] = Counter()
    for n in members:
        lines[last.get(g.nodes[n].section, "")] += g.nodes[n].lines
    key, held = max(sorted(lines.items()), key=lambda kv: kv[1], default=("", 0))
    sections = {k for k, word in last.items() if word == key}
    whole = g.size(n for n in range(len(g.nodes)) if g.nodes[n].section in sections)
    if not key or 4 * held < 3 * g.size(members) or 2 * held <= whole:
        return []
    titled = {names[g.nodes[n].section] for n in members if g.nodes[n].section in sections}
    name = titled.pop() if len(titled) == 1 else key
    words = name.split("_")
    inside = set(members)
    elsewhere = {w for n, node in enumerate(g.nodes) if node.section in sections
                 and n not in inside for w in node.grams}
    if all(stem(w) in STOP or w in GENERIC or w in VOID for w in words) or {
            stem(w) for w in words} & elsewhere:
        return []
    return list(dict.fromkeys((name, words[-1])))
