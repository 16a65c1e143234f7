"""Round 31 (mig32): pycparser's generated `c_ast.py` opens with `# ruff: noqa: RUF023`
(its `__slots__` are in the order `Node.__repr__` needs). The opening comments go into
every new module and the facade, and where no `__slots__` was left (the facade, the
module of `Node`) the project's ruff, whose defaults select RUF100 since 0.17, reported
the directive unused. It keeps the codes still needed there, and goes where none is."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, ruff_check

SOURCE = '''
    # Generated from _c_ast.cfg.
    # ruff: noqa: RUF023
    """AST nodes."""


    class Node:
        def children(self):
            return ()


    class Constant(Node):
        __slots__ = ("value", "type", "coord")

        def __init__(self, type, value, coord=None):
            self.type, self.value, self.coord = type, value, coord
'''

RUFF = '[tool.ruff.lint]\nselect = ["F", "RUF023", "RUF100"]\n'


def test_an_unused_file_exemption_is_not_copied(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"base": ["Node"], "expressions": ["Constant"]},
                          files={"pyproject.toml": RUFF})
    assert apply(config).written
    base = (tmp_path / "pkg/big/base.py").read_text()
    facade = (tmp_path / "pkg/big/__init__.py").read_text()
    expressions = (tmp_path / "pkg/big/expressions.py").read_text()
    assert "ruff: noqa" not in base and "ruff: noqa" not in facade, base + facade
    assert "# Generated from _c_ast.cfg.\n" in base and "# Generated from _c_ast.cfg.\n" in facade
    assert "# ruff: noqa: RUF023\n" in expressions, expressions
    proc = ruff_check(tmp_path, "pkg")
    assert proc.returncode == 0, proc.stdout
