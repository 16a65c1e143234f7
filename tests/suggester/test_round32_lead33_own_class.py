"""Round 32 (lead): a module that gives itself a class (`sys.modules[__name__].__class__ =
X`) needs a static facade: under the live facade `type()` of the module would be another
class (GS157, an error since engine33). suggest ended there ("no mapping without plan errors
was found"); it now writes `facade = "static"` with a comment, and notes why."""

from __future__ import annotations

from pathlib import Path

import pytest

import godsplit
from godsplit.suggester.entry import render_entry

SOURCE = '''import sys
import types


class _Mod(types.ModuleType):
    @property
    def answer(self):
        return 42


def alpha(x):
    return x + 1


def beta(x):
    return alpha(x) * 2


class Gamma:
    def run(self):
        return beta(3)


class Delta:
    def run(self):
        return alpha(4)
'''


@pytest.mark.parametrize("own_class", [True, False])
def test_a_module_giving_itself_a_class_gets_a_static_facade(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_class: bool) -> None:
    tail = "\n\nsys.modules[__name__].__class__ = _Mod\n" if own_class else ""
    (tmp_path / "big.py").write_text(SOURCE + tail)
    (tmp_path / "godsplit.toml").write_text("max-lines = 600\n")
    monkeypatch.chdir(tmp_path)
    suggestion = godsplit.suggest(tmp_path / "big.py", modules=2, static=True)
    assert not suggestion.errors
    entry = render_entry(suggestion)
    assert suggestion.facade == ("static" if own_class else "live")
    assert ('facade = "static"' in entry) is own_class
    assert suggestion.table().get("facade") == ("static" if own_class else None)
    assert any("(GS157)" in note for note in suggestion.notes) is own_class
