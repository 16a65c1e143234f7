"""Round 37 (engine38, README item 34): a module that has submodules is a package's
`__init__.py`. python-igraph's maintainers moved code into `igraph/seq/__init__.py` beside
`seq/...` modules, QCoDeS' into `sqlite/db_upgrades/__init__.py`: a mapping names the
module `seq` beside `seq.x` (as Python imports them), and godsplit writes `seq/__init__.py`.
Before, `seq` beside `seq.x` was a config error ("both a module and the package of another
module"), and so was the file's own name, `seq.__init__`, which is still refused, with the
name to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.types import GodsplitError

from splitkit import make_project, plan_texts, ruff_check, run_python, same_behaviour

SOURCE = '''
    """A god module."""

    from __future__ import annotations

    from .other import STEP


    def helper(x: int) -> int:
        return x + STEP


    class VertexSeq:
        def sub(self) -> Sub:
            return Sub()


    class Sub(VertexSeq):
        def proxy(self) -> int:
            return helper(1)


    def top() -> int:
        return Sub().proxy() + helper(0)
'''

SHOW = """
    import pkg.big as m
    print(m.top(), type(m.VertexSeq().sub()).__name__, m.helper(2))
"""

MODULES = {"seq": ["helper", "VertexSeq"], "seq.x": ["Sub"], "rest": ["top"]}
FILES = {"pkg/other.py": "STEP = 3\n"}


@pytest.mark.slow
def test_a_module_beside_its_submodules_is_its_packages_init(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, SOURCE, MODULES, SHOW, files=FILES)
    assert out == "7 Sub 5\n"
    after = tmp_path / "after"
    seq = (after / "pkg/big/seq/__init__.py").read_text()
    assert not (after / "pkg/big/seq.py").exists()
    assert "from ...other import STEP" in seq  # re-based from its own package, pkg.big.seq
    assert "from . import VertexSeq, helper" in (after / "pkg/big/seq/x.py").read_text()
    assert "from .seq.x import Sub" in (after / "pkg/big/__init__.py").read_text()
    # the submodule first: Python runs seq/__init__.py first, then the cycle's hand-over
    assert run_python(after, """
        import pkg.big.seq.x as x
        import pkg.big.seq as seq
        print(x.Sub().proxy(), type(seq.VertexSeq().sub()) is x.Sub, seq.Sub is x.Sub)
    """) == "4 True True\n"
    assert ruff_check(after, "pkg").returncode == 0, ruff_check(after, "pkg").stdout


@pytest.mark.slow
def test_a_packages_init_split_beside_itself_with_a_subpackage_init(tmp_path: Path) -> None:
    """python-igraph's layout: `igraph/__init__.py` split beside itself (`package`), code
    into `seq/__init__.py` and `seq/x.py`; the code left in the `__init__` reads both."""
    source = SOURCE.replace("from .other import", "from pkg.other import") + '''

    def graph() -> int:
        return top() * 2
    '''
    modules = {"seq": ["helper", "VertexSeq"], "seq.x": ["Sub", "top"]}
    out = same_behaviour(tmp_path, source, modules, "import pkg\nprint(pkg.graph(), pkg.helper(1))",
                         files=FILES, path="pkg/__init__.py", package="pkg", keep=["graph"])
    assert out == "14 4\n"
    assert (tmp_path / "after/pkg/seq/__init__.py").is_file()
    assert ruff_check(tmp_path / "after", "pkg").returncode == 0


def test_the_files_name_is_refused_with_the_name_to_write(tmp_path: Path) -> None:
    with pytest.raises(GodsplitError) as caught:
        make_project(tmp_path, SOURCE, {"seq.__init__": ["helper"], "seq.x": ["Sub"]})
    message = str(caught.value)
    assert "'seq.__init__' names a file: write 'seq'" in message
    assert "seq/__init__.py" in message
    with pytest.raises(GodsplitError, match="'__init__' names the new package's"):
        make_project(tmp_path, SOURCE, {"__init__": ["helper"]})


def test_a_submodule_named_like_a_name_its_package_binds_is_refused(tmp_path: Path) -> None:
    """`seq` binds `x` (a function) and `seq.x` is a module: importing `seq.x` would set
    the package's `x` to the submodule, so `seq.x` the function would be gone."""
    source = SOURCE.replace("def helper(", "def x(").replace("return helper(", "return x(")
    modules = {"seq": ["x", "VertexSeq"], "seq.x": ["Sub"], "rest": ["top"]}
    config = make_project(tmp_path, source, modules, files=FILES)
    plan, _ = plan_texts(config)
    errors = [f for f in plan.errors if f.code == "GS106"]
    assert errors, [f.render() for f in plan.findings]
    assert "it binds the name 'x'" in errors[0].message
    assert errors[0].path.endswith("big.py")  # a config made in memory: no lines known
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n[split.modules]\nseq = ["x", "VertexSeq"]\n'
        '"seq.x" = ["Sub"]\nrest = ["top"]\n')
    plan, _ = plan_texts(load_config(tmp_path / "godsplit.toml"))
    assert [(Path(f.path).name, f.line) for f in plan.errors if f.code == "GS106"] == [
        ("godsplit.toml", 5)]
    # the same names, the submodule named otherwise: no error, nor for a local variable
    # of that name (QCoDeS' `version = ...` in a function of `db_upgrades`, beside
    # `db_upgrades.version`)
    renamed = {"seq.y" if m == "seq.x" else m: names for m, names in modules.items()}
    local = source.replace("return x + STEP", "y = [y for y in (x,)][0]\n        return y + STEP")
    assert "y = [y for y in (x,)][0]" in local
    config = make_project(tmp_path / "ok", local, renamed, files=FILES)
    assert not plan_texts(config)[0].errors


@pytest.mark.slow
def test_the_package_needs_its_submodule_at_import_time(tmp_path: Path) -> None:
    """The other direction: `seq` reads `Sub` from `seq.x` at import time (`REG`), `seq.x`
    calls `seq`'s `helper`: imported last in `seq.x`, handed over by `seq` when it
    finishes, whichever of the two is imported first."""
    source = '''
        def helper():
            return 5


        class Sub:
            def make(self):
                return helper()


        REG = {"sub": Sub}


        def use():
            return REG["sub"]().make()
    '''
    modules = {"seq": ["helper", "REG", "use"], "seq.x": ["Sub"]}
    assert same_behaviour(tmp_path, source, modules,
                          "import pkg.big as m\nprint(m.use(), list(m.REG))") == "5 ['sub']\n"
    assert run_python(tmp_path / "after", """
        import pkg.big.seq.x as x
        import pkg.big.seq as seq
        print(x.Sub().make(), seq.use(), seq.REG["sub"] is x.Sub)
    """) == "5 5 True\n"
