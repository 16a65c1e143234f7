"""suggest's count of what needs keep-module-name is the engine's count (GS208, GS209)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.split.hazards import identity_findings
from godsplit.suggester.keep_name import keep_name as _keep_name
from godsplit.types import SplitConfig

SOURCE = '''\
"""Docstrings, doctests and exceptions in every place the count could miss."""


class ParseError(ValueError):
    """Raised on bad input.

    >>> raise ParseError("x")
    Traceback (most recent call last):
    ParseError: x
    """


class Plain(Exception):
    pass


class Parser:
    """No doctest here."""

    def parse(self, text):
        """
        >>> Parser().parse("a")
        'a'
        """
        return text

    class Inner:
        def deep(self):
            """>>> 1 + 1
            2
            """


def concatenated():
    ("a >" ">> 1")


def in_a_string():
    example = """
    >>> in_a_string()
    """
    return example


def not_a_doctest():
    """Mentions >> but no prompt."""
    return ">>>"


def doubled(x):
    r"""
    >>> doubled(2)
    4
    """
    return 2 * x
'''


def test_keep_name_counts_as_the_engine_does(tmp_path: Path) -> None:
    path = tmp_path / "big.py"
    path.write_text(SOURCE)
    analysis = analyze(read_source(path))
    split = SplitConfig(source=path)
    everything = {u.id: "m" for u in analysis.units if u.kind == "definition"}
    engine: Counter[str] = Counter()
    for f in identity_findings(analysis, everything, split):  # GS209: one for a module
        engine[f.code] += len(f.names) if f.code == "GS209" else 1
    assert engine == Counter({"GS208": 2, "GS209": 5})
    assert _keep_name(analysis, split) == (
        f"{engine['GS208']} exception classes, {engine['GS209']} definitions with doctests")
