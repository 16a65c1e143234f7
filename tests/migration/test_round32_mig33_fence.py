"""Round 32 (mig33): retire drops godsplit's `# isort: off` / `# isort: on` fence.

mongomock 4.3.0 (`mongomock/collection.py`, split by suggest, then migrate and retire): the
facade's imports were fenced by `grouping.protect` (`X as X` names grouped, kept from the
sorter). retire dropped the imports and `# isort: on` with them, and kept `# isort: off`
alone as "its opening comments": the retired `__init__.py` was that one line (the source
had no comment at all), and it turned isort off for anything written there later.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.migration.retire import retired_init
from godsplit.split.analyze import analyze

FACADE = '''\
# godsplit: facade: the code lives in the modules of
# `pkg.big` now.
# pylint: disable=useless-import-alias

# isort: off
import json as json
from pkg.big.db import export as export
from pkg.big.io import conv as conv

# isort: on

# godsplit: the package's submodules would otherwise be exported by `import *`.
__all__ = ["conv", "export", "json"]
'''


def _retired(tmp_path: Path, text: str, kept: list[int] | None = None) -> str:
    path = tmp_path / "__init__.py"
    path.write_text(text)
    return retired_init(analyze(read_source(path)), kept or [])


def test_the_fence_goes_with_the_imports_it_fenced(tmp_path: Path) -> None:
    assert _retired(tmp_path, FACADE) == ""


def test_the_sources_own_comments_stay(tmp_path: Path) -> None:
    text = FACADE.replace("# isort: off\n", "# Copyright the authors.\n\n# isort: off\n")
    assert _retired(tmp_path, text) == "# Copyright the authors.\n"


def test_a_fence_around_kept_imports_stays(tmp_path: Path) -> None:
    text = "# isort: off\nimport os\nimport json\n# isort: on\n\nos.environ.setdefault('A', json.dumps(1))\n"
    path = tmp_path / "__init__.py"
    path.write_text(text)
    analysis = analyze(read_source(path))
    kept = [u.id for u in analysis.units if u.kind not in ("import", "docstring")]
    out = retired_init(analysis, kept)
    assert "# isort: off\nimport os\nimport json\n# isort: on\n" in out, out
