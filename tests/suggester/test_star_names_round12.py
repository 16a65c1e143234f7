"""suggest keeps the names a star import gives only at run time out of its module names
(matplotlib's `image.py`: `from matplotlib._image import *`, an extension module with an
empty stub, gives `resample`; a module named `resample` replaced it, GS415 at apply)."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.files import read_python
from godsplit.split.analyze import analyze
from godsplit.suggester.core import suggest
from godsplit.suggester.star_names import runtime_star_names

SOURCE = '''from pkg.dyn import *


def _resample_rows(x):
    return resample(x)


def _resample_cols(x):
    return resample(x) + 1


def other():
    return 2


def another():
    return 3
'''
DYN = '''globals()["resample"] = lambda x: x * 2
__all__ = [n for n in dict(globals()) if not n.startswith("_")]
'''


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/dyn.py").write_text(DYN)
    (tmp_path / "pkg/big.py").write_text(SOURCE)
    return tmp_path / "pkg/big.py"


def test_the_names_an_unreadable_star_import_gives_are_read_by_importing_it(
        tmp_path: Path) -> None:
    source = _project(tmp_path)
    analysis = analyze(read_python(source))
    config = parse_config({}, tmp_path / "godsplit.toml")
    assert "resample" in runtime_star_names(analysis, config)
    off = parse_config({"verify-import": False}, tmp_path / "godsplit.toml")
    assert runtime_star_names(analysis, off) == frozenset()


def test_suggest_does_not_name_a_module_after_one(tmp_path: Path) -> None:
    source = _project(tmp_path)
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), 600, modules=2)
    assert not result.errors, [f.render() for f in result.errors]
    assert "resample" not in {m.name for m in result.modules}
    assert any("_resample_rows" in m.mapped for m in result.modules)
