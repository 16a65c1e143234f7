"""Round 28 (tune28a): a class family is pooled by subfamilies, never through one.

`place.gather_families` pools the small classes of a large in-file family in one group
(maintainers keep sphinx's AST classes together). Classes were pooled one by one, so a
small subclass of a large class left its base for the pool: astropy's maintainers gave
each cosmology model and its flat variant (`class FlatLambdaCDM(FlatFLRWMixin,
LambdaCDM)`) a module of their own, and suggest put the flat variants in one module
apart from their models. A subfamily (a direct subclass of the family's root with all its
own subclasses, through first bases not named `...Mixin`) now moves whole, when it is
small as a whole (`suggester/subfamilies.py`).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph, Node
from godsplit.suggester.place import gather_families
from godsplit.suggester.subfamilies import head, subfamilies


def _class(name: str, lines: int, line: int, bases: tuple[int, ...] = ()) -> Node:
    return Node((name,), lines, line, "class", True, frozenset(), 0, bases)


def _models() -> Graph:
    """A base (0), two large models each with a small flat variant that lists a mixin (7)
    first, and two small models."""
    nodes = [_class("Base", 600, 1), _class("ModelA", 300, 700, (0,)),
             _class("FlatModelA", 60, 1000, (7, 1)), _class("ModelB", 300, 1100, (0,)),
             _class("FlatModelB", 60, 1400, (7, 3)), _class("ModelC", 40, 1500, (0,)),
             _class("ModelD", 40, 1600, (0,)), _class("FlatMixin", 50, 650)]
    return Graph(nodes, {}, {}, {}, {}, {})


def test_subfamilies_follow_first_bases_not_named_mixin() -> None:
    g = _models()
    assert [head(g.nodes, n) for n in range(8)] == [0, 1, 1, 3, 3, 5, 6, 7]
    assert subfamilies(g) == {0: [[0], [1, 2], [3, 4], [5], [6]], 7: [[7]]}


def test_a_small_subclass_stays_with_its_large_base() -> None:
    """1,450 lines in 4 modules: the flat variants (60 lines) are small, their models (300)
    not; pooled one by one, both flat variants left their models for the group of the
    two small models. Now each model's subfamily (360 lines) is too large to pool, and
    the two small models alone are too few to gather: nothing moves."""
    g = _models()
    group = {0: 0, 7: 0, 1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3}
    before = dict(group)
    gather_families(g, group, 4, 10_000)
    assert group == before


def _method(name: str, lines: int) -> str:
    body = "".join(f"        total = total + {i}\n" for i in range(lines - 3))
    return f"    def {name}(self):\n        total = 0\n{body}        return total\n\n"


def _source() -> str:
    """A base class, a mixin for its flat variants, three models each with a flat variant,
    and two small models: like astropy's `cosmology/flrw.py` before its split."""
    out = ['"""Models."""\n\n\nclass Base:\n', _method("density", 150), _method("age", 150),
           _method("distance", 150), _method("volume", 150), "\n\nclass FlatMixin:\n",
           _method("curvature", 20), "\n"]
    for name in ("Lambda", "Wind", "Wave"):
        out += [f"\nclass {name}(Base):\n", _method(f"{name.lower()}_density", 120),
                _method(f"{name.lower()}_scale", 120), "\n",
                f"\nclass Flat{name}(FlatMixin, {name}):\n", _method(f"flat_{name.lower()}", 40),
                "\n"]
    for name in ("Drift", "Pulse"):
        out += [f"\nclass {name}(Base):\n", _method(f"{name.lower()}_density", 60), "\n"]
    return "".join(out).rstrip() + "\n"


def test_suggest_gives_each_model_and_its_flat_variant_a_module(tmp_path: Path) -> None:
    """With `--modules 5`: each model is in a module of its own with its flat variant, as
    astropy's maintainers split theirs (before, two models and their flat variants
    shared one module and a small model had one of its own)."""
    source = tmp_path / "models.py"
    source.write_text(_source())
    made = suggest(source, parse_config({"max-lines": 100_000}, tmp_path / "godsplit.toml"),
                   100_000, modules=5)
    assert not made.errors
    modules = {m.name: set(m.mapped) for m in made.modules}
    models = {"Lambda", "Wind", "Wave", "Drift", "Pulse"}
    for name in ("Lambda", "Wind", "Wave"):
        # its flat variant with it, and no other model (since tune34c's `scattered` the
        # shared FlatMixin may go with one of them: Base's far-apart Drift and Pulse are a
        # module of their own, and the mixin, a group of one, joins its closest reader)
        held = next(m for m in modules.values() if name in m)
        assert f"Flat{name}" in held and held & models == {name}, modules
