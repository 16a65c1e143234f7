"""Round 33 (tune34a): when each class gets a module (`one_each`), a private helper written
beside the one class that reads it goes with that class (`suggester/beside.py`), as VisPy's
maintainers moved `_arcball` with `ArcballCamera`; a helper written among other helpers
stays pooled, as asciimatics' maintainers pooled theirs."""

from __future__ import annotations

from pathlib import Path

from graphkit import graph_of, modules_of

from godsplit.config import parse_config
from godsplit.suggester.beside import beside
from godsplit.suggester.choose import choose
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph

CAMERAS = ["BaseCamera", "PanCamera", "TurnCamera", "BallCamera", "FlyCamera"]


def _camera(name: str, base: str, extra: str = "") -> str:
    body = "".join(f"    def view_{i}(self, x):\n        return x * {i}\n\n" for i in range(6))
    return f"class {name}({base}):\n    '''A camera.'''\n\n{body}{extra}\n"


# A camera file: a factory reading every camera, a base and four cameras; `_ball` is written
# right after `BallCamera`, the only code that reads it.
SOURCE = (
    "def make_camera(kind):\n"
    "    return {'pan': PanCamera, 'turn': TurnCamera, 'ball': BallCamera,\n"
    "            'fly': FlyCamera, 'base': BaseCamera}[kind]()\n\n\n"
    + _camera("BaseCamera", "object")
    + _camera("PanCamera", "BaseCamera")
    + _camera("TurnCamera", "BaseCamera")
    + _camera("BallCamera", "BaseCamera",
              "    def spin(self, x):\n        return _ball(x)\n\n")
    + "def _ball(x):\n    return x + 1\n\n\n"
    + _camera("FlyCamera", "BaseCamera").rstrip() + "\n"
)


def _graph(tmp_path: Path, text: str = SOURCE) -> Graph:
    return graph_of(tmp_path, text, "cameras")


def test_a_helper_beside_its_only_reader_goes_with_it(tmp_path: Path) -> None:
    g = _graph(tmp_path)
    assert len(g.nodes) == 7  # K 6 is above half the definitions: a module per class
    group = choose(g, 6, 10_000)
    # main: `_ball` was pooled with `make_camera`, away from the class written for it
    assert modules_of(g, group) == sorted(
        [["make_camera"], ["BallCamera", "_ball"], *([c] for c in CAMERAS if c != "BallCamera")])


def test_a_helper_among_helpers_stays_pooled(tmp_path: Path) -> None:
    # the same helper written first, beside the factory: not written for BallCamera
    text = SOURCE.replace("def _ball(x):\n    return x + 1\n\n\n", "")
    text = "def _ball(x):\n    return x + 1\n\n\n" + text
    g = _graph(tmp_path, text)
    rest = [n for n, node in enumerate(g.nodes) if node.kind != "class"]
    assert beside(g, rest) == {}
    assert ["_ball", "make_camera"] in modules_of(g, choose(g, 6, 10_000))


def test_a_helper_two_classes_read_is_not_beside(tmp_path: Path) -> None:
    text = SOURCE.replace("return x * 5\n", "return _ball(x)\n", 1)  # BaseCamera reads it too
    g = _graph(tmp_path, text)
    rest = [n for n, node in enumerate(g.nodes) if node.kind != "class"]
    assert beside(g, rest) == {}


def test_suggest_makes_exactly_k_modules_with_the_helper_beside(tmp_path: Path) -> None:
    source = tmp_path / "cameras.py"
    source.write_text(SOURCE)
    made = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 10_000, modules=6)
    assert not made.errors
    assert len(made.plan.modules) == 6
    where = {n: p.module for p in made.plan.placements for n in p.names}
    assert where["_ball"] == where["BallCamera"]
    assert len({where[c] for c in CAMERAS} | {where["make_camera"]}) == 6
