"""Module names a person would keep, and the comment that says why a module holds what
it holds.

A module is named after its family (`converters` for `BaseConverter` and its
subclasses; `statements` for astroid's `If`, `For`, ... under a `Statement` outside it),
else its dominant public class (`PyLinter` -> `pylinter`; a private one where it has
none), else the words most shared by its members. Words nearly every class
of the file begins with (`GraphQL...`) are left out of a class's name. Never a generic
`group1`, a standard library module, a builtin, a keyword, a name the source defines, or
the package's own name. Every figure in a comment is counted from the members.
"""

from __future__ import annotations

import itertools
import keyword
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from .banners import bannered
from .composed import composed, namesake, served_class, variant_of
from .described import command_line, kinds, told
from .graph import STOP, Graph, stem
from .kindred import defined, outside_lineage
from .lineages import parallel
from .shorn import roles, served, shorn
from .spelling import many, plural, snake, snake_in, spelled_out
from .verbs import countable, nouns_first, objects_first, verbs
from .weak_names import (
    BOUND,
    GENERIC,
    STDLIB,
    VOID,
    apart,
    collected,
    constants,
    exceptional,
    negated,
    qualified,
    raised,
    reserved,
    reserved_kin,
    suffixes,
    tasked,
)

EXCEPTION_WORDS = frozenset({"error", "exception", "warning"})


def spoken(g: Graph, members: list[int]) -> tuple[set[str], set[str]]:
    """The words of the members' names as a person splits them (`IPv4Interface`: `ipv4`,
    `interface`; not `pv`), stemmed, and the pairs of them that are adjacent in a name."""
    ones: set[str] = set()
    twos: set[str] = set()
    for n in members:
        for name in g.nodes[n].names:
            parts = [stem(w) for w in snake(name).split("_") if w]
            ones.update(parts)
            twos.update(f"{a}_{b}" for a, b in itertools.pairwise(parts))
    return ones, twos


def valid_name(name: str, forbidden: set[str]) -> bool:
    return (name.isidentifier() and name.isascii() and not reserved(name) and name not in VOID
            and not collected(name)
            and not name.startswith("_") and name not in forbidden and len(name) > 1)


def joined(words: list[str]) -> list[str]:
    """The group's best words; after them, a keyword or a standard module's (`async`,
    `random`) joined to each word after it (redis' `AsyncCoreCommands`, ...: `commands` is
    the package's name, so `async_commands`, not `asyncs`; the fixture's `trace` beside
    `knowledge`: `knowledge`). A builtin's stays, for the next word (`format`)."""
    out: list[str] = []
    pairs: list[str] = []
    for k, word in enumerate(words):
        if keyword.iskeyword(word) or keyword.issoftkeyword(word) or word in STDLIB:
            pairs += [f"{word}_{w}" for w in words[k + 1:4] if not reserved(w) and "_" not in w]
        else:
            out.append(word)
    return out + pairs


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


def file_suffix(g: Graph) -> str:
    """The last word that nearly every public class of the file ends with (three in four,
    at least four classes): `decoder` in pyasn1's `decoder.py` (`IntegerPayloadDecoder`,
    `SetPayloadDecoder`, ...). It names no family there: every module would be one."""
    classes = [suffixes(node, snake(node.label).split("_")) for node in g.nodes
               if node.kind == "class" and node.public]
    count = Counter(w for ends in classes for w in ends)
    if not count:
        return ""
    word, times = max(sorted(count.items()), key=lambda kv: kv[1])
    return word if times >= 4 and 4 * times >= 3 * len(classes) else ""


def family(g: Graph, members: list[int]) -> tuple[str, int] | None:
    """The plural of the suffix most of the group's public classes share (`Converter` ->
    `converters`), when at least two and at least half of them share it, and their lines;
    not the file's own suffix (`file_suffix`)."""
    classes = [n for n in members if g.nodes[n].kind == "class" and g.nodes[n].public]
    common = file_suffix(g)
    ends = {n: suffixes(g.nodes[n], snake(g.nodes[n].label).split("_")) for n in classes}
    count = Counter(w for n in classes for w in ends[n] if w != common)
    if not count:
        return None
    size = {w: g.size(n for n in classes if w in ends[n]) for w in count}
    word, times = max(sorted(count.items()), key=lambda kv: (kv[1], size[kv[0]]))
    lines = size[word]  # (a tie: the suffix of more lines)
    # or fewer of them holding most of the group's lines (a large `QueueHandler` and
    # `SocketHandler` beside three small classes: `handlers`, not `queue_handler`)
    if times < 2 or (2 * times < len(classes) and 2 * lines <= g.size(members)):
        return None
    name = spelled_out(g, word)  # (not youtube-dl's `ies`: `info_extractors`)
    if word == "mixin":  # (werkzeug's `Request` built from the group's mixins: `request`)
        name = composed(g, members, [n for n in classes if word in ends[n]]) or name
    elif word in {stem(w) for w in roles(g)}:  # (oemof's `SinkDSM` beside `SinkDSM...Block`s)
        name = served_class(g, members, [n for n in classes if word in ends[n]], word) or name
    if name and word not in EXCEPTION_WORDS:  # (zeroconf's `...Exception`s: `exceptions`)
        name = raised(g, [n for n in classes if word in ends[n]]) or name
    return (name, lines) if name else None


def file_prefix(g: Graph) -> tuple[str, ...]:
    """The first words that nearly every public class of the file begins with (three in
    four, at least four classes, each with words after them): `graph`, `ql` in
    graphql-core's `definition.py` (`GraphQLField`, `GraphQLScalarType`, ...). They say
    which file a class is from, not which module of it: a module name leaves them out."""
    classes = [snake(node.label).split("_") for node in g.nodes
               if node.kind == "class" and node.public]
    best: tuple[str, ...] = ()
    for size in (1, 2, 3):
        count = Counter(tuple(w[:size]) for w in classes if len(w) > size)
        if not count:
            break
        top, times = max(sorted(count.items()), key=lambda kv: kv[1])
        if times < 4 or 4 * times < 3 * len(classes):
            break
        best = top
    return best


def bare(name: str, prefix: tuple[str, ...]) -> str:
    """`name` (snake_case) without the file's prefix words, when words are left."""
    words = name.split("_")
    return "_".join(words[len(prefix):]) if (
        prefix and len(words) > len(prefix) and tuple(words[:len(prefix)]) == prefix) else name


def dominant(g: Graph, members: list[int]) -> tuple[str, int, str, str] | None:
    """The snake_case name of the public class that holds most of the group's lines (at
    least two fifths), and its lines; else of a private class holding over half of them
    (dnspython's `_WireReader` beside `from_wire` and seven small exceptions: `wire_reader`,
    not `bad` from `BadEDNS` and `BadTSIG`), or two fifths in a group with no public class
    (soupsieve's `_DocumentNav` beside the `REL_*` constants it reads: `document_nav`); the
    file's suffix left out (`shorn`: vispy's `FlyCamera`, `fly`), the whole name after it."""
    public = [n for n in members if g.nodes[n].kind == "class" and g.nodes[n].public]
    size = g.size(members)
    every = [n for n in members if g.nodes[n].kind == "class"]
    # at least two fifths (5 * lines >= 2 * size), or over half (2 * lines >= size + 1)
    for classes, (times, part, more) in ((public, (5, 2, 0)),
                                         (every, (2, 1, 1) if public else (5, 2, 0))):
        top = max(classes, key=lambda n: (g.nodes[n].lines, -n), default=None)
        if top is not None and times * g.nodes[top].lines >= part * size + more:
            # (zyte's `AutoProductPage` beside `BaseProductPage`: `product_page`, `variant_of`)
            whole = bare(variant_of(g, members, top) or snake_in(g, g.nodes[top].label),
                         file_prefix(g))
            name = shorn(whole, file_suffix(g))
            return name, g.nodes[top].lines, many(g.nodes[top].label, name), whole
    return None


def lineage(g: Graph, members: list[int]) -> tuple[str, int, str] | None:
    """The snake_case name of a class of the group that two or more of its public classes derive from
    through first bases inside the group (`Number` with `Integer`, `Float`, `Decimal`:
    `number`; `BaseResponse`: `response`), when they hold half of its lines, and their lines.
    A thin base (a tenth of its largest subclass's lines or less: pytest's 9-line
    `FuncargnamesCompatAttr` under `FixtureRequest` and `Metafunc`) does not name the
    family: its largest class does, in the singular (`fixture_request`). Not the graph's
    `thin_base` (at most 20 lines, 5 times shorter), which would make werkzeug's
    `routing_exceptions` (`RoutingException` and five subclasses) `build_error`. A base
    holding three quarters of the family's lines is one thing and its variants (holidays'
    167-line `UnitedKingdom` beside `England`, `Wales`, `UK`, ... of 4 to 7 lines):
    `united_kingdom`, not `united_kingdoms`."""
    inside = {n for n in members if g.nodes[n].kind == "class"}
    roots: dict[int, list[int]] = defaultdict(list)
    for n in sorted(inside):
        top, seen = n, {n}
        while (g.nodes[top].bases[:1] and g.nodes[top].bases[0] in inside - seen
               and not g.nodes[g.nodes[top].bases[0]].label.endswith("Mixin")):
            top = g.nodes[top].bases[0]
            seen.add(top)
        if g.nodes[n].public:
            roots[top].append(n)
    found = [(g.size(kin), -root) for root, kin in roots.items()
             if root in kin and len(kin) >= 3]
    if not found:
        return None
    lines, root = max(found)
    if 2 * lines < g.size(members):
        return None
    top = max(roots[-root], key=lambda n: (g.nodes[n].lines, -n))
    if 10 * g.nodes[-root].lines < g.nodes[top].lines:  # a thin shared base: its main class
        name = bare(snake_in(g, g.nodes[top].label), file_prefix(g))
        return name, lines, name
    name = re.sub(r"^(?:base|abstract)_|_base$", "", bare(snake_in(g, g.nodes[-root].label),
                                                          file_prefix(g)))
    # its variants, not its kinds: the singular; so where each is an acronym or the base's
    # name and more (holidays' `PT`, `PortugalExt` under `Portugal`: `portugal`)
    label = g.nodes[-root].label
    if 4 * g.nodes[-root].lines >= 3 * lines or all(
            g.nodes[n].label.isupper() or g.nodes[n].label.startswith(label)
            for n in roots[-root] if n != -root):
        return name, lines, name
    return name, lines, many(g.nodes[-root].label, name)


def first_names(g: Graph, members: list[int]) -> list[str]:
    """The names of the family (by suffix, else by base class, else by what parallel
    families' bases share: `lineages.parallel`) and of the main class
    (should those be taken: the main class's plural, the base class's singular, `number`
    where `numbers` is a standard module): the family first when it holds half of the
    group's lines or more than the main class (`Router` beside four small `...Error`
    classes: `router`, not `errors`); with no main class, only when the family holds a
    quarter of the group's lines (pretix's two small `...Exception` classes beside the
    230-line `mail()` do not name its module `exceptions`)."""
    kin, main = family(g, members), dominant(g, members)
    base = lineage(g, members) or outside_lineage(g, members) or parallel(g, members,
                                                                          file_prefix(g))
    lines = max(kin[1] if kin else 0, base[1] if base else 0)
    name = kin[0] if kin else base[2] if base else None
    if not main and 4 * lines < g.size(members):  # two small exceptions beside `mail()`
        name = None
    # (`vimeo`, then `vimeo_ie`; `hooks` for `HookManager` and `Hook`)
    found: list[str] = []
    if main:  # the served class's plural, the name without the file's suffix, the whole name
        shortened, whole = main[0], main[3]
        found = [t for t in dict.fromkeys((served(g, members, whole), shortened, whole)) if t]
    if name:
        ahead = not main or 2 * lines >= g.size(members) or lines > main[1]
        found.insert(0 if ahead else 1, name)
    return found + ([main[2]] if main else []) + ([base[0]] if base else [])


def candidate_words(g: Graph, members: list[int]) -> tuple[list[str], list[str]]:
    """The group's words a name may be made of, best first, and names to try after the
    best three: words of its members' names as a person splits them; no word of an
    exception class unless they are most of the group's listed members; in a group mostly
    of Celery tasks, words of a task's name, then `tasks`."""
    ones, twos = spoken(g, members)
    prefix = {stem(w) for w in file_prefix(g)}  # graphql-core's `graph_ql`: the file's word
    grams = [w for w in ranked_words(g, members, g.gram_counts)
             if (w in twos if "_" in w else w in ones) and not prefix.issuperset(w.split("_"))]
    # words two public members share first: a person reads the module by its public names
    # (prettytable's `from_csv`, `TableStyle`, ... not its twelve `_DEPRECATED_*` constants)
    public = Counter(w for n in members if g.nodes[n].public for w in g.nodes[n].grams)
    # and words of the code: not of members holding under a twentieth of its lines (pyparsing's
    # two one-line `...ReturnType` aliases beside three `..._parse_action` functions); a pair
    # by its first word's (scons' `string_types`: `to_String`, `is_String`, ... hold `string`)
    grams.sort(key=lambda w: (public[w] < 2, 20 * g.size(
        n for n in members if w.split("_")[0] in g.nodes[n].grams) < g.size(members)))
    anchors = [n for n in members if g.nodes[n].anchor] or members
    if 2 * sum(exceptional(g, n) for n in anchors) < len(anchors):
        grams = [w for w in grams if not EXCEPTION_WORDS & set(w.split("_"))]
    tasks = [n for n in anchors if g.nodes[n].task]
    if tasks and 2 * len(tasks) >= len(anchors):
        named = {w for n in tasks for w in g.nodes[n].grams}
        return [w for w in grams if w in named], ["tasks"]
    return grams, []


def followed(g: Graph, members: list[int], best: list[str]) -> list[str]:
    """A participle alone says how, not what (uncertainties' `modified` for
    `modified_operators` and `modified_ops_with_reflection`): with the word after it in
    the members' public names (not prettytable's `_DEPRECATED_*`), most often first
    (`modified_ops`, where `modified_operators` is a name the source defines); not a stop
    word (tornado's `signed`, not `signed_value`)."""
    word = best[0] if best else ""
    if "_" in word or len(word) < 5 or not word.endswith("ed") or word.endswith("eed"):
        return []
    after: Counter[str] = Counter()
    for n in members:
        for name in (name for name in g.nodes[n].names if not name.startswith("_")):
            after.update(f"{a}_{b}" for a, b in itertools.pairwise(snake(name).split("_"))
                         if a == word and b and stem(b) not in STOP)
    return [w for w, _ in sorted(after.items(), key=lambda kv: (-kv[1], kv[0]))]


def api(g: Graph, members: list[int], grams: list[str], old: str) -> list[str]:
    """`api` for a group whose best word is the file's own name, which two of its public
    functions begin with (markdown2's `markdown()` and `markdown_path()`: not `extra_opts`,
    from the private `_BreaksExtraOpts` and `_WavedromExtraOpts` beside them)."""
    own = stem((old.rstrip("0123456789") or old).lower())
    named = [n for n in members if g.nodes[n].kind == "function" and g.nodes[n].public
             and stem(snake(g.nodes[n].label).split("_")[0]) == own]
    return ["api"] if own and grams[:1] == [own] and len(named) >= 2 else []


def name_modules(g: Graph, groups: list[list[int]], forbidden: set[str],
                 siblings: frozenset[str] = frozenset(), old: str = "",
                 docs: Mapping[str, str] | None = None) -> list[str]:
    """A unique, valid module name per group. A sibling module's spelling of the same word
    (`exceptions` beside `exception`) wins, so the package reads like its neighbours. A
    group's main class or family names it before any other group may use that name; a
    group claims only the first such name it can take and its plural (graphql-core: the
    group named `interface_type` does not hold `named_type` back from `get_named_type`'s
    group; `Const`'s group holds back `consts`). A class whose own name cannot be a module's
    (a standard module's: httplib2's `Http`) is named by its docstring (`described`); the
    functions named after the file (markdown2's `markdown()`, `markdown_path()`) are its
    `api`."""
    taken = set(forbidden)
    prefix = file_prefix(g)
    order = sorted(range(len(groups)), key=lambda i: (-g.size(groups[i]), groups[i]))
    firsts = {i: namesake(g, groups, i, first_names(g, groups[i]), old)
              or command_line(g, groups[i])
              for i in order}
    claimed: dict[str, int] = {}  # each group's first name it can take and its plural
    for i in order:
        name = next((t for t in firsts[i] if valid_name(t, taken) and t not in claimed), None)
        for t in (name, plural(name)) if name else ():
            claimed.setdefault(t, i)
    names = [""] * len(groups)
    for i in order:
        members = groups[i]
        grams, then = candidate_words(g, members)
        spelled = ["_".join(g.surface.get(w, w) for w in gram.split("_")) for gram in grams]
        kin = family(g, members)  # a word most of its classes end with: their plural
        if kin and spelled and plural(spelled[0]) == kin[0]:  # (prettytable's `styles`)
            spelled[0] = kin[0]
        if siblings:
            spelled = [min({w, plural(w)} & siblings, default=w) for w in spelled]
        spelled = objects_first(spelled, verbs(g, members))  # (`enable`: `diag`)
        ranked = sorted(members, key=lambda n: (not g.nodes[n].public, -g.nodes[n].lines, n))
        labels = [bare(snake_in(g, g.nodes[n].label), prefix) for n in ranked]
        listed = [t for n, t in zip(ranked, labels, strict=True) if g.nodes[n].anchor]
        classes = {t for n, t in zip(ranked, labels, strict=True) if g.nodes[n].kind == "class"}
        vague = qualified(g, members) | BOUND  # (`RandomModule`: `module` of what?)
        words = [w for n in sorted(members, key=lambda n: (not g.nodes[n].anchor,
                                                           -g.nodes[n].lines, n))
                 for w in nouns_first(g, n) if stem(w) not in STOP and w not in vague]
        pairs = (f"{w}_{v}" for w, v in itertools.permutations(spelled[:4] or labels[:4], 2)
                 # (no `argparse_type_type`; no `module_tokenize` of `tokenize_module`)
                 if not set(w.split("_")) & set(v.split("_")) and f"{v}_{w}" not in spelled)
        # what the docstring calls a main class (two fifths of the lines: not colander's 12-line
        # `Email` among 393 lines of validators) that has no name of its own to give
        said = [t for n in sorted(members, key=lambda n: (-g.nodes[n].lines, n))
                if g.nodes[n].kind == "class" and 5 * g.nodes[n].lines >= 2 * g.size(members)
                and not valid_name(label := bare(snake(g.nodes[n].label), prefix), set())
                for t in told(g.nodes[n].label, (docs or {}).get(g.nodes[n].label, ""), label)]
        head = joined([w for w in spelled if w not in vague][:3])
        head = sorted(head, key=lambda w: w in GENERIC)  # (not `base` before `select_base`)
        shown = constants(g, members, joined(spelled[:3]), old)
        # after the listed members' names, the words of theirs (SEED's `map_row_chunk`:
        # `row`), before the name of a constant that follows them (`STR_TO_CLASS`)
        tries = itertools.chain(firsts[i], said, kinds(g, members, docs or {}, old),
                                api(g, members, grams, old), bannered(g, members, docs),
                                followed(g, members, spelled[:1]), negated(g, members, spelled),
                                shown, tasked(spelled, then), reserved_kin(spelled, listed, classes),
                                defined(g, head), head,
                                then, (plural(w) for w in head if countable(w)),
                                # the singular of a word the source defines (`dictionaries`)
                                (stem(w) for w in head if "_" not in w),
                                joined(spelled[3:]), listed, words, labels, pairs,
                                apart(g, labels[0]), (plural(w) for w in head if not countable(w)),
                                (f"{labels[0]}_{k}" for k in itertools.count(2)))
        names[i] = next(t for t in tries if valid_name(t, taken) and claimed.get(t, i) == i)
        taken.add(names[i])
    return names

