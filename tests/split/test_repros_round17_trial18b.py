"""Bugs found in round 17 splitting real god files not tried before (pyOpenSSL's
`SSL.py`, yt-dlp's `utils/_utils.py`, pytest's `python.py`) and running each library's
own suite before and after: each a minimal `pkg/big.py`, planned and applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import same_behaviour

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
