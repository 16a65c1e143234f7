"""Leftovers of round 11 fixed in round 12 by the lead: each a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

# dill's `_dill.py` imports `Getattr` from `_shims` below its definitions, and `_shims`
# reaches back into the half-imported module: the import must stay where it is, after
# the names it needs. GS112 then said "map Getattr to a module", which cannot be done (an
# import is copied, never mapped). The advice now names what to keep.
LATE_IMPORT = """
    def helper():
        return 1


    from pkg.other import Getattr


    def f(x=Getattr.NO_DEFAULT):
        return x is Getattr.NO_DEFAULT


    def g():
        return helper()
"""
OTHER = """
    from pkg.big import helper


    class Getattr:
        NO_DEFAULT = object()
        h = staticmethod(helper)
"""


def test_gs112_for_a_late_import_names_the_readers_to_keep(tmp_path: Path) -> None:
    config = make_project(tmp_path, LATE_IMPORT, {"one": ["f"], "two": ["g", "helper"]},
                          files={"pkg/other.py": OTHER})
    plan, _ = plan_texts(config)
    [finding] = [f for f in plan.findings if f.code == "GS112"]
    assert finding.line == 5
    assert "map Getattr" not in finding.message
    assert "keep f in the old module" in finding.message


def test_keeping_the_readers_a_gs112_names_applies(tmp_path: Path) -> None:
    """The advice works: with `f` kept, the split applies and behaves the same."""
    out = same_behaviour(tmp_path, LATE_IMPORT, {"two": ["g", "helper"]}, """
        import pkg.big
        print(pkg.big.f(), pkg.big.g())
    """, files={"pkg/other.py": OTHER}, keep=["f"])
    assert out == "True 1\n"
