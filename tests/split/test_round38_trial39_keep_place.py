"""Round 38 (trial39): the keep-module-name call and the kept imports after a `__version__`.

pyshp 3.1.6 sets `__version__` above its imports (pycodestyle and ruff allow a dunder
assignment there). Split with `keep-module-name = true`, its facade had the generated
`_godsplit_keep_module_name(...)` call above those imports: 23 E402 under the project's
ruff config. The call now comes after the kept code's leading imports.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.split.apply import apply_splits
from godsplit.split.ruff_tool import ruff_binary

from splitkit import make_project, plan_texts

SOURCE = '''
    """Shapes."""

    from __future__ import annotations

    __version__ = "3.1.6"

    import os
    import sys


    class ShapefileException(Exception):
        pass


    def sep():
        return os.sep


    def platform():
        return sys.platform + sep()
'''


def _facade(tmp_path: Path) -> str:
    config = make_project(tmp_path, SOURCE, {"errors": ["ShapefileException"], "paths": ["sep"]},
                          path="shp.py", keep=["platform"], **{"keep-module-name": True})
    _, texts = plan_texts(config)
    return texts["shp/__init__.py"]


def test_keep_call_after_the_leading_imports_and_no_e402(tmp_path: Path) -> None:
    text = _facade(tmp_path)
    call = text.index("\n_godsplit_keep_module_name(")
    assert text.index('__version__ = "3.1.6"') < text.index("\nimport os") < call
    assert call < text.index("\ndef platform")  # before the facade's own code, as before
    (tmp_path / "facade.py").write_text(text)
    lint = subprocess.run([str(ruff_binary()), "check", "--no-cache", "--isolated", "--select",
                           "E4,E7,E9,F", str(tmp_path / "facade.py")],
                          capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout


def test_the_split_still_keeps_the_module_names(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", SOURCE, {"errors": ["ShapefileException"],
                                                   "paths": ["sep"]},
                          path="shp.py", keep=["platform"], **{"keep-module-name": True})
    result = apply_splits(config)  # the import check: names, kinds and `__module__`
    assert not result.rolled_back
    probe = subprocess.run([sys.executable, "-c", "import shp; print(shp.ShapefileException"
                            ".__module__, shp.sep.__module__, shp.platform(), shp.__version__)"],
                           cwd=tmp_path / "p", capture_output=True, text=True, check=True)
    assert probe.stdout.split()[:2] == ["shp", "shp"]
    assert probe.stdout.split()[3] == "3.1.6"
