"""Module names a person would keep, and the comment that says why a module holds what
it holds.

A module is named after its family (`converters` for `BaseConverter` and its
subclasses), else its dominant public class (`PyLinter` -> `pylinter`), else the words
most shared by its members. Never a generic `group1`, a standard library module, a
builtin, a keyword, a name the source defines, or the package's own name. Every figure in
a comment is counted from the members.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import re
import sys
from collections import Counter, defaultdict

from .graph import Graph

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
SOFT = ("s", "ed", "ing", "ly", "y", "data", "info")  # plural of these reads oddly


def snake(name: str) -> str:
    return _CAMEL.sub("_", name.strip("_")).lower()


def valid_name(name: str, forbidden: set[str]) -> bool:
    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    return (name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
            and not name.startswith("_") and name not in forbidden and name not in stdlib
            and name not in vars(builtins) and len(name) > 1)


def plural(word: str) -> str:
    if word.endswith(SOFT):
        return word
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        word + "es" if word.endswith(("ch", "sh", "x", "ss")) else word + "s")


def ranked_words(g: Graph, members: list[int], everywhere: Counter[str]) -> list[str]:
    """A group's distinctive words, best first; `crisis_intervention` before `crisis`
    when a third of the names with `crisis` go on with `intervention`."""
    inside: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for n in members:
        grams = [w for w in g.nodes[n].grams if "$" not in w and "^" not in w]
        inside.update({w: 2 if g.nodes[n].anchor else 1 for w in grams})
        spread.update(grams)
    score = {w: c * c / everywhere[w] for w, c in inside.items()
             if spread[w] >= 2 or len(members) == 1}
    out: list[str] = []
    for word in sorted((w for w in score if "_" not in w), key=lambda w: (-score[w], w)):
        pairs = [p for p in score if p.startswith(f"{word}_") and 3 * spread[p] >= spread[word]]
        out.extend([*sorted(pairs, key=lambda p: (-score[p], p)), word])
    return out


def family(g: Graph, members: list[int]) -> str | None:
    """The plural of the suffix most of the group's public classes share (`Converter` ->
    `converters`), when at least two and at least half of them share it."""
    classes = [n for n in members if g.nodes[n].kind == "class" and g.nodes[n].public]
    count = Counter(w[:-1] for n in classes for w in g.nodes[n].grams if w.endswith("$"))
    if not count:
        return None
    word, times = max(sorted(count.items()), key=lambda kv: kv[1])
    if times < 2 or 2 * times < len(classes):
        return None
    return plural(g.surface.get(word, word))


def dominant(g: Graph, members: list[int]) -> str | None:
    """The snake_case name of the public class that holds most of the group's lines."""
    classes = [n for n in members if g.nodes[n].kind == "class" and g.nodes[n].public]
    if not classes:
        return None
    top = max(classes, key=lambda n: (g.nodes[n].lines, -n))
    return snake(g.nodes[top].label) if 5 * g.nodes[top].lines >= 2 * g.size(members) else None


def name_modules(g: Graph, groups: list[list[int]], forbidden: set[str],
                 siblings: frozenset[str] = frozenset()) -> list[str]:
    """A unique, valid module name per group. A sibling module's spelling of the same word
    (`exceptions` beside `exception`) wins, so the package reads like its neighbours."""
    everywhere, taken = g.gram_counts, set(forbidden)
    names = [""] * len(groups)
    for i in sorted(range(len(groups)), key=lambda i: (-g.size(groups[i]), groups[i])):
        members = groups[i]
        grams = ranked_words(g, members, everywhere) + sorted(
            {w for n in members if g.nodes[n].anchor for w in g.nodes[n].grams
             if "_" not in w and "$" not in w and "^" not in w})
        spelled = ["_".join(g.surface.get(w, w) for w in gram.split("_")) for gram in grams]
        if siblings:
            spelled = [min({w, plural(w)} & siblings, default=w) for w in spelled]
        # the main class's name, else (the package's, or a name the source defines) its plural
        main = dominant(g, members)
        first = [x for x in (family(g, members), main, main and plural(main)) if x]
        labels = [snake(g.nodes[n].label) for n in sorted(
            members, key=lambda n: (not g.nodes[n].public, -g.nodes[n].lines, n))]
        tries = itertools.chain(first, spelled[:3], (plural(w) for w in spelled[:3]), spelled[3:],
                                labels, (f"{w}_{v}" for w, v in itertools.permutations(
                                    spelled[:4] or labels[:4], 2)),
                                (f"{labels[0]}_{k}" for k in itertools.count(2)))
        names[i] = next(t for t in tries if valid_name(t, taken))
        taken.add(names[i])
    return names


def why(g: Graph, members: list[int]) -> tuple[str, ...]:
    """Comment lines: the family, the words the members share, and who calls whom."""
    out = []
    inside = set(members)
    kids: dict[int, int] = defaultdict(int)
    for n in members:
        for base in g.nodes[n].bases[:1]:
            if base in inside:
                kids[base] += 1
    if kids:
        base = max(sorted(kids), key=lambda b: kids[b])
        out.append(f"{g.nodes[base].label} and {kids[base]} "
                   f"subclass{'' if kids[base] == 1 else 'es'}")
    for task, composed in sorted(g.composes.items()):
        if task in inside and inside.issuperset(composed):
            names = [g.nodes[n].label for n in composed]
            out.append(f"workflow: {g.nodes[task].label} composes {', '.join(names[:3])}"
                       + (f" and {len(names) - 3} more" if len(names) > 3 else ""))
    count = Counter(w for n in members for w in g.nodes[n].grams
                    if "_" not in w and "$" not in w and "^" not in w)
    top = [w for w in ranked_words(g, members, g.gram_counts) if count[w] >= 2 and "_" not in w]
    if top:
        out.append("shared words: " + ", ".join(f"'{g.surface.get(w, w)}' x{count[w]}"
                                                for w in top[:4]))
    callees: dict[int, list[int]] = defaultdict(list)
    for r, p in sorted(g.reads):
        if r in inside and p in inside and g.nodes[p].kind != "value":
            callees[r].append(p)
    callers = sorted(callees, key=lambda r: (not g.nodes[r].anchor, -len(callees[r]), r))[:2]
    said = [f"{g.nodes[r].label} uses {', '.join(g.nodes[p].label for p in callees[r][:3])}"
            + (f" and {len(callees[r]) - 3} more" if len(callees[r]) > 3 else "") for r in callers]
    if said:
        out.append("; ".join(said))
    if not out:
        lines = sorted(g.nodes[n].line for n in members)
        out.append(f"{len(members)} definition{'' if len(members) == 1 else 's'} "
                   + (f"starting on lines {lines[0]} to {lines[-1]}" if len(lines) > 1
                      else f"starting on line {lines[0]}"))
    return tuple(out)
