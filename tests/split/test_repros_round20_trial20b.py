"""Round 20 (trial20b): god files godsplit had not seen (rich, h2, alembic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import plan_splits
from godsplit.suggester.core import suggest
from godsplit.types import Finding

from splitkit import dedent, make_project, plan_texts, run_before_and_after, same_behaviour

# (a) rich 14.3.3's `Console.is_terminal` reads `sys.stdin.__module__` (IDLE's shell object
# says "idlelib..."). `sys.stdin` holds no object moved code made unless some code puts one
# there, so the read cannot answer otherwise after the split: GS119 refused the hand mapping
# (a false error; rich by hand needed keep-module-name for it).
STDIN = dedent("""
    import sys


    class Options:
        width = 80


    class Console:
        def is_terminal(self):
            if hasattr(sys.stdin, "__module__") and sys.stdin.__module__.startswith("idlelib"):
                return False
            return Options.width > 0
""")
STDIN_MAPPING = {"options": ["Options"], "console": ["Console"]}


def _gs119(tmp_path: Path, source: str, files: dict[str, str] | None = None) -> list[str]:
    config = make_project(tmp_path, source, STDIN_MAPPING, files=files)
    plan, _ = plan_texts(config)
    return [f.render() for f in plan.findings if f.code == "GS119"]


def test_a_module_read_of_an_unset_stdlib_attribute_is_no_gs119(tmp_path: Path) -> None:
    assert _gs119(tmp_path / "plan", STDIN) == []
    out = same_behaviour(tmp_path / "run", STDIN, STDIN_MAPPING, """
        from pkg.big import Console
        print(Console().is_terminal())
    """)
    assert out.split() == ["True"], out


@pytest.mark.parametrize(("source", "files"), [
    # the project puts an object of its own in sys.stdin (here: a moved class's)
    (STDIN + "\n\ndef install():\n    sys.stdin = Options()\n", None),
    (STDIN, {"tests/test_idle.py": "import sys\nfrom pkg import big\n\n\n"
             "def test_idle(monkeypatch):\n"
             "    monkeypatch.setattr(sys, 'stdin', big.Options())\n"}),
    # `sys` is not (only) the module
    (STDIN.replace("import sys\n", "import sys\nsys = object()\n"), None),
    (STDIN.replace("def is_terminal(self):", "def is_terminal(self, sys=sys):"), None),
    (STDIN.replace("import sys\n", "import pkg.helper as sys\n"), {"pkg/helper.py": "stdin = 1\n"}),
], ids=["assigned-in-source", "patched-in-a-test", "rebound", "parameter", "project-module"])
def test_a_module_read_of_a_stdlib_attribute_the_project_may_set_stays_gs119(
        tmp_path: Path, source: str, files: dict[str, str] | None) -> None:
    assert len(_gs119(tmp_path, source, files)) == 1


# (b) alembic 1.20.1's `test_replace_error` expects "... <class
# 'alembic.operations.ops.CreateTableOp'>: key already exists": the class's repr names its
# module. Split by hand (0 errors, "verified"), `CreateTableOp` reports
# `alembic.operations.ops.tables` and that test failed; nothing said so. GS143 warns at
# each string spelling a moved class's old qualified name among other text, and suggest
# keeps the module name for it.
OPS = """
    class Op:
        pass


    class CreateTableOp(Op):
        pass


    class Registry:
        def add(self, key):
            raise ValueError(f"cannot register {key!r}: key already exists")
"""
OPS_MAPPING = {"base": ["Op"], "tables": ["CreateTableOp"], "registry": ["Registry"]}
OPS_TEST = """
    import pytest

    from pkg.big import CreateTableOp, Registry


    def test_replace_error():
        \"\"\"Says which class: pkg.big.CreateTableOp in its repr (a docstring is no check).\"\"\"
        with pytest.raises(ValueError, match="<class 'pkg.big.CreateTableOp'>"):
            Registry().add(CreateTableOp)
        assert "pkg.big.CreateTableOp" != "pkg.big.Op"  # dotted paths alone: lookups
"""


def _gs143(root: Path, **split: object) -> list[Finding]:
    config = make_project(root, OPS, OPS_MAPPING, files={"tests/test_ops.py": OPS_TEST},
                          **split)
    result = plan_splits(config, import_check=False)
    return [f for s in result.splits for f in s.findings if f.code == "GS143"]


def test_a_string_spelling_a_moved_class_old_path_is_gs143(tmp_path: Path) -> None:
    found = _gs143(tmp_path)
    assert [(f.severity, Path(f.path).name, f.line) for f in found] == [
        ("warning", "test_ops.py", 8)], found
    assert "pkg.big.tables.CreateTableOp" in found[0].message
    assert "keep-module-name" in found[0].message
    # the warning is true: the repr the test expects changes with the split
    before, after, _ = run_before_and_after(tmp_path / "run", OPS, OPS_MAPPING, """
        from pkg.big import CreateTableOp
        print(repr(CreateTableOp))
    """)
    assert (before.strip(), after.strip()) == (
        "<class 'pkg.big.CreateTableOp'>", "<class 'pkg.big.tables.CreateTableOp'>")


def test_keep_module_name_keeps_the_spelled_path_and_says_nothing(tmp_path: Path) -> None:
    assert _gs143(tmp_path / "plan", **{"keep-module-name": True}) == []
    out = same_behaviour(tmp_path / "run", OPS, OPS_MAPPING, """
        from pkg.big import CreateTableOp
        print(repr(CreateTableOp))
    """, **{"keep-module-name": True})
    assert out.strip() == "<class 'pkg.big.CreateTableOp'>", out


def test_suggest_keeps_the_module_name_for_a_spelled_path(tmp_path: Path) -> None:
    config = make_project(tmp_path, OPS, OPS_MAPPING, files={"tests/test_ops.py": OPS_TEST})
    made = suggest(tmp_path / "pkg" / "big.py", config, 10_000, modules=3)
    assert made.keep_module_name == "1 string spelling a class's old module path", made
    assert made.table()["keep-module-name"] is True
