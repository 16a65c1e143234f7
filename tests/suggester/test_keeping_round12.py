"""Round 12 (keep12): suggest regroups before it keeps, and says how much it kept.

peewee's suggestion kept 123 names (the old module kept 8,101 of its 9,585 lines) after a
GS124: the keep repair was the only answer to it. Code whose import-time order matters
(registrations appending to one list) runs in source order in one module: suggest now
moves it there first, and keeps names only when that fails."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import Suggestion, suggest
from godsplit.suggester.entry import render_entry


def _function(name: str, lines: int, reads: str = "", decorator: str = "") -> str:
    body = "".join(f"    x{i} = {i}{' + ' + reads if reads else ''}\n" for i in range(lines))
    return f"{decorator}def {name}(x):\n{body}    return x\n\n\n"


SOURCE = (
    "HANDLERS = []\n\n\ndef handler(f):\n    HANDLERS.append(f)\n    return f\n\n\n"
    + "".join(_function(f"parse_{i}", 12, f"parse_{(i + 1) % 8}(x)") for i in range(8))
    + _function("parse_special", 12, " + ".join(f"parse_{i}(x)" for i in range(8)),
                "@handler\n")
    + "".join(_function(f"render_{i}", 12, f"render_{(i + 1) % 8}(x)") for i in range(8))
    + _function("render_general", 12, " + ".join(f"render_{i}(x)" for i in range(8)),
                "@handler\n")
    + "def dispatch(x):\n    return [h(x) for h in HANDLERS]\n"
)


def _suggested(tmp_path: Path, source: str, modules: int) -> Suggestion:
    """suggest's proposal for `pkg/big.py` holding `source`, with no error."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(source)
    config = parse_config({}, tmp_path / "godsplit.toml")
    result = suggest(tmp_path / "pkg/big.py", config, 600, modules=modules)
    assert not result.errors, [f.render() for f in result.errors]
    return result


def test_registrations_apart_are_regrouped_not_kept(tmp_path: Path) -> None:
    """Three modules: the handlers, parse, render (neither imports the other, so either
    may run first); round 11 kept `parse_special` and `render_general`. (Round 21: the
    package's `__init__.py` imports parse before render, as in the source, which keeps
    their order (GS153); a later parse handler, `parse_late`, makes parse's registrations
    come before and after render's: no import order keeps that.)"""
    late = _function("parse_late", 12, "parse_0(x)", "@handler\n")
    at = SOURCE.index("def dispatch")
    result = _suggested(tmp_path, SOURCE[:at] + late + SOURCE[at:], 3)
    assert result.keep == ()
    [home] = [m.name for m in result.modules if "parse_special" in m.mapped]
    assert "render_general" in dict((m.name, m.mapped) for m in result.modules)[home]
    assert "keep" not in render_entry(result)


CHAIN = (
    "".join(_function(f"parse_{i}", 12, f"parse_{(i + 1) % 8}(x)") for i in range(8))
    + "class Root:\n    pass\n\n\n"
    + "class Base(Root):\n    def ours(self):\n"
    + "        return type(self).__module__ == \"pkg.big\"\n\n\n"
    + "class Leaf(Base):\n    pass\n\n\n"
    + "class LeafLeaf(Leaf):\n    pass\n\n\n"
    + "".join(_function(f"render_{i}", 12, f"render_{(i + 1) % 8}(x)") for i in range(8))
)


def test_the_readers_of_kept_code_are_kept_in_the_same_round(tmp_path: Path) -> None:
    """`Base` stays (it compares its module's name, GS117) and subclasses `Root`, which
    moves: it runs after the re-exports, so its subclasses, and theirs, cannot move
    (GS112). Round 11 found them one generation per plan (4 plans); now 2, and the note
    says how much stays."""
    result = _suggested(tmp_path, CHAIN, 2)
    assert result.keep == ("Base", "Leaf", "LeafLeaf")
    assert result.rounds == 2
    [note] = [n for n in result.notes if "stay in the old module" in n]
    assert note == ("3 names stay in the old module (keep): 13 of the source's 273 lines "
                    "(with their imports, the re-exports and godsplit's facade code, the "
                    f"facade has {result.plan.facade_lines})")
    assert "3 names of code that cannot move stay in the old module" in render_entry(result)
