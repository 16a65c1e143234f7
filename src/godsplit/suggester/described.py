"""Names from what the code says of itself: a class's docstring, a command line's entry.

httplib2's `Http` is a standard module's name (`http`), and a numbered `http_2` reads like
HTTP/2; its docstring opens "An HTTP client that handles ...": the word after the class's
own name there says what it is: `http_client`, else `client` (tomlkit's `String`, `Array`
and `Time`, each "A ... literal": `string_literal`, `array_literal`, `time_literal`).
What most of a group's public members' docstrings call each of them names it too, in the
plural (colander's `Range`, `Length`, `OneOf`, `Regex`, ...: "Validator which succeeds if
...", "Regular expression validator.": `validators`; tornado's `addslash` and `removeslash`,
"Use this decorator to ...": `decorators`). Deterministic: the text of the source only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import libcst as cst

from .banners import Said, opening, titles
from .graph import STOP, Graph, stem
from .spelling import plural
from .weak_names import GENERIC

# words that follow a class's name in a sentence without saying what it is
_FILLER = frozenset(
    "that which who whose where when class object instance type types is are was be can "
    "may must will should has have used uses this these those its their like than".split())


def docstrings(module: cst.Module) -> Said:
    """Each top-level class's and function's docstring, by its name; and the titles of the
    file's section banners, the one opening the file too (`banners`)."""
    out: dict[str, str] = {}
    for stmt in module.body:
        if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
            doc = stmt.get_docstring()
            if doc:
                out[stmt.name.value] = doc
    sections = titles(module)
    return Said(out, sections, opening(module, sections))


def _sentence(doc: str) -> str:
    return re.split(r"(?<=[.!?:])\s|\n\s*\n", doc.strip(), maxsplit=1)[0]


# words that may follow the noun a docstring calls its object by ("Validator which ...")
_AFTER = frozenset("which that who for to used representing with".split())


def kind_of(doc: str, phrase: bool = True) -> str:
    """The noun the first sentence of `doc` calls its object by: "Validator which succeeds",
    "A data URL validator.", "Use this decorator to": `validator`, `decorator`; with
    `phrase` (a class's docstring), a sentence of a noun alone too ("Regular expression
    validator."). The noun ends a phrase of at most four words that opens the sentence (after
    `A`, `An`, `The`, `This` or `Use this`) before `which`, `that`, `for`, ... or with the
    sentence. None where the sentence opens with a verb (a function's "Process one record.",
    "Estimates parameters for", "Return the value.") or the noun is a filler or a generic
    word ("A type representing", "Base class for")."""
    sentence = _sentence(doc)
    tokens = [t.lower() for t in re.findall(r"[A-Za-z][A-Za-z0-9]*", sentence)]
    opened = tokens[:2] == ["use", "this"] or tokens[:1] in (["a"], ["an"], ["the"], ["this"])
    tokens = tokens[2:] if tokens[:2] == ["use", "this"] else tokens[1:] if opened else tokens
    ends = sentence.rstrip().endswith(".")
    for j, word in enumerate(tokens[:4]):
        if word in ("a", "an", "the", "this", "one"):
            return ""
        if (tokens[j + 1] in _AFTER if j + 1 < len(tokens) else ends):
            # (a verb: "Apply to ...", "Runs sync for ...", a function's "Process the record.")
            verb = not opened and ((j == 0 and tokens[1:2] == ["to"]) or (
                j > 0 and (not phrase or tokens[0].endswith("s"))))
            bad = (verb or not word.isalpha() or len(word) < 4 or word in _FILLER
                   or word in GENERIC or stem(word) in STOP or stem(word) != word)
            return "" if bad else word
    return ""


def kinds(g: Graph, members: list[int], docs: Mapping[str, str], old: str) -> list[str]:
    """The plural of what the docstrings of two or more, and over half, of the group's public
    functions and classes call each of them (`kind_of`): colander's validators; not the old
    module's own word (weasyprint's `validation.py`: "Validation for ..." says nothing new)."""
    public = [(g.nodes[n].label, g.nodes[n].kind == "class") for n in members
              if g.nodes[n].public and g.nodes[n].kind != "value"]
    said = Counter(k for k in (kind_of(docs.get(label, ""), phrase) for label, phrase in public)
                   if k)
    word, times = max(sorted(said.items()), key=lambda kv: kv[1], default=("", 0))
    if stem(word) == stem(old.lower()):
        return []
    return [plural(word)] if times >= 2 and 2 * times > len(public) else []


def told(label: str, doc: str, name: str) -> list[str]:
    """What the first sentence of `doc` calls the class `label` (snake_case `name`): the
    word after its own name (`An HTTP client that handles`: `http_client`, `client`)."""
    sentence = _sentence(doc)
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9]*", sentence)
    own = label.strip("_").lower()
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + 4, len(tokens))):
            if "".join(tokens[i:j]).lower() != own:
                continue
            word = tokens[j].lower()
            if (tokens[j].isalpha() and len(word) > 2 and word not in _FILLER
                    and stem(word) not in STOP and word != own):
                return [f"{name}_{word}", word]
            return []
    return []


ENTRY = ("main", "_main", "cli", "run_cli")  # a command line's entry point


def command_line(g: Graph, members: list[int]) -> list[str]:
    """`cli` for a group whose longest function is the command line's entry point
    (markdown2's `main()` with its argparse formatter and `DEBUG`, `log`, `MarkdownError`:
    not `markdown_error`)."""
    functions = [n for n in members if g.nodes[n].kind == "function"]
    top = max(functions, key=lambda n: (g.nodes[n].lines, -n), default=None)
    if top is None or not set(g.nodes[top].names) & set(ENTRY):
        return []
    return ["cli", "command_line"] if 3 * g.nodes[top].lines >= g.size(members) else []
