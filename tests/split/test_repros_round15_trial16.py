"""Bugs found in round 15 splitting real god files not tried before (Pillow's
`PIL/Image.py`, ...) and running each library's own suite before and after: each a
minimal `pkg/big.py`, planned and applied; a clean plan must not roll back, a written
split must behave the same, and what cannot be split as mapped is refused at plan time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

SPEC_READS = """
    import importlib


    def plugin_name(name):
        return f"{__spec__.parent}.{name}"


    def spec_name():
        return __spec__.name


    def load(name):
        try:
            return importlib.import_module(plugin_name(name)).VALUE
        except ImportError:
            return None


    def other():
        return 1
"""


def test_spec_parent_and_name_keep_the_old_modules_values(tmp_path: Path) -> None:
    """Pillow's `Image.init()` imports each plugin as `__import__(f"{__spec__.parent}.
    {plugin}")` and ignores an ImportError. Moved into `PIL/Image/registry.py`,
    `__spec__.parent` became `PIL.Image`: no plugin loaded, silently, and the split said
    verified (`__package__` and `__name__` were replaced by the old values; their spellings
    through `__spec__` were not)."""
    modules = {"loading": ["plugin_name", "spec_name", "load"], "rest": ["other"]}
    code = "import pkg.big as m; print(m.plugin_name('x'), m.spec_name(), m.load('plug'))"
    files = {"pkg/plug.py": "VALUE = 5\n"}
    assert _same(tmp_path, SPEC_READS, modules, code, files=files) == "pkg.x pkg.big 5\n"
    plan, texts = plan_texts(make_project(tmp_path / "plan", SPEC_READS, modules, files=files))
    assert 'return f"pkg.{name}"' in texts["pkg/big/loading.py"]
    assert 'return "pkg.big"' in texts["pkg/big/loading.py"]
    assert any("`__spec__.parent` replaced by 'pkg'" in f.message for f in plan.findings)


DUNDER_IMPORT = """
    from __future__ import annotations

    PLUGINS = ["plug"]
    LOADED = []


    def init():
        for plugin in PLUGINS:
            try:
                __import__(f"pkg.{plugin}", globals(), locals(), [])
            except ImportError:
                pass
            else:
                LOADED.append(plugin)
        return LOADED


    class Capsule:
        def make(self) -> PyCapsule:  # noqa: F821 (a name only the annotation reads)
            raise NotImplementedError


    def other():
        return 1
"""


def test_globals_given_to_an_absolute_dunder_import_do_not_keep_the_function(
    tmp_path: Path,
) -> None:
    """Pillow's `init()` and `_import_plugin_for_extension()` call `__import__(name,
    globals(), locals(), [])`: a plan error (GS101: 'finds the module it runs in'), and
    every unbound name anywhere (`PyCapsule` in an annotation) was GS122 ('the module binds
    names through its namespace'). An absolute import (level 0) never reads the namespaces
    it is given: they can move."""
    modules = {"plugins": ["PLUGINS", "LOADED", "init"], "capsules": ["Capsule", "other"]}
    code = "import pkg.big as m; print(m.init(), m.LOADED, m.other())"
    files = {"pkg/plug.py": "VALUE = 5\n"}
    plan, _ = plan_texts(make_project(tmp_path / "plan", DUNDER_IMPORT, modules, files=files))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert _same(tmp_path / "run", DUNDER_IMPORT, modules, code,
                 files=files) == "['plug'] ['plug'] 1\n"


def test_globals_given_to_a_relative_dunder_import_still_keep_the_function(
    tmp_path: Path,
) -> None:
    """With a level, `__import__` resolves the name from the namespace's package, which
    differs in a new module: the function still stays in the old module (GS101 mapped)."""
    source = DUNDER_IMPORT.replace('f"pkg.{plugin}", globals(), locals(), []',
                                   "plugin, globals(), locals(), [], 1")
    modules = {"plugins": ["PLUGINS", "LOADED", "init"], "capsules": ["Capsule", "other"]}
    plan, _ = plan_texts(make_project(tmp_path, source, modules))
    assert "GS101" in {f.code for f in plan.errors}


TYPING_ONLY = """
    from __future__ import annotations

    import typing


    class Image:
        def mode(self) -> str:
            return getmodebase("RGB")


    def getmodebase(mode: str) -> str:
        return mode[0]


    def conv_type_shape(im: Image) -> str:
        return im.mode()


    def hints() -> str:
        return ",".join(sorted(typing.get_type_hints(conv_type_shape)))
"""


def _ruff(root: Path, *paths: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", *paths], cwd=root, capture_output=True, text=True,
                          check=False)
    return proc.stdout


@pytest.mark.parametrize("select", ['["F", "E", "TC", "RUF100"]', '["F", "E", "RUF100"]'])
def test_an_import_only_annotations_read_carries_tc001_where_ruff_reports_it(
    tmp_path: Path, select: str
) -> None:
    """Pillow selects ruff's TC rules: `from .image import Image` in the new modules whose
    functions only annotate with `Image` was TC001 (2 by hand, 3 for suggest: 'move
    application import into a type-checking block'). godsplit imports it at run time on
    purpose (`get_type_hints` finds it, as in the god file): the import carries a targeted
    noqa where the project enables TC001, and none where it does not (RUF100)."""
    files = {"pyproject.toml": f"[tool.ruff.lint]\nselect = {select}\n"}
    modules = {"image": ["Image"], "modes": ["getmodebase", "conv_type_shape", "hints"]}
    code = "import pkg.big as m; print(m.hints())"
    assert _same(tmp_path, TYPING_ONLY, modules, code, files=files) == "im,return\n"
    found = _ruff(tmp_path / "after", "pkg/big")
    assert found.strip() == "All checks passed!" or not found.strip(), found
    modes = (tmp_path / "after" / "pkg/big/modes.py").read_text()
    assert ("TC001" in modes) == ("TC" in select), modes
