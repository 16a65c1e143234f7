"""Round 28 (tune29a): the file's re-exports (`X = imported.X`) are imports, not definitions.

pytype's `abstract.py` binds twenty classes other modules define under their own names
(`BaseValue = _base.BaseValue`) and derives its classes from them. The graph bonded each
class to its re-exported first base as to a base class of the file, so every class
joined one family around a one-line alias, and the helpers step scattered the
re-exports over the modules that read them. Its maintainers split the classes by topic
and kept the re-exports together in the old module. Now a re-export is no base in the
file (no family bond), and re-exports read by two or more groups go to the shared module
together (`suggester/reexports.py`).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import build_graph

SOURCE = '''"""Numbers of several kinds."""

import numbers as _numbers
from numbers import Complex

Number = _numbers.Number
Integral = _numbers.Integral
Real = _numbers.Real
Rational = Complex.real


def parse_count(text):
    return int(text.strip())


def format_count(value):
    return f"{value:,}"


class Count(Integral):
    """A count."""

    def __init__(self, text):
        self.value = parse_count(text)

    def __str__(self):
        return format_count(self.value)


class Tally(Integral):
    """A tally."""

    def __init__(self, text):
        self.value = parse_count(text) + 1

    def __str__(self):
        return format_count(self.value)


def parse_measure(text):
    return float(text.strip())


def format_measure(value):
    return f"{value:.3f}"


class Measure(Real):
    """A measure."""

    def __init__(self, text):
        self.value = parse_measure(text)

    def __str__(self):
        return format_measure(self.value)


class Reading(Real):
    """A reading."""

    def __init__(self, text):
        self.value = parse_measure(text) * 2

    def __str__(self):
        return format_measure(self.value)


class Amount(Number):
    """An amount."""

    def __init__(self, text):
        self.value = text
'''


def _graph(tmp_path: Path, text: str = SOURCE):  # type: ignore[no-untyped-def]
    source = tmp_path / "shapes.py"
    source.write_text(text)
    return build_graph(analyze(read_source(source)), ())


def test_a_reexport_is_no_base_in_the_file(tmp_path: Path) -> None:
    """`class Count(Integral)` with `Integral = _numbers.Integral`: Count has no base in
    the file (before: the alias, a family root bonding Count, Tally and the alias at
    three times a call)."""
    g = _graph(tmp_path)
    node = {n.label: i for i, n in enumerate(g.nodes)}
    for name in ("Count", "Tally", "Measure", "Reading", "Amount"):
        assert g.nodes[node[name]].bases == ()
    assert g.weights.get(tuple(sorted((node["Count"], node["Integral"]))), 0.0) < 3.0
    assert {g.nodes[i].label for i in g.reexports} == {"Number", "Integral", "Real"}


def test_only_same_name_attributes_of_imports_are_reexports(tmp_path: Path) -> None:
    """`Rational = Complex.real` names another attribute: a value like any other; a name
    the file binds itself (`local.X`) is no import."""
    text = SOURCE + '''

class Local:
    Amount = 1


Amount2 = Local.Amount
'''
    g = _graph(tmp_path, text)
    labels = {g.nodes[i].label for i in g.reexports}
    assert "Rational" not in labels
    assert "Amount2" not in labels


def test_suggest_keeps_the_reexports_together(tmp_path: Path) -> None:
    """With `--modules 4` and at default settings: the re-exports that classes of several
    modules derive from go to the shared module together (before: each followed the
    module that reads it most, and none was listed)."""
    source = tmp_path / "shapes.py"
    source.write_text(SOURCE)
    config = parse_config({"max-lines": 100_000}, tmp_path / "godsplit.toml")
    made = suggest(source, config, 100_000, modules=4)
    assert not made.errors
    modules = {m.name: set(m.mapped) for m in made.modules}
    assert {"Number", "Integral", "Real"} <= modules[made.shared], modules
    assert {"Count", "Tally"} in [v & {"Count", "Tally"} for v in modules.values()]
    placed = {n: p.module for p in made.plan.placements for n in p.names}
    assert len({placed[n] for n in ("Number", "Integral", "Real")}) == 1
    small = suggest(source, parse_config({"max-lines": 60}, tmp_path / "godsplit.toml"))
    assert not small.errors
    placed = {n: p.module for p in small.plan.placements for n in p.names}
    assert len({placed[n] for n in ("Number", "Integral", "Real")}) == 1, placed
