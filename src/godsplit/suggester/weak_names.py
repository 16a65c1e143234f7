"""Names for the groups whose words make a weak one: a generic word (`name`) or a number
after a name the source defines (`parserinfo_2`)."""

from __future__ import annotations

import builtins
import itertools
import keyword
import sys

from ..split.hazards import _EXCEPTION_SUFFIXES as EXCEPTION_SUFFIXES
from .graph import STOP, Graph, Node, stem, words
from .spelling import snake

STDLIB: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())

# prefixes written as words of their own: each says which kind of what the next word names
# (license-manager's `send_post_activation_email_task`, `execute_post_revocation_tasks`:
# `post` of what?), so none names a module alone
BOUND = frozenset("anti auto multi non post pre semi sub".split())


# words that name an absence or a filler: one alone says nothing of a module's members
# (moderngl's enable flags `NOTHING`, `BLEND`, `DEPTH_TEST`, ... were `nothing`; black's
# `EMPTY`, scons' `Null`); joined to another word they name one (`empty_line_tracker`)
VOID = frozenset("empty etc more nil none nothing null other others skip something stuff "
                 "void zero".split())


def collected(name: str) -> bool:
    """A module name test runners take for a test module: unittest's (and Django's test
    runner's) discovery pattern `test*.py`, pytest's `*_test.py`, its `conftest.py` (squad's
    Celery tasks: a module of `test`-run tasks was `tests`, which squad's `python_files =
    test*.py` matches)."""
    return name.startswith("test") or name.endswith("_test") or name == "conftest"


def reserved(name: str) -> bool:
    """A keyword (a soft one too: astroid's `Match...` nodes were `match`, a word the
    `match` statement owns), a standard module's or a builtin's name: never a module's,
    whatever the file defines."""
    return (keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in STDLIB
            or name in vars(builtins))


def tasked(best: list[str], kinds: list[str]) -> list[str]:
    """A best word that cannot name a module (a standard module's or a builtin's) with the
    group's kind after it (license-manager's tasks, whose best words are `email` and
    `license`: `email_tasks`, not `send`, the verb of two of them)."""
    return [f"{w}_{kind}" for w in best[:1] if reserved(w) for kind in kinds]


def reserved_kin(best: list[str], listed: list[str], classes: set[str]) -> list[str]:
    """A best word that is a standard module's name gives the name of the one listed class
    that begins with it (dill's `Pickler` beside `dump` and `load`: `pickler`, not
    `pickle_dump`); where two classes or more do, none is the group's subject (sphinx's
    `ASTNestedName`, 79 of its group's 545 lines, beside 19 other `AST...` nodes; pyparsing's
    `StringStart` and `StringEnd`): where three in four of the listed names begin with the
    word (all 23 of sphinx's), it with the group's next word (`ast_expr`; not the fixture's
    `trace_load`, `trace_save`, `trace_dump` beside two `knowledge_...`: `knowledge`). Not
    a builtin's (dill's `dict`: `DictType` is no module's subject). `listed`, `classes`: snake_case names."""
    word = best[0] if best and best[0] in STDLIB else ""
    begun = [t for t in listed if word and t != word and t.split("_")[0].startswith(word)]
    own = [t for t in begun if t in classes]
    if len(own) == 1:
        return own
    if begun and 4 * len(begun) >= 3 * len(listed):
        return [f"{word}_{w}" for w in best[1:3] if "_" not in w and not reserved(w)]
    return []


def negated(g: Graph, members: list[int], best: list[str]) -> list[str]:
    """The best word with the `not` every public name of the group writes before it
    (falcon's `HTTPNotFound`, `HTTPRouteNotFound` beside `HTTPForbidden`: `not_found`, not
    `found`; `not` is a stop word, which names nothing alone)."""
    word = stem(best[0]) if best and "_" not in best[0] else ""
    before = [a for n in members for name in g.nodes[n].names if not name.startswith("_")
              for a, b in itertools.pairwise(["", *snake(name).split("_")]) if stem(b) == word]
    # (in two names or more, and in no name without it: ibis' `Equals`, `NotEquals`,
    # `GreaterEqual` stay `equals`)
    return [f"not_{best[0]}"] if len(before) >= 2 and set(before) == {"not"} else []


# a word every module of every file could be named: it says nothing of this one's members
GENERIC = frozenset("attribute base common function helper method misc module name object "
                    "thing type util utils variable".split())


def constants(g: Graph, members: list[int], head: list[str], old: str = "") -> list[str]:
    """`constants` for a group whose best word is a generic one (`GENERIC`) and most of
    whose public members are constants (pylint's `variables.py`: `MSGS`, `FUTURE`,
    `TYPING_MODULE`, ... beside `register()` and one small enum: `name`), or of values
    alone whose best word not all of them share (certbot's `cli.py`: `LEAUTO`,
    `old_path_fragment`, `new_path_prefix` were `path`; prettytable's twelve `_DEPRECATED_*`
    stay `deprecated`); where the source binds `constants`, the old module's (`cli_constants`)."""
    public = [g.nodes[n].label for n in members if g.nodes[n].public]
    upper = [t for t in public if t.isupper()]
    values = len(members) >= 2 and all(g.nodes[n].kind == "value" for n in members) and not (
        head[:1] and all(head[0] in map(stem, words(g.nodes[n].label)) for n in members))
    if values or (head[:1] and head[0] in GENERIC and 2 * len(upper) > len(public)):
        return ["constants", *([f"{old}_constants"] if old.isidentifier() else [])]
    return []


def apart(g: Graph, name: str) -> list[str]:
    """A one-word name the source defines, split at the longest word of the file's other
    names it begins or ends with (dateutil's class `parserinfo`, beside its class `parser`:
    `parser_info`, not `parserinfo_2`); not at a shorter one (`parse`: `parse_rinfo`)."""
    if not name.isalpha() or len(name) < 5:
        return []
    known = {w for node in g.nodes for label in node.names for w in words(label)
             if len(w) >= 3 and w != name}
    cuts = [(max(len(a) if a in known else 0, len(b) if b in known else 0), f"{a}_{b}")
            for k in range(2, len(name) - 1) for a, b in [(name[:k], name[k:])]]
    return [t for size, t in sorted(cuts, key=lambda c: -c[0])[:1] if size]


# the stop words that are nouns: a class's last word among them names a family (`...Result`),
# the others do not (sqlfluff's `OneOf` and `AnyNumberOf`: not `ofs`)
NOUNS = STOP & frozenset("count data day hour info item minute result second set size task "
                         "value".split())


def suffixes(node: Node, parts: list[str]) -> set[str]:
    """The stemmed last words of a class's names (its `suffix$` grams), and the last word of
    its label (`parts`, snake_case) when that is a stop word and a noun, which makes no gram
    (billiard's `ApplyResult` and `MapResult`: `result`, their family `results`, not
    `apply_result`)."""
    out = {w[:-1] for w in node.grams if w.endswith("$")}
    if node.kind == "class" and len(parts) > 1 and stem(parts[-1]) in NOUNS:
        out.add(stem(parts[-1]))
    return out


def qualified(g: Graph, members: list[int]) -> set[str]:
    """The generic words (`GENERIC`) that the members' names always put after another word,
    which says which one (hypothesis' `RandomModule` and `random_module`: `module` alone is
    no name); not one that begins a name (`name_one`, `name_two`: `name` stays)."""
    first: set[str] = set()
    later: set[str] = set()
    for n in members:
        for label in g.nodes[n].names:
            found = [stem(w) for w in words(label)]
            first.update(found[:1])
            later.update(found[1:])
    return (later - first) & GENERIC


def exceptional(g: Graph, n: int) -> bool:
    """An exception class (its name or its in-file root's ends with `Error`, ...)."""
    node = g.nodes[n]
    return node.kind == "class" and (node.label.endswith(EXCEPTION_SUFFIXES) or g.nodes[
        g.families.get(n, n)].label.endswith(EXCEPTION_SUFFIXES))


def raised(g: Graph, kin: list[int]) -> str:
    """`errors` (`exceptions`) for a family of exceptions under an `...Error` (`...Exception`)
    that their own suffix does not say (voluptuous' `RangeInvalid`, `TypeInvalid`, ... under
    `Invalid(Error)`: not `invalids`)."""
    roots = {g.nodes[g.families.get(n, n)].label for n in kin if exceptional(g, n)}
    ends = {s for s in ("Error", "Exception") for r in roots if r.endswith(s)}
    return f"{ends.pop().lower()}s" if len(ends) == 1 and 2 * sum(
        exceptional(g, n) for n in kin) > len(kin) else ""
