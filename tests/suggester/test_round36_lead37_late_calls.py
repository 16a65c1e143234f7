"""Round 36 (lead): suggest keeps the definition whose late call changed moved classes.

scapy's `contrib/pfcp.py` ends with a bare call, `IE_UE_IP_Address(...)`, which joins its
class and moves with it. Making an instance rewrites a default every `IE_*` class records
in its signature as it is made; moved, the call ran before the other family's classes
were made, and the import check found their signatures changed (GS408). suggest kept the
changed classes, which did not help, and ended with "no mapping without plan errors was
found". It keeps the class carrying the late call now: the call stays in the old module,
after every class, as in the source."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import checked
from godsplit.suggester.late_calls import late_callers
from godsplit.types import Finding

from splitkit import apply, checked_suggestion, run_python

SOURCE = '''
    """Big."""

    import inspect


    class Field:
        def __init__(self, default):
            self.default = default


    KIND = Field(0)


    class Recorded(type):
        def __new__(mcls, name, bases, namespace):
            cls = super().__new__(mcls, name, bases, namespace)
            cls.__signature__ = inspect.Signature([inspect.Parameter(
                "kind", inspect.Parameter.KEYWORD_ONLY, default=KIND.default)])
            return cls


    class Element(metaclass=Recorded):
        kind = 0

        def __init__(self, **fields):
            KIND.default = self.kind
            self.fields = fields


    class AlphaFirst(Element):
        kind = 1


    class AlphaSecond(AlphaFirst):
        kind = 2


    class AlphaThird(AlphaFirst):
        kind = 3


    class BetaFirst(Element):
        kind = 4


    class BetaSecond(BetaFirst):
        kind = 5


    class BetaThird(BetaFirst):
        kind = 6


    BetaFirst(size=0)
'''
NAMES = ("AlphaFirst", "AlphaSecond", "AlphaThird", "BetaFirst", "BetaSecond", "BetaThird")
SHOW = ("import inspect\nimport pkg.big as b\n"
        f"print([str(inspect.signature(getattr(b, n))) for n in {NAMES!r}], b.KIND.default)\n")


def test_the_definition_carrying_a_late_call_is_kept_instead_of_what_it_changed(
        tmp_path: Path) -> None:
    path = tmp_path / "big.py"
    path.write_text(textwrap.dedent(SOURCE))
    analysis = analyze(read_source(path))
    changed = ("AlphaFirst", "AlphaSecond", "AlphaThird")
    assert late_callers(analysis, changed) == ["BetaFirst"]
    assert late_callers(analysis, changed, stay=("BetaFirst",)) == []
    assert late_callers(analysis, ("BetaFirst",)) == []  # its own call follows it anyway
    found = [Finding("GS408", "error", "signatures changed", str(path), 1, names=changed)]
    assert checked._to_keep(found, analysis) == {"BetaFirst": "GS408"}
    # kept already (and so not moved): the changed names themselves, as before
    assert checked._to_keep(found, analysis, kept=("BetaFirst",)) == dict.fromkeys(
        changed, "GS408")


@pytest.mark.slow
def test_suggest_finds_a_mapping_and_it_applies_verified(tmp_path: Path) -> None:
    made, before = checked_suggestion(tmp_path, SOURCE, SHOW)
    assert "BetaFirst" in made.keep
    assert any("kept" in n and "BetaFirst" in n and "(GS408)" in n for n in made.notes)
    result = apply(parse_config({"split": [made.table()]}, tmp_path / "godsplit.toml"))
    assert result.written and not result.errors, result.errors
    assert all(s.imported for s in result.splits)  # "verified": GS400
    assert run_python(tmp_path, SHOW) == before
    assert "(*, kind=0)" in before and before.rstrip().endswith(" 4")
