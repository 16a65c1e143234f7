"""split/style.py: which linter, sorter and formatter a project uses, from its config files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from godsplit.split.ruff_tool import ruff_binary
from godsplit.split.style import Style, detect_style, ruff_default_rules
from godsplit.types import GodsplitError

from conftest import make_project


def style_of(tmp_path: Path, files: dict[str, str | bytes], module: str = "pkg/big.py") -> Style:
    make_project(tmp_path, {module: "x = 1\n", **files})
    (tmp_path / ".git").mkdir(exist_ok=True)  # the search stops at the repository root
    return detect_style(tmp_path / module)


def test_without_config_ruff_defaults_plus_isort_and_line_length_88(tmp_path: Path) -> None:
    style = style_of(tmp_path, {})
    assert (style.linters, style.sorter, style.formatter) == (("ruff",), "ruff", "ruff")
    assert (style.line_length, style.lint_line_length) == (88, 88)
    assert not style.configured and style.root == tmp_path.resolve()
    assert style.enables("I001") and style.enables("E501") and style.enables("F401")
    assert not style.enables("E302") and not style.pyflakes
    assert style.magic_trailing_comma and style.normalize_strings


def test_ruffs_default_rules_are_those_of_the_installed_ruff(tmp_path: Path) -> None:
    """ruff 0.17 enables about 400 rules by default (useless-import-alias among them, E402
    no longer); older ruff enables E4, E7, E9 and F. godsplit asks the ruff it runs."""
    defaults = ruff_default_rules()
    style = style_of(tmp_path, {"ruff.toml": "line-length = 100\n"})  # selects nothing
    assert "F401" in defaults and style.enables("F401")
    assert style.enables("PLC0414") == ("PLC0414" in defaults)
    assert style.enables("E402") == ("E402" in defaults or "E4" in defaults)
    version = subprocess.run([ruff_binary(), "--version"], capture_output=True, text=True)
    if version.stdout.split()[-1] == "0.17.6":  # the version godsplit's tests pin
        assert len(defaults) == 407 and "PLC0414" in defaults and "E402" not in defaults


def test_ruff_settings_in_pyproject(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"pyproject.toml": """
[tool.ruff]
line-length = 100
[tool.ruff.lint]
select = ["E", "F", "I"]
ignore = ["E501"]
per-file-ignores = {"__init__.py" = ["F401"], "tests/*" = ["E402"]}
[tool.ruff.lint.isort]
known-first-party = ["pkg", "other"]
force-sort-within-sections = true
combine-as-imports = true
[tool.ruff.format]
skip-magic-trailing-comma = true
quote-style = "preserve"
"""})
    assert style.file("ruff") == tmp_path.resolve() / "pyproject.toml"
    assert (style.sorter, style.formatter, style.line_length) == ("ruff", "ruff", 100)
    assert style.lint_line_length is None  # E501 ignored
    assert style.first_party == ("pkg", "other") and style.force_sort_within_sections
    assert style.combine_as and not style.magic_trailing_comma and not style.normalize_strings
    assert style.enables("E711") and not style.enables("B006")
    assert not style.enables("F401", tmp_path / "pkg" / "__init__.py")
    assert style.enables("F401", tmp_path / "pkg" / "big.py")
    assert not style.enables("E402", tmp_path / "tests" / "test_x.py")


def test_ruff_toml_wins_over_pyproject_and_the_nearest_directory_wins(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
        "ruff.toml": "line-length = 110\n",
        ".ruff.toml": "line-length = 120\n",
    }
    assert style_of(tmp_path, files).line_length == 120
    nested = {**files, "pkg/pyproject.toml": "[project]\nname = 'x'\n"}  # no [tool.ruff]
    assert style_of(tmp_path / "b", nested).line_length == 120
    nearer = {**files, "pkg/ruff.toml": "line-length = 77\n"}
    assert style_of(tmp_path / "c", nearer).line_length == 77


def test_ruff_extend_and_legacy_top_level_keys(tmp_path: Path) -> None:
    style = style_of(tmp_path, {
        "base.toml": "line-length = 99\n[lint]\nselect = ['E', 'F']\n[lint.isort]\n"
                     "known-first-party = ['pkg']\n",
        "pyproject.toml": "[tool.ruff]\nextend = 'base.toml'\nextend-select = ['I']\n",
    })
    assert style.line_length == 99 and style.first_party == ("pkg",)
    assert style.enables("I001") and style.enables("E711") and not style.enables("B006")
    again = style_of(tmp_path / "b", {"ruff.toml": "select = ['E501']\nline-length = 70\n"})
    assert again.enables("E501") and not again.enables("F401") and again.lint_line_length == 70


def test_more_specific_prefix_wins_and_all(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"ruff.toml": "[lint]\nselect = ['ALL', 'E501']\nignore = ['E', 'D']\n"})
    assert style.enables("E501") and not style.enables("E302") and style.enables("ANN001")
    assert not style.enables("D100")


def test_flake8_settings(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"setup.cfg": """
[metadata]
name = x
[flake8]
max-line-length = 100
extend-ignore = E203
per-file-ignores =
    pkg/__init__.py: F401
"""})
    assert style.linters == ("flake8",) and style.pyflakes and style.ruff is None
    assert style.lint_line_length == 100 and not style.enables("E203")
    assert not style.enables("W503")  # flake8's default ignore list
    assert not style.enables("F401", tmp_path / "pkg" / "__init__.py")
    assert style.enables("F401", tmp_path / "pkg" / "big.py")
    default = style_of(tmp_path / "b", {".flake8": "[flake8]\nselect = F\n"})
    assert default.lint_line_length is None and default.pyflakes
    both = style_of(tmp_path / "c", {"tox.ini": "[flake8]\n", "ruff.toml": "line-length = 90\n"})
    assert both.linters == ("ruff", "flake8") and both.lint_line_length == 79  # the strictest


def test_isort_settings_and_who_sorts(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"pyproject.toml": """
[tool.isort]
profile = "google"
known_first_party = "pkg,other"
"""})
    assert style.sorter == "isort" and style.file("isort") == tmp_path.resolve() / "pyproject.toml"
    assert style.first_party == ("pkg", "other")
    assert style.force_single_line and style.force_sort_within_sections  # from the profile
    cfg = style_of(tmp_path / "b", {".isort.cfg": "[settings]\nremove_redundant_aliases = true\n"
                                                  "combine_as_imports = True\n"})
    assert cfg.sorter == "isort" and cfg.removes_redundant_aliases and cfg.combine_as
    ruff_sorts = style_of(tmp_path / "c", {
        "setup.cfg": "[isort]\nprofile = black\n",
        "ruff.toml": "[lint]\nextend-select = ['I']\n",
    })
    assert ruff_sorts.sorter == "ruff"  # ruff's I001 is what CI enforces
    ruff_quiet = style_of(tmp_path / "d", {"tox.ini": "[tool:isort]\nline_length = 100\n",
                                           "ruff.toml": "[lint]\nselect = ['F']\n"})
    assert ruff_quiet.sorter == "isort"


def test_black_settings(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"pyproject.toml": """
[tool.black]
line-length = 100
skip-magic-trailing-comma = true
skip-string-normalization = true
"""})
    assert style.formatter == "black" and style.line_length == 100
    assert not style.magic_trailing_comma and not style.normalize_strings
    assert style.lint_line_length == 88  # ruff's default E501 when nothing configures a linter
    ruff_formats = style_of(tmp_path / "b", {
        "pyproject.toml": "[tool.black]\nline-length = 100\n[tool.ruff.format]\nquote-style = 'single'\n",
    })
    assert ruff_formats.formatter == "ruff" and ruff_formats.line_length == 88


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    make_project(tmp_path, {"ruff.toml": "line-length = 50\n", "repo/pkg/big.py": ""})
    (tmp_path / "repo" / ".git").mkdir()
    assert detect_style(tmp_path / "repo" / "pkg" / "big.py").line_length == 88
    assert detect_style(tmp_path / "repo" / "pkg" / "big.py", stop=tmp_path).line_length == 50


@pytest.mark.parametrize(("files", "where", "message"), [
    ({"pyproject.toml": "[tool.ruff]\nline-length = \n"}, ("pyproject.toml", 2), "invalid TOML"),
    ({"ruff.toml": "# x\nline-length = 'long'\n"}, ("ruff.toml", 2), "positive integer"),
    ({"pyproject.toml": "[tool.ruff]\n\n[tool.ruff.lint]\nselect = 'E'\n"}, ("pyproject.toml", 4),
     "list of strings"),
    ({"pyproject.toml": "[tool.black]\ntarget = 1\nskip-magic-trailing-comma = 1\n"},
     ("pyproject.toml", 3), "true or false"),
    ({"setup.cfg": "[flake8]\nmax-line-length = 79\nnot an option\n"}, ("setup.cfg", 3),
     "invalid INI"),
    ({".flake8": "[flake8]\nmax-line-length = wide\n"}, (".flake8", 2), "positive integer"),
    ({"ruff.toml": "extend = 'missing.toml'\n"}, ("ruff.toml", 1), "no such file"),
    ({"ruff.toml": "extend = 'ruff.toml'\n"}, ("ruff.toml", 1), "cycle"),
], ids=["toml", "ruff-type", "select-type", "black-type", "ini", "flake8-type", "extend",
        "extend-cycle"])
def test_bad_settings_name_the_file_and_line(
    tmp_path: Path, files: dict[str, str | bytes], where: tuple[str, int], message: str
) -> None:
    with pytest.raises(GodsplitError) as caught:
        style_of(tmp_path, files)
    assert (caught.value.path, caught.value.line) == (str(tmp_path.resolve() / where[0]), where[1])
    assert message in caught.value.message


def test_unrelated_ini_files_are_not_parsed(tmp_path: Path) -> None:
    style = style_of(tmp_path, {"tox.ini": "[tox]\nenvlist = py3\n  = broken\n"})
    assert not style.configured
