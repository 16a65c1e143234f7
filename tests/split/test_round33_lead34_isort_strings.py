"""Round 33 (lead): isort reads a string in `[tool.isort]` of pyproject.toml as the number or
flag it stands for (`isort.Config` gives `force_sort_within_sections = "True"` as True and
`line_length = "79"` as 79). iris 3.3.0 writes `force_sort_within_sections = "True"`, and
godsplit refused the whole project ("must be true or false, not 'True'", exit 2): `suggest`
ended there, on the evaluation's iris-netcdf case. It reads them as isort does; ruff's TOML,
which ruff itself refuses with a string there, is still checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.isort_config import isort_settings
from godsplit.split.style import detect_style

from splitkit import apply, make_project

SOURCE = '''
    import os


    def helper():
        return os.sep


    def user():
        return helper()
'''

PYPROJECT = """\
[tool.isort]
force_sort_within_sections = "True"
line_length = "70"
profile = "black"
"""


def test_isort_strings_in_pyproject_are_read_as_isort_reads_them(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    settings = isort_settings(detect_style(tmp_path))
    assert settings.force_sort_within_sections
    assert settings.line_length == 70


def test_a_project_with_isort_strings_is_split(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    config = make_project(tmp_path, SOURCE, {"helpers": ["helper"], "users": ["user"]})
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]


def test_a_string_flag_in_ruffs_toml_is_still_refused(tmp_path: Path) -> None:
    from godsplit.configtypes import GodsplitError

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.ruff.lint.isort]\nforce-sort-within-sections = "True"\n')
    with pytest.raises(GodsplitError, match="must be true or false"):
        detect_style(tmp_path)
