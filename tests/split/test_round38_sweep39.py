"""Round 38, sweep39: a new sample of installed god files (asyncssh, pydal, zarr, uproot,
Flask-AppBuilder, typer, ...), linted under each project's own config, and `--format`: is
the code apply wrote stable under the project's formatter (`ruff format` or `black`)?"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["ruff", "black"])
def test_the_harness_names_a_written_file_its_formatter_would_reformat(tmp_path: Path,
                                                                       tool: str) -> None:
    from benchkit import load_benchmark

    harness = load_benchmark("installed_god_files")
    work = tmp_path / "work"
    (work / "pkg" / "big").mkdir(parents=True)
    (work / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n[tool.ruff]\nline-length = 88\n")
    (work / "pkg" / "big.py").write_text("x = 1\n")
    before = harness.python_files(work)
    old = harness.formatter(work, ["pkg/big.py"], tool)
    assert old == []
    (work / "pkg" / "big.py").write_text("from pkg.big.a import x\n")
    (work / "pkg" / "big" / "__init__.py").write_text("")
    (work / "pkg" / "big" / "a.py").write_text("x = {'a':1}\n")  # quotes, spacing: reformatted
    said = harness.formatted(work, before, tool, old)
    assert said == (f"{tool} format: source stable, would reformat 1 of 3 written "
                    "(pkg/big/a.py)"), said
    (work / "pkg" / "big" / "a.py").write_text('x = {"a": 1}\n')
    assert harness.formatted(work, before, tool, old) == f"{tool} format: source stable, 3 written stable"


@pytest.mark.slow
def test_the_harness_runs_pylint_where_the_project_has_a_pylintrc(tmp_path: Path) -> None:
    """asyncssh ships a pylintrc and no ruff or flake8 config: its own linter is pylint."""
    from benchkit import load_benchmark

    harness = load_benchmark("installed_god_files")
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\nenable=unused-import\n")
    assert [label for label, _ in harness.linters(config)] == ["pylint (own config)"]
    work = tmp_path / "work"
    (work / "pkg" / "big").mkdir(parents=True)
    (work / "pylintrc").write_text((config / "pylintrc").read_text())
    (work / "pkg" / "__init__.py").write_text("")
    (work / "pkg" / "big.py").write_text("import os\n\nprint(os.sep)\n")
    before = harness.python_files(work)
    old = harness.source_findings(work, "pkg/big.py", harness.pylint)
    (work / "pkg" / "big" / "__init__.py").write_text("")
    (work / "pkg" / "big" / "a.py").write_text("import os\nimport sys\n\nprint(os.sep)\n")
    said = harness.findings(work, "pkg/big.py", before, harness.pylint, "pylint", old)
    assert said.startswith("pylint: source 0, written 1, new {'W0611': 1} (pkg/big/a.py:2:0: W0611 "), said
