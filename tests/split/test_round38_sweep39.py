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


ACTIONS = """
    class Actions:
        def move(self):
            return self.thisdir  # set at run time: pylint is told not to check (ignored-classes)


    def other():
        return 1
"""
MODULES = {"actions": ["Actions"], "misc": ["other"]}


def _pylintrc(root: Path, names: str) -> None:
    (root / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\nenable=no-member\n\n"
                                    f"[TYPECHECK]\nignored-classes={names}\n")


def test_a_moved_class_pylint_ignores_by_its_old_name_is_a_warning(tmp_path: Path) -> None:
    """ranger's `.pylintrc`: `ignored-classes=ranger.core.actions.Actions`; split, the class
    is `ranger.core.actions.macro.Actions` to pylint, and 129 E1101 came back."""
    from splitkit import make_project, plan_texts

    _pylintrc(tmp_path, "pkg.big.Actions")
    plan, _ = plan_texts(make_project(tmp_path, ACTIONS, MODULES))
    [warning] = [f for f in plan.findings if f.code == "GS226"]
    assert (warning.severity, warning.path, warning.line) == ("warning", str(tmp_path / ".pylintrc"), 6)
    assert warning.message == (
        "pylint's ignored-classes (.pylintrc) names pkg.big.Actions, which moves to "
        "pkg.big.actions.Actions: pylint names a class by the module that defines it, so it "
        "checks its members again (E1101 no-member on what is set at run time); add "
        "pkg.big.actions.Actions to ignored-classes")
    assert not [f for f in plan.findings if f.severity == "error"]


@pytest.mark.parametrize("names", ["pkg.big.Actions,pkg.big.actions.Actions", "pkg.other.Actions",
                                   "pkg.big.Missing", "Actions"])
def test_no_warning_where_the_entry_still_matches(tmp_path: Path, names: str) -> None:
    from splitkit import make_project, plan_texts

    _pylintrc(tmp_path, names)
    plan, _ = plan_texts(make_project(tmp_path, ACTIONS, MODULES))
    assert not [f for f in plan.findings if f.code == "GS226"]


@pytest.mark.slow
def test_pylint_reports_the_moved_class_members_until_its_new_name_is_listed(tmp_path: Path) -> None:
    """What GS226 says is true: E1101 after the split under the old entry, none with the new."""
    import subprocess
    import sys

    from splitkit import apply, make_project

    _pylintrc(tmp_path, "pkg.big.Actions")
    config = make_project(tmp_path, ACTIONS, MODULES, **{"verify-import": False})
    pylint = [str(Path(sys.executable).with_name("pylint")), "--score=n", "pkg"]
    before = subprocess.run(pylint, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "E1101" not in before.stdout, before.stdout
    apply(config)
    after = subprocess.run(pylint, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "E1101: Instance of 'Actions' has no 'thisdir' member" in after.stdout, after.stdout
    _pylintrc(tmp_path, "pkg.big.Actions,pkg.big.actions.Actions")
    fixed = subprocess.run(pylint, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "E1101" not in fixed.stdout, fixed.stdout


COMMANDS = """
    import os


    class quit:  # pylint: disable=redefined-builtin
        def execute(self):
            return os.sep


    def run(code):
        global state
        state = code
        return eval(code)


    def bulkrename():
        import sys
        return sys.version_info[0] >= 3 and state


    state = None
"""


def test_pylint_pragmas_for_a_builtin_name_reexported_and_a_local_reimport(tmp_path: Path) -> None:
    """ranger's `config/commands.py` under its `.pylintrc`: the facade's `from
    ...commands.deletes import (delete, quit, ...)` rebinds the builtin `quit` (W0622; the
    source's `class quit` carries its own pragma), and `bulkrename`, kept, imports `sys` in
    its body below the facade's `import sys as _godsplit_sys` (W0404)."""
    import subprocess
    import sys

    from splitkit import make_project, plan_texts, write_texts

    (tmp_path / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\n"
                                        "enable=redefined-builtin,reimported\n")
    config = make_project(tmp_path, COMMANDS, {"cmds": ["quit"]}, keep=["run", "bulkrename"])
    plan, texts = plan_texts(config)
    assert not [f for f in plan.findings if f.severity == "error"], plan.findings
    facade = texts["pkg/big/__init__.py"]
    assert "import quit  # pylint: disable=redefined-builtin" in facade, facade
    assert "import sys as _godsplit_sys\n" in facade  # the live machinery's
    assert "    import sys  # pylint: disable=reimported\n" in facade, facade
    write_texts(tmp_path, texts)
    done = subprocess.run([str(Path(sys.executable).with_name("pylint")), "--score=n", "pkg"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "", done.stdout


CYCLE = """
    X = 1


    def a():
        return b() + X


    def b():
        return 2


    def c():
        return a()
"""


def test_a_late_import_of_a_cycle_carries_pylints_pragma(tmp_path: Path) -> None:
    """asyncssh's `sftp.py` under its pylintrc: the imports a split places at the end of a
    module (a call-time cycle) are pylint's C0413 wrong-import-position, as they are E402
    (marked) to ruff and flake8."""
    import subprocess
    import sys

    from splitkit import make_project, plan_texts, write_texts

    modules = {"one": ["a", "X"], "two": ["b", "c"]}
    _, texts = plan_texts(make_project(tmp_path / "plain", CYCLE, modules))
    assert "from .two import b  # noqa: E402\n" in texts["pkg/big/one.py"]  # no pylint: no pragma
    root = tmp_path / "linted"
    root.mkdir()
    (root / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\nenable=wrong-import-position\n")
    _, texts = plan_texts(make_project(root, CYCLE, modules))
    assert texts["pkg/big/one.py"].endswith(
        "# godsplit: imported last (an import cycle); used only inside functions.\n"
        "from .two import b  # pylint: disable=wrong-import-position  # noqa: E402\n")
    write_texts(root, texts)
    done = subprocess.run([str(Path(sys.executable).with_name("pylint")), "--score=n", "pkg"],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "", done.stdout
    ruff = subprocess.run([str(Path(sys.executable).with_name("ruff")), "check", "--isolated",
                           "--select", "E402,RUF100", "pkg"], cwd=root, capture_output=True,
                          text=True, timeout=60)
    assert ruff.returncode == 0, ruff.stdout


def test_an_unused_late_import_gets_one_pylint_pragma(tmp_path: Path) -> None:
    """asyncssh's `sftp/_shared.py` after 40a4dd9: its late import (C0413's pragma, then
    `# noqa: E402`) is one pylint finds unused; `unused-import` went in as a second `#
    pylint: disable=` comment before the first, and pylint read one of them: W0611 came
    back. The two are one pragma now."""
    import ast
    import subprocess
    import sys
    from types import SimpleNamespace
    from typing import cast

    from godsplit.split import checker_marks
    from godsplit.split.style import Style

    line = "from .two import b  # pylint: disable=wrong-import-position  # noqa: E402\n"
    lines = ["X = 1\n", line]
    node = ast.parse("".join(lines)).body[1]
    assert isinstance(node, ast.ImportFrom)
    style = cast(Style, SimpleNamespace(line_length=88, lint_line_length=None, linters=()))
    checker_marks._pylint_inline(lines, 1, node, style)
    assert lines[1] == ("from .two import b  # pylint: disable=unused-import,wrong-import-position"
                        "  # noqa: E402\n"), lines[1]
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "two.py").write_text("b = 1\n")
    (tmp_path / "pkg" / "one.py").write_text("".join(lines))
    (tmp_path / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable=all\n"
                                        "enable=wrong-import-position,unused-import\n")
    done = subprocess.run([str(Path(sys.executable).with_name("pylint")), "--score=n", "pkg"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "", done.stdout
