"""The verbs of a group's public function names and the objects they act on: a module is
named after what is done to, not the doing (moved out of `naming`, round 33)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .graph import Graph, stem
from .spelling import snake


def nouns_first(g: Graph, n: int) -> list[str]:
    """The words of a member's name, a function's first word (its verb: `move_wheel_files`)
    last."""
    parts = [w for w in snake(g.nodes[n].label).split("_") if w]
    return parts[1:] + parts[:1] if g.nodes[n].kind == "function" else parts


def verbs(g: Graph, members: list[int]) -> dict[str, set[str]]:
    """The words that begin a public function's name and no other public name's words, and
    the words after them there (pyparsing's `enable_diag`, `enable_all_warnings` beside
    `disable_diag`: `enable` with `diag`, `all`, `warning`): a verb says what is done, its
    object to what, and the object names the module (mne's `check_random_state` beside
    `object_hash` keeps `check`: no word after it is among the group's best). A plural is
    no verb (wagtail's `revisions_view`, `revisions_revert`: `revisions`)."""
    first: dict[str, set[str]] = defaultdict(set)
    other: set[str] = set()
    for n in members:
        for name in (name for name in g.nodes[n].names if not name.startswith("_")):
            raw = [w for w in snake(name).split("_") if w]
            parts = [stem(w) for w in raw]
            if g.nodes[n].kind == "function" and parts and parts[0] == raw[0]:
                first[parts[0]].update(parts[1:])  # (a plural is a noun: `revisions_view`)
            else:
                other.update(parts[:1])
            other.update(parts[1:])
    return {verb: after for verb, after in first.items() if verb not in other}


def objects_first(words: list[str], verb: Mapping[str, set[str]]) -> list[str]:
    """`words` with each verb (`verbs`) moved after the first of its objects among them."""
    out = list(words)
    for word in words:
        ahead = [k for k, w in enumerate(out) if stem(w) in verb.get(stem(word), ())]
        if ahead and ahead[0] > out.index(word):
            out.remove(word)
            out.insert(ahead[0], word)  # (the list shifted left: just after it)
    return out



# words that only say what is done, never a thing a module holds (with `-ize`, `-ify`, ...)
DOING = frozenset("compute convert dump parse print render validate".split())


def countable(word: str) -> bool:
    """Whether `word`'s plural reads as a name: not where its first word is a verb (`DOING`,
    or made with `-ize` or `-ify`): pipdeptree's `print_graphviz`, pylint's
    `tokenize_module`, PuLP's `initialize` have no plural a person would write (`initializes`);
    a noun that a function is named after is counted (control's `pole`, `zero`: `poles`,
    `zeros`)."""
    first = word.split("_")[0]
    return not (first in DOING or first.endswith(("ize", "ise", "yze", "ify")))
