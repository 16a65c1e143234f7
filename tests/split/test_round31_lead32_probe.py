"""Round 31 (lead): the import check and names a static facade gives by attribute access.

trial32 made the probe read `vars(module)` as well as `dir(module)` (a module-level `__dir__`
had hidden 5 of 7 names from the check). A global the moved code rebinds (`global Z`) is
read live through a static facade's PEP 562 `__getattr__`: after the split it is in neither
`vars` nor the module's own `__dir__`, so the check said "importing the old module no longer
gives: Z" and apply rolled back a correct split (found by `test_fuzz`'s edge-case seed in CI).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.import_check import before_split, import_findings

from splitkit import apply, make_project, plan_texts

pytestmark = pytest.mark.slow

SOURCE = '''\
def g():
    global Z
    Z = 2


Z = 0


def h():
    return Z


__all__ = ["g", "h"]


def __dir__():
    return __all__
'''


def test_a_live_read_global_under_a_module_dir_is_verified(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"state": ["g", "Z"], "reads": ["h"]},
                          facade="static", **{"verify-import": True})
    result = apply(config)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.written and not result.rolled_back
    assert any(f.code == "GS400" for f in result.splits[0].verify)  # verified


def test_a_name_the_split_really_drops_is_still_a_difference(tmp_path: Path) -> None:
    """The check still sees an own name gone after the split (here, deleted by hand)."""
    config = make_project(tmp_path, SOURCE, {"state": ["g", "Z"], "reads": ["h"]},
                          facade="static", **{"verify-import": True})
    plan, texts = plan_texts(config)
    before = before_split(config, plan)
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        if text != "<delete>":
            (tmp_path / name).write_text(text.replace("Z = 0\n", "") if name.endswith(
                "state.py") else text)
    (tmp_path / "pkg" / "big.py").unlink()
    findings = import_findings(config, plan, before)
    assert any(f.code == "GS403" and "Z" in f.message for f in findings), findings
