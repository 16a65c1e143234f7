"""Round 13's sweep of a new installed environment (sympy, scipy, scikit-learn, astropy,
twisted, ...): each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

# scipy's `stats/_distn_infrastructure.py` builds docstrings from `_doc_*` strings, then
# deletes them all: `for obj in [s for s in dir() if s.startswith('_doc_')]: exec('del '
# + obj)`. Moved into the new module with `obj`, the loop deleted them there, and the
# facade's `from .doc import _doc_a` failed (GS406, rolled back after a clean plan).
# `exec(text)` with no namespace at the top level binds or deletes module names no
# analysis sees: the statement stays in the old module.
EXEC_DEL = """
    _doc_a = "a"
    _doc_b = "b" + _doc_a
    docdict = {"a": _doc_a, "b": _doc_b}

    for obj in [s for s in dir() if s.startswith("_doc_")]:
        exec("del " + obj)
    del obj


    def f():
        return docdict["a"]


    def g():
        return 2
"""


def test_a_top_level_exec_stays_in_the_old_module(tmp_path: Path) -> None:
    modules = {"doc": ["_doc_a", "_doc_b", "docdict"], "funcs": ["f", "g"]}
    out = same_behaviour(tmp_path, EXEC_DEL, modules, """
        import pkg.big
        print(sorted(n for n in vars(pkg.big) if n.startswith("_doc")), pkg.big.f(),
              pkg.big.docdict["b"], hasattr(pkg.big, "obj"))
    """)
    assert out == "[] a ba False\n"


def test_mapping_the_name_an_exec_loop_binds_is_refused(tmp_path: Path) -> None:
    modules = {"doc": ["_doc_a", "_doc_b", "docdict", "obj"], "funcs": ["f", "g"]}
    plan, _ = plan_texts(make_project(tmp_path, EXEC_DEL, modules))
    [error] = plan.errors
    assert error.code == "GS101" and "'obj' cannot be mapped" in error.message
    assert "exec without a namespace" in error.message
