"""Names from what the code says of itself: a class's docstring, a command line's entry.

httplib2's `Http` is a standard module's name (`http`), and a numbered `http_2` reads like
HTTP/2; its docstring opens "An HTTP client that handles ...": the word after the class's
own name there says what it is: `http_client`, else `client` (tomlkit's `String`, `Array`
and `Time`, each "A ... literal": `string_literal`, `array_literal`, `time_literal`).
Deterministic: the text of the source only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import libcst as cst

from .graph import STOP, Graph, stem

# words that follow a class's name in a sentence without saying what it is
_FILLER = frozenset(
    "that which who whose where when class object instance type types is are was be can "
    "may must will should has have used uses this these those its their like than".split())


def docstrings(module: cst.Module) -> Mapping[str, str]:
    """Each top-level class's docstring, by the class's name."""
    out: dict[str, str] = {}
    for stmt in module.body:
        if isinstance(stmt, cst.ClassDef):
            doc = stmt.get_docstring()
            if doc:
                out[stmt.name.value] = doc
    return out


def told(label: str, doc: str, name: str) -> list[str]:
    """What the first sentence of `doc` calls the class `label` (snake_case `name`): the
    word after its own name (`An HTTP client that handles`: `http_client`, `client`)."""
    sentence = re.split(r"(?<=[.!?:])\s|\n\s*\n", doc.strip(), maxsplit=1)[0]
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
