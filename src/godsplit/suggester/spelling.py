"""How a module name is spelled from the source's names: snake_case words split as a person
reads them, and plurals (moved out of `naming`, round 30)."""

from __future__ import annotations

import re
from collections import Counter
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
    return acronyms_apart(snake(label), label, acronyms(g))


def _runs(label: str) -> list[str]:
    """The capital runs that `snake` keeps as one word (`BlipTVIE`: `TVIE`)."""
    return [w for w in _CAMEL.sub("_", label.strip("_")).split("_") if w.isupper() and w.isalpha()]


_ACRONYMS: list[tuple[object, frozenset[str]]] = []  # (the graph, its acronyms): the last one


def acronyms(g: Graph) -> frozenset[str]:
    """The acronyms the file's names write as a word of their own, in two names or more
    (youtube-dl's `IE` in `YoutubeIE`, `VimeoIE`, ...); not the words of an upper-case
    constant's name (`MAX_TIME_LIMIT`)."""
    if _ACRONYMS and _ACRONYMS[0][0] is g:
        return _ACRONYMS[0][1]
    count = Counter(w for name in {n for node in g.nodes for n in node.names if not n.isupper()}
                    for w in set(_runs(name)) if 2 <= len(w) <= 5)
    found = frozenset(w for w, times in count.items() if times >= 2)
    _ACRONYMS[:] = [(g, found)]
    return found


def acronyms_apart(name: str, label: str, known: frozenset[str]) -> str:
    """`name` (`snake(label)`) with a word written as two acronyms in a row split between
    them, when the file writes one of them alone elsewhere and two letters or more are left
    (youtube-dl's `BlipTVIE` beside `YoutubeIE`, ...: `blip_tv_ie`, not `blip_tvie`)."""
    for run in _runs(label) if known else ():
        cuts = [k for k in range(2, len(run) - 1) if run[:k] in known or run[k:] in known]
        if cuts:  # (the longest known part: `HTTPAPI` with `HTTP` and `API` both known)
            k = max(cuts, key=lambda k: max(len(run[:k]) if run[:k] in known else 0,
                                            len(run[k:]) if run[k:] in known else 0))
            name = re.sub(rf"(?<![a-z0-9]){run.lower()}(?![a-z0-9])",
                          f"{run[:k].lower()}_{run[k:].lower()}", name, count=1)
    return name


def spelled_out(g: Graph, word: str) -> str | None:
    """The plural of a family's last word, `word` (stemmed); an acronym the file writes
    (`acronyms`) is spelled out by the class whose words it is the initials of (youtube-dl's
    `YoutubeIE`, `VimeoIE`, ... under `InfoExtractor`: `info_extractors`, not `ies`), else
    one of three letters or more with a vowel is read as a word (esptool's `ESP32ROM`,
    `ESP32S2ROM`, ...: `roms`, not `esp32_rom`, one chip of eight); one of two letters
    (`IE`) or none a plural can be made of (astropy's `LambdaCDM`, `FlatLambdaCDM`: not
    `cdm`) names no family (None)."""
    written = g.surface.get(word, word)
    if word.upper() not in acronyms(g):
        return plural(written)
    full = sorted(snake(node.label) for node in g.nodes if node.kind == "class"
                  and "".join(w[:1] for w in snake(node.label).split("_")) == word)
    return plural(full[0]) if full else plural(written) if len(word) >= 3 and plural(
        written) != written else None
