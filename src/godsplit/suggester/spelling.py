"""How a module name is spelled from the source's names: snake_case words split as a person
reads them, and plurals (moved out of `naming`, round 30)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import Graph

# a capital after a lower-case letter or digit starts a word, and so does the last capital
# of a run of two or more (`HTTPError`); one capital alone does not (`GZip`, `IPv4`, `ETag`),
# except an interface's leading `I` before a word (zope's and twisted's `IComponentLookup`:
# `i_component_lookup`, whose `i` a file of interfaces drops as its prefix, `file_prefix`)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z][A-Z])(?=[A-Z][a-z])"
                    r"|(?<=^I)(?=[A-Z][a-z]{2})")
SOFT = ("s", "ed", "ing", "ly", "y", "data", "info")  # plural of these reads oddly


def snake(name: str) -> str:
    return _CAMEL.sub("_", name.strip("_")).lower()


def plural(word: str) -> str:
    """The word's plural; none of an acronym spelled as a word, which has no vowel
    (httplib2's `Http`: `https` is another protocol; `sql`, `xml`, `tcp`)."""
    if word.endswith(SOFT) or not re.search(r"[aeiouy]", word.rsplit("_", 1)[-1]):
        return word
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        word + "es" if word.endswith(("ch", "sh", "x", "ss")) else word + "s")


def many(label: str, name: str) -> str:
    """The plural of a class's module name, but not after an acronym a person would not
    inflect (astroid's `LocalsDictNodeNG`: `locals_dict_node_ng`, not `..._ngs`); one
    spelled as a word has no vowel (`plural`)."""
    return name if re.search(r"[A-Z]{2,}[0-9]*$", label) else plural(name)



def snake_in(g: Graph, label: str) -> str:
    """`snake`, but a name that begins with an acronym the file names a class by, followed by
    lower-case letters, splits after it (IPy's `IPint` beside its class `IP`: `ip_int`, not
    an interface's `i_pint`)."""
    for node in g.nodes if re.match(r"[A-Z]{2,}[a-z]", label) else ():
        head = node.label
        rest = label[len(head):]
        if (node.kind == "class" and len(head) >= 2 and head.isupper() and head.isalpha()
                and label.startswith(head) and rest.isalpha() and rest.islower()):
            return f"{head.lower()}_{rest}"
    return snake(label)
