"""Round 29 (engine30, README item 26 "still unseen"): the old module's names read through
`operator.attrgetter` (`attrgetter("big.helper")(pkg)` on the package above it,
`attrgetter("helper")(big)` on the module, a getter kept in a variable, a getter whose
object is not known). `apply --rewrite-references` pointed the test's
`mock.patch("pkg.big.helper")` at the new module whose code looks `helper` up; the read
through the old module then ran the real function, and the project's test that passed
failed after a split that said "verified". Now the patch stays (GS210 says where and why)
and the test still passes; where the getter's object is the module itself the reason is
the read, not "passes the old module to a call"."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_repros_round27_refs27 import CONFIG, RUN, SOURCE, TESTS

from godsplit.config import load_config
from godsplit.split.apply import apply_splits
from godsplit.split.facade_reads import FacadeReads, scan

from splitkit import make_project, run_python

ATTR = "reads it by an attribute path"
# pkg/other.py, the file:line GS210 names, and why
OTHER = {
    "attrgetter on the package": (
        'import operator\n\nimport pkg\n\n\ndef call():\n'
        '    return operator.attrgetter("big.helper")(pkg)()\n', "pkg/other.py:7",
        f"{ATTR} (`operator.attrgetter('big.helper')(pkg)`)"),
    "attrgetter on the module": (
        'from operator import attrgetter\n\nfrom pkg import big\n\n\ndef call():\n'
        '    return attrgetter("helper")(big)()\n', "pkg/other.py:7",
        f"{ATTR} (`attrgetter('helper')(big)`)"),
    "a getter in a variable": (
        'from operator import attrgetter\n\nimport pkg.big as b\n\nHELPER = attrgetter('
        '"user", "helper")\n\n\ndef call():\n    return HELPER(b)[1]()\n', "pkg/other.py:9",
        f"{ATTR} (`HELPER(b)`)"),
    "a getter whose object is not known": (
        'import operator\nimport sys\n\nGET = operator.attrgetter("big.helper")\n\n\n'
        'def call():\n    return GET(sys.modules["pkg"])()\n', "pkg/other.py:4",
        f"{ATTR} (`operator.attrgetter('big.helper')`)"),
}


def project(tmp_path: Path, other: str) -> Path:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": other, "tests/test_it.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(CONFIG)
    assert "1 passed" in run_python(tmp_path, RUN)  # before the split
    return tmp_path


@pytest.mark.parametrize("case", sorted(OTHER))
def test_a_patch_target_read_through_attrgetter_stays(tmp_path: Path, case: str) -> None:
    other, where, why = OTHER[case]
    root = project(tmp_path, other)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "1 passed" in run_python(root, RUN)  # (before the fix: 1 failed, 'real')
    assert (root / "tests/test_it.py").read_text() == TESTS  # not rewritten
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert (stays.severity, stays.path, stays.line) == (
        "info", str(root / "tests/test_it.py"), 7)
    assert stays.message == (
        f"patch target 'pkg.big.helper' stays: {where} {why}, which a patch of the new "
        "module would not reach; the live facade forwards the patch to every module that "
        "looks it up")


@pytest.mark.parametrize(("case", "names"), [
    ("attrgetter on the module", {"helper"}), ("a getter in a variable", {"helper", "user"})])
def test_an_attrgetter_on_the_module_reads_its_names_only(case: str, names: set[str]) -> None:
    """A getter applied to the module reads the names of its paths, not every name: the
    patches of the module's other names may still move (before, `attrgetter("helper")(big)`
    counted as the module handed to a call, which keeps every patch of it)."""
    found = {"pkg.big": FacadeReads("pkg.big")}
    scan(Path("/p/pkg/other.py"), OTHER[case][0].encode(), Path("/p"), found)
    assert set(found["pkg.big"].where) == names


def test_an_attrgetter_of_a_name_not_through_the_module_moves_the_patch(tmp_path: Path) -> None:
    """A getter of `helper` alone applied to an object that is not the old module (a
    class of the file) reads nothing through it: the patch moves, without a GS210."""
    other = ('from operator import attrgetter\n\nfrom pkg import big\n\n\nclass Box:\n'
             '    helper = staticmethod(lambda: "box")\n\n\ndef call():\n'
             '    assert attrgetter("helper")(Box)() == "box"\n    return big.user()\n')
    root = project(tmp_path, other)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert not [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
    assert "1 passed" in run_python(root, RUN)
