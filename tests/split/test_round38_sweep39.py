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
