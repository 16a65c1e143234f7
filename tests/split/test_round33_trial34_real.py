"""Round 33 (trial34): bugs found splitting regex's `_regex_core.py`, passlib's
`utils/handlers.py` and pydantic-settings' `sources.py` and running each library's own
suite before and after; each a minimal `pkg/big.py`, planned and applied with the import
check on."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

# regex 2024.11.6, `_regex_core.py` line 124: `globals().update(RegexFlag.__members__)`
# binds VERSION0, VERSION1, ... through the namespace; line 128, `_ALL_VERSIONS = VERSION0
# | VERSION1`, reads them. Both stay in the old module; `RegexFlag` moved. The facade ran
# `_ALL_VERSIONS = ...` before its re-exports (a moved function imports it), so before the
# `globals().update(...)` that needs `RegexFlag`: the plan had 0 errors, the import check
# said "NameError: name 'VERSION0' is not defined" (GS406) and suggest ended with "no
# mapping without plan errors was found".
NAMESPACE_BOUND = """
    import enum


    class Flag(enum.IntFlag):
        A = 1
        B = 2


    globals().update(Flag.__members__)

    BOTH = A | B


    def both():
        return BOTH


    def other():
        return Flag.A
"""

CHECK = """
    import pkg.big as big
    print(big.both(), big.BOTH, big.A, big.other())
"""


def test_kept_code_reading_names_the_namespace_binds_runs_after_the_writer(
        tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, NAMESPACE_BOUND,
                         {"flags": ["Flag", "other"], "readers": ["both"]}, CHECK)
    assert out.split()[:2] == ["3", "3"]


def test_the_facade_keeps_the_writer_before_its_reader(tmp_path: Path) -> None:
    config = make_project(tmp_path, NAMESPACE_BOUND,
                          {"flags": ["Flag", "other"], "readers": ["both"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert facade.index("globals().update(Flag.__members__)") < facade.index("BOTH = A | B")
