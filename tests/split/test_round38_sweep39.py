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
    assert old == {}
    (work / "pkg" / "big.py").write_text("from pkg.big.a import x\n")
    (work / "pkg" / "big" / "__init__.py").write_text("")
    (work / "pkg" / "big" / "a.py").write_text("x = {'a':1}\n")  # quotes, spacing: reformatted
    said = harness.formatted(work, before, tool, old)
    assert said == f"{tool} format: source stable, would reformat 1 of 3 written, new: pkg/big/a.py", said
    (work / "pkg" / "big" / "a.py").write_text('x = {"a": 1}\n')
    assert harness.formatted(work, before, tool, old) == f"{tool} format: source stable, 3 written stable"


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["ruff", "black"])
def test_a_written_file_reformatted_only_where_the_source_is_counts_as_copied(tmp_path: Path,
                                                                              tool: str) -> None:
    """bpython's `curtsiesfrontend/repl.py` under black 26: a multi-line string argument the
    project's older black wrapped differently is reformatted in the source and, copied with its
    method, in the new module: the project's own style, not godsplit's."""
    from benchkit import load_benchmark

    harness = load_benchmark("installed_god_files")
    work = tmp_path / "work"
    (work / "pkg" / "big").mkdir(parents=True)
    (work / "pkg" / "big.py").write_text("x = {'a':1}\ny = 2\n")
    before = harness.python_files(work)
    old = harness.formatter(work, ["pkg/big.py"], tool)
    assert list(old) == ["pkg/big.py"]
    (work / "pkg" / "big.py").write_text("from pkg.big.a import x\nfrom pkg.big.b import y\n")
    (work / "pkg" / "big" / "__init__.py").write_text("")
    (work / "pkg" / "big" / "a.py").write_text("x = {'a':1}\n")
    (work / "pkg" / "big" / "b.py").write_text("y = 2\n")
    said = harness.formatted(work, before, tool, old)
    assert said == (f"{tool} format: source unstable, would reformat 1 of 4 written "
                    "(1 copied from the source)"), said
    (work / "pkg" / "big" / "b.py").write_text("y = [1,2]\n")
    said = harness.formatted(work, before, tool, old)
    assert said.endswith("would reformat 2 of 4 written (1 copied from the source), new: pkg/big/b.py"), said


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


def test_a_finding_on_an_import_split_between_modules_is_the_sources_name_by_name(tmp_path: Path,
                                                                                  ) -> None:
    """avro's `io.py`: `from typing import Dict, List, Tuple, ...`, under its ruff's UP035, is
    split between the new modules, each importing what it reads: their UP035s name the
    source's names (copied), and a name the source's findings do not name is new."""
    import re

    from benchkit import load_benchmark

    harness = load_benchmark("installed_god_files")
    work = tmp_path / "work"
    (work / "pkg" / "io").mkdir(parents=True)
    (work / "pkg" / "io.py").write_text("from typing import Dict, Iterable, Tuple\n")
    before = harness.python_files(work)

    def lint(root: Path, paths: list[str]) -> list[str]:  # ruff's UP035, one finding a name
        out = []
        for path in paths:
            text = (root / path).read_text()
            for name in re.findall(r"\b(Dict|Tuple|Set)\b", text):
                out.append(f"{path}:1:1: UP035 `typing.{name}` is deprecated, use `{name.lower()}` instead")
            abc = re.findall(r"\b(Iterable|Mapping)\b", text)
            if abc:
                out.append(f"{path}:1:1: UP035 [*] Import from `collections.abc` instead: "
                           + ", ".join(f"`{name}`" for name in abc))
        return out

    old = harness.source_findings(work, "pkg/io.py", lint)
    (work / "pkg" / "io" / "a.py").write_text("from typing import Iterable, Tuple\n")
    said = harness.findings(work, "pkg/io.py", before, lint, "ruff", old)
    assert said == "ruff: source 3, written 2", said  # (as many as the source's: none new)
    (work / "pkg" / "io" / "b.py").write_text("from typing import Mapping, Set\n")
    said = harness.findings(work, "pkg/io.py", before, lint, "ruff", old)
    assert said.startswith("ruff: source 3, written 4, new {'UP035': 2} ("), said
