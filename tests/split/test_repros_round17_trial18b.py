"""Bugs found in round 17 splitting real god files not tried before (pyOpenSSL's
`SSL.py`, yt-dlp's `utils/_utils.py`, pytest's `python.py`) and running each library's
own suite before and after: each a minimal `pkg/big.py`, planned and applied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

# yt-dlp's `yt_dlp/utils/_utils.py` pretends to be its parent package: every class and
# function it defines reports `yt_dlp.utils`, and reprs print `__name__`
PRETENDS_TO_BE_ITS_PARENT = """
    __name__ = __name__.rsplit('.', 1)[0]  # pretend to be the parent module


    def helper():
        return "real"


    def use():
        return helper()


    class Thing:
        def __repr__(self):
            return f"{__name__}.Thing()"
"""

PATCHED = """
    import sys
    import types
    from unittest import mock

    import pkg.big

    with mock.patch.object(pkg.big, "helper", lambda: "patched"):
        print(pkg.big.use())
    print(pkg.big.use())
    print(pkg.big.Thing.__module__, pkg.big.use.__module__, repr(pkg.big.Thing()))
    print(type(sys.modules["pkg"]) is types.ModuleType)
"""


@pytest.mark.parametrize("keep_module_name", [False, True])
def test_a_module_that_rebinds_its_name_keeps_a_live_facade(
    tmp_path: Path, keep_module_name: bool,
) -> None:
    """yt-dlp's utils rebind `__name__` to the parent package's name at their top. The
    live facade found its own module as `sys.modules[__name__]`, which was then the parent
    package: it made `yt_dlp.utils` (mid-import) the facade class, read its bindings from
    that package, and a patch of the old module (`mock.patch.object(pkg.big, ...)`) no
    longer reached the moved code. "verified" all the same: the import check compares
    names, not patches."""
    out = same_behaviour(tmp_path, PRETENDS_TO_BE_ITS_PARENT,
                         {"helpers": ["helper"], "users": ["use", "Thing"]}, PATCHED,
                         **{"keep-module-name": keep_module_name})
    assert out.splitlines()[0] == "patched"
    assert out.splitlines()[-1] == "True"


# pyOpenSSL's SSL.py imports eight private helpers of one module, one statement each (its
# ruff's isort keeps aliased imports apart), and re-exports many `X as X` names
PRIVATE_ALIASES = """
    from os import getcwd, sep
    from os.path import (
        join as _join,
    )
    from os.path import (
        split as _split,
    )
    from shutil import copy, move, rmtree, which

    __all__ = ["f", "g"]


    def f():
        return _join(getcwd(), sep), copy, move, rmtree, which


    def g():
        return _split("a/b")
"""


def test_grouped_reexports_keep_their_noqa_where_ruff_reads_it(tmp_path: Path) -> None:
    """The facade's imports are grouped one statement per module (`# isort: off`). Each of
    pyOpenSSL's `from OpenSSL._util import (x as _x)` re-exports a private name, marked
    `# noqa: F401`; grouped, ruff's isort merged the eight statements and put their eight
    comments after the closing parenthesis (`)  # noqa: F401  # noqa: F401 ...`), where
    ruff does not read them: 8 F401 and a RUF100 under pyOpenSSL's own ruff."""
    files = {"pyproject.toml": "[tool.ruff]\nline-length = 79\n[tool.ruff.lint]\n"
                               "select = ['E', 'F', 'I', 'W', 'UP', 'RUF']\n"}
    config = make_project(tmp_path, PRIVATE_ALIASES, {"a": ["f"], "b": ["g"]}, files=files)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert ")  # noqa" not in facade
    assert facade.count("# noqa: F401") == facade.count("# noqa")  # one on each statement
    for path, text in texts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "pkg/big"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


SINGLE_QUOTED = """
    NAMES = {'a': 1}


    def helper(key='a'):
        return NAMES[key]


    def use():
        return helper('a')
"""


def test_single_quotes_where_the_projects_ruff_wants_them(tmp_path: Path) -> None:
    """yt-dlp's ruff selects flake8-quotes with `inline-quotes = "single"` (it formats with
    autopep8, which keeps quotes; no ruff format settings): every string godsplit wrote
    (`__all__`, the live facade's, the new modules' names) was double-quoted, ruff's
    formatter default: 381 Q000 on the hand mapping of its utils, 417 with suggest."""
    files = {"pyproject.toml": "[tool.ruff]\nline-length = 120\n[tool.ruff.lint]\n"
                               "select = ['F', 'Q']\n[tool.ruff.lint.flake8-quotes]\n"
                               "inline-quotes = 'single'\n"}
    config = make_project(tmp_path, SINGLE_QUOTED, {"helpers": ["NAMES", "helper"],
                                                    "users": ["use"]}, files=files)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    for path, text in texts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "pkg/big"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
