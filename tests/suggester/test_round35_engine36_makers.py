"""Round 35 (engine36): GS424's makers read from suggest's own analysis.

`checked._to_keep` read the source file again and parsed it with `ast` to find what a
GS424 name is decorated, based or made with, where the analysis suggest made the
suggestion from holds the same statements. It reads them from that analysis now: the
file is not read again (here it is gone by then, and nothing changes)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.checked import _to_keep
from godsplit.types import Finding

SOURCE = '''
    def traced(func):
        return func


    class Meta(type):
        pass


    @traced
    def place():
        pass


    class Order(metaclass=Meta):
        pass
'''


def test_the_makers_of_gs424_names_come_from_the_analysis(tmp_path: Path) -> None:
    path = tmp_path / "big.py"
    path.write_text(textwrap.dedent(SOURCE))
    analysis = analyze(read_source(path))
    path.unlink()  # suggest analysed it once: nothing reads it again
    found = [Finding("GS424", "error", "place, Order report another module", str(path), 1,
                     names=("place", "Order"))]
    assert _to_keep(found, analysis) == {"traced": "GS424", "Meta": "GS424"}
    assert _to_keep(found, analysis, stay=("traced", "Meta")) == {
        "place": "GS424", "Order": "GS424"}  # its makers kept already: the names themselves
