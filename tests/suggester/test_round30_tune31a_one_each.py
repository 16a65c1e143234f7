"""Round 30 (tune31a): with `--modules K` and K above half the definitions, each class gets
a module and the functions and values the classes share are pooled in one module
(`suggester/one_each.py`, called from `choose`), as asciimatics' and Gradio's maintainers
split their widget and component files; below that, the candidates are made as before."""

from __future__ import annotations

from pathlib import Path

from graphkit import modules_of

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.choose import choose
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.one_each import one_each

HELPERS = ["PALETTE", "_clip", "_pad", "logger"]
WIDGETS = ["Button", "CheckBox", "Divider", "Label", "TextBox"]


def _method(i: int, calls: str) -> str:
    return f"    def draw_{i}(self, text):\n        return {calls}\n\n"


def _widget(name: str, calls: list[str]) -> str:
    body = "".join(_method(i, call) for i, call in enumerate(calls))
    body += "".join(_method(len(calls) + i, f"text * {i}") for i in range(6))
    return f"class {name}(Widget):\n    '''A widget.'''\n\n{body}\n"


# A widget file: a logger, a table and two helper functions first, read by several of the
# classes after them; a base class and five widgets deriving from it.
SOURCE = (
    "import logging\n\nlogger = logging.getLogger(__name__)\n\n"
    "PALETTE = {'label': 1, 'button': 2, 'text': 3}\n\n\n"
    "def _clip(text, width):\n    return text[:width]\n\n\n"
    "def _pad(text, width):\n    return text.ljust(width)\n\n\n"
    "class Widget:\n    '''The base.'''\n\n"
    + _method(0, "logger.debug(text)") + _method(1, "text")
    + "\n" + _widget("Label", ["_clip(text, PALETTE['label'])"])
    + _widget("Button", ["_clip(text, 4)", "_pad(text, PALETTE['button'])"])
    + _widget("CheckBox", ["_pad(text, 3)"])
    + _widget("TextBox", ["_clip(text, 9)", "logger.info(text)"])
    + _widget("Divider", ["text"]).rstrip() + "\n"
)


def _graph(tmp_path: Path) -> Graph:
    path = tmp_path / "widgets.py"
    path.write_text(SOURCE)
    return build_graph(analyze(read_source(path)), ())


def test_above_half_each_class_gets_a_module_and_the_helpers_one(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert len(g.nodes) == 10  # four helpers, the base and five widgets: K 7 is above half
    group = choose(g, 7, 10_000)
    # main: the helpers were spread over the widgets reading them, and two widgets shared
    # a module to make up for it
    assert modules_of(g, group) == sorted([HELPERS, ["Widget"], *([w] for w in WIDGETS)])


def test_at_half_or_below_the_candidates_are_made_as_before(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert one_each(g, 5, 10_000) is None  # 5 modules for 10 definitions: not above half
    assert one_each(g, 6, 10_000) is not None


def test_a_file_of_classes_only_is_left_to_the_candidates(tmp_path: Path) -> None:
    path = tmp_path / "widgets.py"
    path.write_text("".join(f"class Part{i}:\n    size = {i}\n\n\n" for i in range(6)))
    g = build_graph(analyze(read_source(path)), ())
    assert all(n.kind == "class" for n in g.nodes) and len(g.nodes) == 6
    assert one_each(g, 4, 10_000) is None


def test_suggest_makes_exactly_k_modules_with_the_helpers_pooled(tmp_path: Path) -> None:
    source = tmp_path / "widgets.py"
    source.write_text(SOURCE)
    made = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 10_000, modules=7)
    assert not made.errors
    assert len(made.plan.modules) == 7
    where = {n: p.module for p in made.plan.placements for n in p.names}
    assert len({where[h] for h in HELPERS}) == 1
    assert len({where[c] for c in ["Widget", *WIDGETS]}) == 6
    assert where["_clip"] not in {where[c] for c in ["Widget", *WIDGETS]}


def test_a_lone_helper_is_no_pool(tmp_path: Path) -> None:
    path = tmp_path / "parts.py"
    path.write_text("def _default_size():\n    return 3\n\n\n" + "".join(
        f"class Part{i}(Part):\n    def size(self):\n        return {i}\n\n\n"
        for i in range(4)).replace("class Part0(Part)", "class Part").replace(
            "return 1\n", "return _default_size()\n"))
    g = build_graph(analyze(read_source(path)), ())
    assert [n.label for n in g.nodes if n.kind != "class"] == ["_default_size"]
    assert one_each(g, 4, 10_000) is None  # 4 modules for 5 definitions, but one helper
    assert ["Part1", "_default_size"] in modules_of(g, choose(g, 4, 10_000))  # with its reader
