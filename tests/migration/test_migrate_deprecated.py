"""`facade = "deprecated"`: old-path access warns once per name, naming the new module.

The runtime template is executed as rendered (in-process, on throw-away modules), and a
real split with a deprecated facade is applied (verified like any other) and imported.
"""

from __future__ import annotations

import sys
import types
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from godsplit.split import runtime

from splitkit import apply, make_project, run_python


def _module(name: str, code: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(code, f"<{name}>", "exec"), vars(module))
    return module


@pytest.fixture
def modules() -> Iterator[None]:
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        del sys.modules[name]


def _deprecated(extra: str = "") -> types.ModuleType:
    _module("dep_new", "def helper():\n    return 1\nLIMIT = 3\n")
    code = ("from dep_new import LIMIT as LIMIT\nfrom dep_new import helper as helper\nimport os\n"
            + extra + "\n" + runtime.render(
                "deprecated_facade", {"moved": '{"helper": "dep_new", "LIMIT": "dep_new"}'}))
    return _module("dep_old", code)


def test_old_path_warns_once_per_name_and_names_the_new_module(modules: None) -> None:
    old = _deprecated()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert old.helper() == 1
        assert old.helper() == 1  # the second read does not warn again
        exec("from dep_old import LIMIT", {})  # `from old import X` goes through __getattr__
    messages = [str(w.message) for w in caught]
    assert messages == ["dep_old.helper is deprecated: import it from dep_new",
                        "dep_old.LIMIT is deprecated: import it from dep_new"]
    assert all(w.category is DeprecationWarning for w in caught)
    assert caught[0].filename == __file__  # reported where the old path is used


def test_new_path_and_names_that_stay_do_not_warn(modules: None) -> None:
    old = _deprecated()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec("from dep_new import helper, LIMIT", {})
        assert old.os is __import__("os")
    assert caught == []


def test_reads_are_live_and_the_module_still_lists_every_name(modules: None) -> None:
    old = _deprecated()
    new = sys.modules["dep_new"]
    new.LIMIT = 4  # rebound in its new home: the old path sees it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert old.LIMIT == 4
        assert {"helper", "LIMIT", "os"} <= set(dir(old))
        star: dict[str, object] = {}
        exec("from dep_old import *", star)
    assert {"helper", "LIMIT", "os"} <= set(star)
    with pytest.raises(AttributeError, match="has no attribute 'missing'"):
        _ = old.missing


def test_a_getattr_the_module_had_still_answers_other_names(modules: None) -> None:
    old = _deprecated("def __getattr__(name):\n    if name == 'legacy':\n        return 'kept'\n"
                      "    raise AttributeError(name)\n")
    assert old.legacy == "kept"


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["sibling", "package"])
def test_applied_deprecated_facade(tmp_path: Path, layout: str) -> None:
    config = make_project(tmp_path, """
        import os


        def helper():
            return os.sep


        def run():
            return helper()
    """, {"tools": ["helper"], "jobs": ["run"]}, facade="deprecated",
        **({"package": "pkg/parts"} if layout == "sibling" else {}))
    result = apply(config)
    assert result.written and not result.errors  # verified: same names, kinds, `import *`
    new = "pkg.parts" if layout == "sibling" else "pkg.big"
    out = run_python(tmp_path, f"""
        import warnings
        warnings.simplefilter("error")
        from {new}.tools import helper
        import pkg.big
        pkg.big.os
        print("new path: no warning")
        try:
            from pkg.big import helper
        except DeprecationWarning as warning:
            print(warning)
    """)
    assert out.splitlines() == ["new path: no warning",
                                f"pkg.big.helper is deprecated: import it from {new}.tools"]
