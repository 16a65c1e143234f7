"""Round 28 (trial28): sphinx 8.1.3's `ext/autodoc/__init__.py` split again with godsplit's
own ruff (0.17) standing in for the ruff sphinx pins (0.6.9, not installed in the project):
ruff 0.6.9 then found 12 PLC0414 (`from sphinx.locale import _ as _, __ as __` and the
facade's other `X as X` re-exports) in the package facade. godsplit asked its own ruff
whether PLC0414 reports an `X as X` import in an `__init__.py`; ruff exempts that file
since 0.12.1 (`from m import a as a`) and 0.13.0 (`import a as a`), so the answer was no,
and the facade got no `# ruff: noqa: PLC0414`. With a stand-in, the answer now comes from
the pinned version (measured with ruff 0.8.6, 0.11.13, 0.12.0-0.12.12, 0.13.0 and 0.14.4,
`--isolated`: below)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits

from splitkit import make_project

RUFF_TOML = 'line-length = 140\n[lint]\nextend-select = ["F", "I", "PLC", "RUF"]\n'

# `_log` is shared and private: the facade re-exports it as `from ._shared import _log as _log`
SOURCE = """
    import logging

    _log = logging.getLogger(__name__)


    def one():
        _log.info("one")
        return 1


    def two():
        _log.info("two")
        return one() + 1
"""
GETATTR = """

    def __getattr__(name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
"""


def _pre_commit(version: str) -> str:
    return ("repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
            f"    rev: v{version}\n    hooks:\n      - id: ruff\n")


@pytest.fixture(autouse=True)
def _no_pinned_ruff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ruff of the pinned version anywhere: godsplit's own ruff stands in for it."""
    (tmp_path / "nobin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nobin") + os.pathsep + os.defpath)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))


@pytest.mark.parametrize(("pin", "source", "noqa"), [
    ("0.6.9", SOURCE, True),  # sphinx 8.1.3's pin: reports both kinds
    ("0.12.0", SOURCE, True),
    ("0.12.8", SOURCE, False),  # SEED's pin: exempts `from m import a as a` there
    ("0.12.8", SOURCE.replace("import logging\n", "import logging\n    import json as json\n"),
     True),  # ... but not `import a as a`
    ("0.13.0", SOURCE.replace("import logging\n", "import logging\n    import json as json\n"),
     False),
])
def test_a_package_facade_gets_the_plc0414_noqa_the_pinned_ruff_needs_without_that_ruff(
        tmp_path: Path, pin: str, source: str, noqa: bool) -> None:
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]}, files={
        "ruff.toml": RUFF_TOML, ".pre-commit-config.yaml": _pre_commit(pin)})
    (tmp_path / ".git").mkdir()
    assert apply_splits(config).written
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "_log as _log" in init, init
    assert ("# ruff: noqa: PLC0414" in init) is noqa, init


# What ruff reports for PLC0414 in `pkg/__init__.py` (`ruff check --isolated --select
# PLC0414`), version by version
@pytest.mark.parametrize(("version", "plain", "from_"), [
    ((0, 8, 6), True, True),
    ((0, 11, 13), True, True),
    ((0, 12, 0), True, True),
    ((0, 12, 1), True, False),
    ((0, 12, 12), True, False),
    ((0, 13, 0), False, False),
    ((0, 14, 4), False, False),
])
def test_which_ruff_reports_an_alias_in_an_init(version: tuple[int, ...], plain: bool,
                                                from_: bool) -> None:
    from godsplit.split.ruff_pin import alias_reported_by_version

    assert alias_reported_by_version(version, "import os as os\n") is plain
    assert alias_reported_by_version(version, "from os import path as path\n") is from_


# The same split, and sphinx's 7 TCH001/TCH002 with godsplit's ruff standing in: sphinx's
# `.ruff.toml` selects `S320`, which ruff 0.17 no longer has, so that ruff cannot read the
# configuration (GS114) and the split is sorted and formatted `--isolated`; the TYPE_CHECKING
# marks were then skipped altogether. They are asked of the same `--isolated` ruff now.
TC_SOURCE = """
    from __future__ import annotations

    from decimal import Decimal


    class Parameter:
        name = "p"


    def make() -> Decimal:
        return Decimal(Parameter.name == "p")


    def describe(parameter: Parameter, amount: Decimal) -> str:
        return parameter.name + str(amount)
"""


def test_the_type_checking_marks_where_godsplits_ruff_cannot_read_the_config(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, TC_SOURCE, {"params": ["Parameter", "make"],
                                                "uses": ["describe"]}, files={
        "ruff.toml": '[lint]\nselect = ["TCH", "F", "S320"]\n',
        ".pre-commit-config.yaml": _pre_commit("0.6.9")})
    (tmp_path / ".git").mkdir()
    result = apply_splits(config)
    assert result.written, [f.render() for f in result.errors]
    found = [f for s in result.splits for f in s.findings]
    assert any(f.code == "GS114" for f in found), [f.render() for f in found]
    uses = (tmp_path / "pkg/big/uses.py").read_text()
    assert "from decimal import Decimal  # noqa: TCH003\n" in uses, uses
    assert "from .params import Parameter  # noqa: TCH001\n" in uses, uses


# netaddr 1.3.0's `netaddr/ip/__init__.py` (2,098 lines, no `__all__`): `netaddr/__init__.py`
# imports `netaddr.ip` and then its submodules `sets`, `glob`, `nmap`, `rfc1924`, which binds
# them on the package, so `from netaddr.ip import *` gave them. The facade's `__all__` (to
# keep the new modules out of `import *`) is fixed when it runs, before they are imported:
# the import check found GS405 ("no longer: glob, nmap, rfc1924, sets") and every mapping,
# by hand or suggested, was refused with no word on the cause or a way out.
IP_SOURCE = """
    def one():
        return 1


    def two():
        return one() + 1
"""


@pytest.mark.parametrize("getattr_", ["", GETATTR])
def test_gs405_says_which_lost_names_are_the_packages_own_modules_and_what_to_do(
        tmp_path: Path, getattr_: str) -> None:
    """Round 28 (quality29): the facade now answers `import *` with the names bound when
    it runs (PEP 562 `__getattr__`), unless the source has a `__getattr__` of its own:
    there GS405 still refuses and says why."""
    from godsplit import api

    config = make_project(tmp_path, IP_SOURCE + getattr_, {"first": ["one"], "second": ["two"]},
                          path="top/ip/__init__.py", package="top/ip", files={
        "top/__init__.py": "from top.ip import one\nimport top.ip.extra\n",
        "top/ip/extra.py": "from top.ip import two\n\nTHREE = two() + 1\n"})
    planned = api.plan(config=config)
    if not getattr_:
        assert not planned.errors, [f.render() for f in planned.errors]
        return
    [message] = [f.message for f in planned.errors if f.code == "GS405"]
    assert message == (
        "`from module import *` gives other names at run time (no longer: extra); extra: a "
        "module of the package `top.ip`, bound on it when it is imported after it, which "
        "its `import *` gave (it has no `__all__`); the facade's `__all__` is fixed before "
        "that: give `top.ip` an `__all__` of the names `import *` should give")
