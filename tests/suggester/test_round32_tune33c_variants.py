"""Round 32 (tune33c): with `--modules K`, parallel variants of the same classes get a
module each (pyglet's `Scrollable*` and `Incremental*` layouts beside `TextLayout`,
photutils' `Circular*`, `Elliptical*` and `Rectangular*` apertures), the rest a module of
its own (`suggester/variants.py`, called from `choose`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphkit import graph_of, modules_of

from godsplit.suggester import choose as chooser
from godsplit.suggester.choose import choose
from godsplit.suggester.graph import Graph
from godsplit.suggester.variants import by_variant, variant_families


def _class(name: str, base: str = "", uses: tuple[str, ...] = (), group: str = "") -> str:
    body = f"    group_class = {group}\n\n" if group else ""
    body += "".join(f"    def step_{i}(self, x):\n        return {' + '.join((*uses, 'x'))}\n\n"
                   for i in range(4))
    return f"class {name}{f'({base})' if base else ''}:\n    '''A {name}.'''\n\n{body}\n"


# a base layout and its group, their helpers, and two variants of each: each layout names
# its group's class (pyglet's `group_class`); the variants subclass the base ones
LAYOUTS = (
    "def _parse_distance(x):\n    return x\n\n\n"
    "def _layout_vertex(x):\n    return _parse_distance(x)\n\n\n"
    + _class("TextLayoutGroup", uses=("_layout_vertex(x)",))
    + _class("TextLayout", uses=("_parse_distance(x)", "_layout_vertex(x)"),
             group="TextLayoutGroup")
    + _class("ScrollableTextLayoutGroup", "TextLayoutGroup")
    + _class("ScrollableTextLayout", "TextLayout", ("ScrollableTextLayoutGroup(x)",),
             group="ScrollableTextLayoutGroup")
    + _class("IncrementalTextLayoutGroup", "TextLayoutGroup")
    + _class("IncrementalTextLayout", "TextLayout", ("IncrementalTextLayoutGroup(x)",),
             group="IncrementalTextLayoutGroup")
).rstrip() + "\n"


def _graph(tmp_path: Path, source: str) -> Graph:
    return graph_of(tmp_path, source, "layout")


def test_each_variant_is_a_module_and_the_base_another(tmp_path: Path) -> None:
    g = _graph(tmp_path, LAYOUTS)
    assert modules_of(g, choose(g, 3, 10_000)) == sorted([
        ["IncrementalTextLayout", "IncrementalTextLayoutGroup"],
        ["ScrollableTextLayout", "ScrollableTextLayoutGroup"],
        ["TextLayout", "TextLayoutGroup", "_layout_vertex", "_parse_distance"]])


def test_a_word_crossing_the_variants_is_not_the_axis(tmp_path: Path) -> None:
    """photutils: `Sky` prefixes every shape's twin; the shapes are the axis (`choose` then
    weighs that candidate against the merging's)."""
    source = (_class("Aperture") + _class("SkyAperture", "Aperture")
              + "".join(_class(f"{sky}{shape}{kind}", f"{sky}Aperture")
                        for shape in ("Circular", "Elliptical") for kind in ("Aperture", "Annulus")
                        for sky in ("Sky", ""))).rstrip() + "\n"
    g = _graph(tmp_path, source)
    families = [sorted(g.nodes[n].label for n in f) for f in variant_families(g)]
    assert families == [
        ["CircularAnnulus", "CircularAperture", "SkyCircularAnnulus", "SkyCircularAperture"],
        ["EllipticalAnnulus", "EllipticalAperture", "SkyEllipticalAnnulus",
         "SkyEllipticalAperture"]]
    made = by_variant(g, 3)  # the candidate: a module per shape, the rest one more
    assert made is not None and modules_of(g, made) == sorted([["Aperture", "SkyAperture"], *families])


def test_no_axis_of_two_families_leaves_the_grouping_alone(tmp_path: Path) -> None:
    """One variant word (`Scrollable`) is no axis; nor are words that fill one template
    only (`Static` beside `TextLayout` alone)."""
    source = (_class("TextLayout") + _class("ScrollableTextLayout", "TextLayout")
              + _class("TextLayoutGroup") + _class("ScrollableTextLayoutGroup", "TextLayoutGroup")
              + _class("StaticTextLayout", "TextLayout")).rstrip() + "\n"
    assert variant_families(_graph(tmp_path, source)) == []


def test_families_as_many_as_the_modules_leave_the_grouping_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two variants and K 2: no module would be left for the base; the merging decides.
    (Since round 35 the file cut in two runs, when fewer calls cross it, carves the last
    variant off the end here: `two_runs`, tested on its own.)"""
    monkeypatch.setattr(chooser, "prefer_two_runs", lambda g, group, k, cap, tangled: group)
    g = _graph(tmp_path, LAYOUTS)
    assert len(variant_families(g)) == 2
    made = modules_of(g, choose(g, 2, 10_000))
    assert len(made) == 2
    assert ["IncrementalTextLayout", "IncrementalTextLayoutGroup"] not in made
