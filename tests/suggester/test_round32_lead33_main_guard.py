"""Round 32 (lead): a `__main__` guard that runs a branch on every import (`if __name__ !=
"__main__": ... else: ...`) stays in the old module, which a package split cannot keep a
file run by `python -m` (GS409). suggest ended there ("no mapping without plan errors was
found": PuLP 2.0's `solvers.py`, line 153); it now puts the new modules in a package
beside the old module, as GS409's fix says, and notes why."""

from __future__ import annotations

from pathlib import Path

import pytest

import godsplit
from godsplit.suggester.entry import render_entry

DEFS = "".join(
    f"class Solver{i}:\n    '''Solver {i}.'''\n\n    def solve(self, x):\n"
    f"        return x + {i}\n\n\n" for i in range(4))


@pytest.mark.parametrize("test", ['__name__ != "__main__"', '__name__ == "__main__"'])
def test_a_both_ways_main_guard_gets_modules_beside_the_old_module(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test: str) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "solvers.py").write_text(
        f"import os\n\nif {test}:\n    HOME = os.getcwd()\nelse:\n    HOME = '/'\n\n\n" + DEFS)
    (tmp_path / "godsplit.toml").write_text("max-lines = 600\n")
    monkeypatch.chdir(tmp_path)
    suggestion = godsplit.suggest(tmp_path / "pkg" / "solvers.py", modules=2, static=True)
    assert not suggestion.errors
    assert suggestion.package == "pkg/solvers_parts"
    assert 'package = "pkg/solvers_parts"' in render_entry(suggestion)
    assert any("(GS409)" in note and "line 3" in note for note in suggestion.notes)


def test_a_plain_main_block_keeps_the_package_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "solvers.py").write_text(DEFS + "if __name__ == '__main__':\n    print(1)\n")
    (tmp_path / "godsplit.toml").write_text("max-lines = 600\n")
    monkeypatch.chdir(tmp_path)
    suggestion = godsplit.suggest(tmp_path / "solvers.py", modules=2, static=True)
    assert not suggestion.errors
    assert suggestion.package is None
    assert not any("GS409" in note for note in suggestion.notes)
