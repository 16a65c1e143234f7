"""Round 20 (trial20b): god files godsplit had not seen (rich, h2, alembic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import dedent, make_project, plan_texts, same_behaviour

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
