"""The Python API: `godsplit.plan/apply/verify/check/suggest` return the CLI's dataclasses,
find the config like the CLI, never print or exit, and raise only GodsplitError for bad input."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import godsplit
from godsplit import GodsplitError

SRC = Path(godsplit.__file__).resolve().parent

SOURCE = '''\
"""Tasks."""


def alpha():
    return beta()


def beta():
    return 2


def gamma():
    return 3
'''
CONFIG = """\
max-lines = 100

[[split]]
source = "pkg/tasks.py"

[split.modules]
first = ["alpha"]
second = ["gamma"]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "tasks.py").write_text(SOURCE)
    (tmp_path / "godsplit.toml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path / "pkg")  # the config is found from the cwd upward
    return tmp_path


def test_plan_apply_verify_from_the_current_directory(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "before"], cwd=project, check=True)
    planned = godsplit.plan()
    [split] = planned.splits
    assert not planned.errors
    assert [m.name for m in split.plan.modules] == ["first", "second"]
    assert split.plan.old_module == "pkg.tasks"
    assert (project / "pkg" / "tasks.py").read_text() == SOURCE  # plan writes nothing

    applied = godsplit.apply()
    assert applied.written and not applied.errors
    assert (project / "pkg" / "tasks" / "first.py").is_file()
    assert any(f.code == "GS400" for s in applied.splits for f in s.verify)

    again = godsplit.plan()
    assert again.splits[0].plan.already_split

    verified = godsplit.verify(against="HEAD")
    assert verified.splits == 1 and not verified.errors
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_verify_outside_git_has_nothing_to_compare_and_against_is_bad_input(
    project: Path,
) -> None:
    result = godsplit.verify()  # (not applied: nothing to compare either way)
    assert not result.errors and (result.splits, result.unapplied) == (0, 1)
    assert [f.code for f in result.findings] == ["GS407"]
    assert "not split yet" in result.findings[0].message
    assert godsplit.apply().written
    result = godsplit.verify()
    assert not result.errors and result.splits == 1
    [compared] = [f for f in result.findings if f.code == "GS407"]
    assert "not in a git repository" in compared.message
    with pytest.raises(GodsplitError, match="--against needs a git repository"):
        godsplit.verify(against="HEAD")


def test_explicit_config_path_and_sources(project: Path, monkeypatch: pytest.MonkeyPatch,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = godsplit.plan(project / "pkg" / "tasks.py", config=project / "godsplit.toml")
    assert result.plans[0].source == project / "pkg" / "tasks.py"
    config = godsplit.load(project / "godsplit.toml")
    assert godsplit.plan(config=config, references=False).plans[0].modules


def test_bad_input_raises_godsplit_error_and_writes_nothing(project: Path) -> None:
    (project / "godsplit.toml").write_text(CONFIG.replace('"alpha"', '"nope"'))
    result = godsplit.plan()  # a mapping error is a finding, not an exception
    assert "GS101" in {f.code for f in result.errors}
    (project / "pkg" / "tasks.py").write_text("def broken(:\n")
    with pytest.raises(GodsplitError) as caught:
        godsplit.apply()
    assert caught.value.path is not None and caught.value.path.endswith("tasks.py")
    assert caught.value.line == 1
    assert not (project / "pkg" / "tasks").exists()
    with pytest.raises(GodsplitError, match=r"no \[\[split\]\] tables"):
        (project / "godsplit.toml").write_text("max-lines = 100\n")
        godsplit.plan()


def test_no_config_is_an_error_for_plan_but_not_for_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.py").write_text("x = 1\n" * 30)
    with pytest.raises(GodsplitError, match=r"no godsplit\.toml"):
        godsplit.plan()
    result = godsplit.check(max_lines=10)
    assert not result.passed
    assert [m.path for m in result.failures] == ["big.py"]
    assert godsplit.check(max_lines=50).passed
    with pytest.raises(GodsplitError):
        godsplit.check(max_lines=0)


def test_suggest_returns_a_suggestion(project: Path) -> None:
    from godsplit.suggester.entry import render_entry

    suggestion = godsplit.suggest(project / "pkg" / "tasks.py", max_lines=100)
    assert not suggestion.errors
    assert "[[split]]" in render_entry(suggestion)
    with pytest.raises(GodsplitError, match="not found"):
        godsplit.suggest(project / "missing.py")


def test_import_godsplit_is_light() -> None:
    code = "import sys, godsplit; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    heavy = {"libcst", "click", "rich", "networkx"}
    assert not heavy & {name.partition(".")[0] for name in loaded}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level_imports(path: Path, name: str) -> set[str]:
    """Modules imported when `name` is imported (not inside functions or TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                out.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    anchor = ".".join(parts[: len(parts) - node.level + 1])
                    base = f"{anchor}.{base}" if base else anchor
                out.add(base)
                out.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(ast.parse(path.read_text()).body)
    return out


def test_module_level_import_graph_has_no_cycle() -> None:
    files = {_module_name(p): p for p in SRC.rglob("*.py") if "runtime" not in p.parts}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, path in files.items():
        graph.add_node(name)
        for target in _module_level_imports(path, name):
            if target in files and target != name:
                graph.add_edge(name, target)
    assert graph.number_of_edges() > 40
    assert list(nx.simple_cycles(graph)) == []
