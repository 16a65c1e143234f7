"""Round 35 (engine36): the quote of a string migrate writes from nothing, and
pylint-quotes' `string-quote`.

`patch.object(big, 'CONST')` and `monkeypatch.setattr(big, 'a', len)` become string
targets (`patch('pkg.parts.alpha.CONST')`); migrate wrote them with double quotes whatever
the file or the project used. Now: the project's quote where a setting names it (ruff
format's `quote-style`, Q000, pylint-quotes' `string-quote`: `split/quotes.py`), else the
quote of the attribute string it replaces. pylint-quotes' `string-quote` is read where the
project's pylint loads the plugin: the strings `apply` writes into moved code take it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.migration.core import migrate
from godsplit.split.style import detect_style

from splitkit import apply, dedent, make_project

SOURCE = """
    CONST = 1


    def a():
        return CONST


    def b():
        return a() + 1


    def c():
        return a() + 2
"""
MAPPING = {"alpha": ["a", "CONST"], "beta": ["b"], "gamma": ["c"]}
TEST = """
    from unittest.mock import patch

    from pkg import big


    def test_one(monkeypatch):
        with patch.object(big, {q}CONST{q}):
            pass
        monkeypatch.setattr(big, {q}a{q}, len)
"""
EXPECTED = """
    from unittest.mock import patch


    def test_one(monkeypatch):
        with patch({q}pkg.parts.alpha.CONST{q}):
            pass
        monkeypatch.setattr({q}pkg.parts.beta.a{q}, len)
        monkeypatch.setattr({q}pkg.parts.gamma.a{q}, len)
"""
BLACK_KEEPS = "[tool.black]\nskip-string-normalization = true\n"
PYLINT = "[MASTER]\nload-plugins = pylint_quotes\nstring-quote = single-avoid-escape\n"
CASES = {  # project files, the test file's quote, the quote written
    "the file's own": ({"pyproject.toml": BLACK_KEEPS}, "'", "'"),
    "ruff's quote-style": ({"pyproject.toml": '[tool.ruff.format]\nquote-style = "single"\n'},
                           '"', "'"),
    "pylint-quotes": ({"pyproject.toml": BLACK_KEEPS, ".pylintrc": PYLINT}, '"', "'"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_patch_target_made_from_an_attribute_takes_the_projects_quote(
        tmp_path: Path, case: str) -> None:
    files, given, written = CASES[case]
    config = make_project(tmp_path, SOURCE, MAPPING, package="pkg/parts",
                          files={**files, "tests/test_use.py": TEST.format(q=given)},
                          **{"verify-import": False})
    assert apply(config).written
    migrate(config)
    assert (tmp_path / "tests/test_use.py").read_text() == dedent(EXPECTED.format(q=written))


def test_pylint_quotes_string_quote_is_read_where_the_plugin_is_loaded(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pylintrc").write_text(PYLINT)
    assert detect_style(tmp_path).quote == ("'", True)
    (tmp_path / ".pylintrc").write_text(PYLINT.replace("pylint_quotes", "pylint.extensions.docparams"))
    assert detect_style(tmp_path).quote == ('"', False)
    (tmp_path / ".pylintrc").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.main]\nload-plugins = ["pylint_quotes"]\n'
        '[tool.pylint.string_quotes]\nstring-quote = "double-avoid-escape"\n'
        '[tool.black]\nskip-string-normalization = true\n')
    assert detect_style(tmp_path).quote == ('"', True)
