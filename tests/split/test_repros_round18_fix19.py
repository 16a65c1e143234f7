"""Round 18 (fix19): repros of README's "What does not work yet", item 15.

(d) suggest does not name a module after a top-level module the project's environment
can import, and GS107 warns for a hand mapping that does when the module can shadow it.

pytest 9.2.0's `src/_pytest/python.py` split by suggest got a module
`_pytest/python/pytest.py`: the name of pytest's own package, beside `_pytest` in the
import root. Absolute imports are not affected, but wherever that directory is on
`sys.path` (a script there run by its path, `python <dir>`), every `import pytest` gets
it. suggest already avoided standard-library names; now it avoids the import root's
modules and those installed in the project's virtualenv too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.suggester.core import suggest

from splitkit import apply, make_project, plan_texts, run_python, same_behaviour


def _class(name: str, methods: int) -> str:
    body = "".join(f"    def m{j}(self, x):\n        return x + {j}\n\n" for j in range(methods))
    return f"class {name}:\n{body}\n\n"


SOURCE = (_class("Widget", 60) + _class("WidgetHelper", 3) + _class("Gadget", 60)
          + _class("GadgetPart", 3))


def _names(root: Path) -> dict[str, tuple[str, ...]]:
    (root / "pkg").mkdir()
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/big.py").write_text(SOURCE)
    result = suggest(root / "pkg/big.py", parse_config({}, root / "godsplit.toml"), 300)
    assert not result.errors, [f.render() for f in result.errors]
    return {m.name: m.mapped for m in result.modules}


def test_suggest_names_no_module_after_a_package_of_the_import_root(tmp_path: Path) -> None:
    (tmp_path / "widget").mkdir()
    (tmp_path / "widget/__init__.py").write_text("")
    names = _names(tmp_path)
    assert "widget" not in names, names
    assert any("Widget" in mapped for mapped in names.values()), names


def test_suggest_names_no_module_after_a_package_installed_in_the_project_venv(
        tmp_path: Path) -> None:
    site = tmp_path / ".venv/lib/python3.11/site-packages"
    (site / "gadget").mkdir(parents=True)
    (site / "gadget/__init__.py").write_text("")
    (tmp_path / "pyproject.toml").write_text("")
    names = _names(tmp_path)
    assert "gadget" not in names and "widget" in names, names


def test_an_editable_install_listed_by_a_pth_file_counts(tmp_path: Path) -> None:
    site = tmp_path / ".venv/lib/python3.12/site-packages"
    site.mkdir(parents=True)
    elsewhere = tmp_path / "other/src"
    (elsewhere / "widget").mkdir(parents=True)
    (elsewhere / "widget/__init__.py").write_text("")
    (site / "__editable__.other-1.0.pth").write_text(f"{elsewhere}\n")
    (tmp_path / "pyproject.toml").write_text("")
    names = _names(tmp_path)
    assert "widget" not in names and "gadget" in names, names


SCRIPT = """
    def widget_size():
        return 1


    def other():
        return 2
"""
MAIN = SCRIPT + """

    if __name__ == "__main__":
        print(widget_size())
"""


def _gs107(tmp_path: Path, source: str) -> list[str]:
    config = make_project(tmp_path, source, {"widget": ["widget_size"], "rest": ["other"]},
                          files={"widget/__init__.py": ""})
    plan, _ = plan_texts(config)
    return [f.message for f in plan.findings if f.code == "GS107"]


def test_a_module_named_as_a_package_of_the_project_warns_when_its_directory_runs(
        tmp_path: Path) -> None:
    """`pkg/big.py` has a `__main__` block: its package gets a `__main__.py`, and `python
    pkg/big` puts `pkg/big/` first on sys.path, where `widget.py` shadows the project's
    `widget` package for every `import widget`. Not a script: absolute imports get the
    project's `widget`, and a warning would be false."""
    [message] = _gs107(tmp_path / "main", MAIN)
    assert "'widget'" in message and "top-level module" in message, message
    assert "python big" in message, message
    assert _gs107(tmp_path / "plain", SCRIPT) == []


def test_a_script_already_in_the_new_package_directory_counts(tmp_path: Path) -> None:
    """Split beside an existing `__init__.py` in `pkg/tools/`, which holds `run.py`, a
    script."""
    (tmp_path / "pkg/tools").mkdir(parents=True)
    (tmp_path / "pkg/tools/run.py").write_text("#!/usr/bin/env python\nimport widget\n")
    config = make_project(tmp_path, SCRIPT, {"widget": ["widget_size"], "rest": ["other"]},
                          path="pkg/tools/__init__.py", package="pkg/tools",
                          files={"widget/__init__.py": ""})
    plan, _ = plan_texts(config)
    [message] = [f.message for f in plan.findings if f.code == "GS107"]
    assert "run.py" in message, message


@pytest.mark.parametrize(("source", "says"), [(SCRIPT, "absolute imports are not affected"),
                                              (MAIN, "python big")], ids=["module", "script"])
def test_a_standard_library_name_warns_saying_when_it_shadows(
        tmp_path: Path, source: str, says: str) -> None:
    """The warning said "absolute imports of it elsewhere may be confused", which they
    are not; it now says when the module shadows the standard library's."""
    config = make_project(tmp_path, source, {"json": ["widget_size"], "rest": ["other"]})
    plan, _ = plan_texts(config)
    [message] = [f.message for f in plan.findings if f.code == "GS107"]
    assert "'json'" in message and "standard library" in message and says in message, message


# (c) cmd2 4.3.1's `CommandParsers` keys its parser cache by
# f"{method.__module__}.{method.__qualname__}"; GS119 refused the hand mapping that moves
# `Cmd`, though no code can see a key: a private method makes it and the only uses are
# lookups, stores and guarded deletes in a private dict of the same class.
PARSERS = """
    class Parsers:
        def __init__(self):
            self._cache: dict[str, int] = {}

        @staticmethod
        def _key(method):
            try:
                return f"{method.__module__}.{method.__qualname__}"
            except AttributeError:
                return ""

        def get(self, method):
            key = self._key(method)
            if not key:
                return None
            if key not in self._cache:
                self._cache[key] = len(method.__name__)
            return self._cache.get(key)

        def remove(self, method):
            key = self._key(method)
            if key in self._cache:
                del self._cache[key]


    class App:
        def __init__(self):
            self.parsers = Parsers()

        def do_run(self):
            return 1

        def parser_of_run(self):
            return self.parsers.get(self.do_run)
"""
PARSERS_MAPPING = {"parsers": ["Parsers"], "app": ["App"]}


def _gs119(tmp_path: Path, source: str) -> list[str]:
    config = make_project(tmp_path, source, PARSERS_MAPPING)
    plan, _ = plan_texts(config)
    return [f.render() for f in plan.findings if f.code == "GS119"]


def test_a_module_read_that_only_keys_a_private_cache_is_no_gs119(tmp_path: Path) -> None:
    assert _gs119(tmp_path / "plan", PARSERS) == []
    out = same_behaviour(tmp_path / "run", PARSERS, PARSERS_MAPPING, """
        from pkg.big import App
        app = App()
        print(app.parser_of_run(), app.parsers.get(app.do_run))
        app.parsers.remove(app.do_run)
        print(app.parsers.get(app.do_run), app.parsers.get(object()))
    """)
    assert out.split() == ["6", "6", "6", "None"], out


@pytest.mark.parametrize("change", [
    # the keys are seen: iterated, or the dict is handed out
    ("        def remove(self, method):", "        def keys(self):\n"
     "            return sorted(self._cache)\n\n        def remove(self, method):"),
    # a KeyError would name the key
    ("            if key in self._cache:\n                del self._cache[key]",
     "            del self._cache[key]"),
    # the key is returned to the caller
    ("            return self._cache.get(key)", "            return key"),
    # no qualname: two methods of one name in different classes shared a key before
    ('f"{method.__module__}.{method.__qualname__}"', 'f"{method.__module__}.{method.__name__}"'),
    # the key maker is public: other code may call it
    ("_key", "key_of"),
], ids=["iterated", "unguarded-del", "returned", "no-qualname", "public-maker"])
def test_a_module_read_whose_key_can_be_seen_stays_gs119(tmp_path: Path,
                                                         change: tuple[str, str]) -> None:
    source = PARSERS.replace(*change)
    assert source != PARSERS
    assert len(_gs119(tmp_path, source)) == 1


def test_a_test_file_reading_the_private_cache_keeps_gs119(tmp_path: Path) -> None:
    config = make_project(tmp_path, PARSERS, PARSERS_MAPPING, files={
        "tests/test_app.py": "def test_keys(app):\n    assert list(app.parsers._cache)\n"})
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.findings if f.code == "GS119"] == ["GS119"]


# (b) pyOpenSSL 26.4.0's `SSL.py` appends to its own `__all__` at import time and decorates
# `Context`'s methods with decorators a factory makes (`_requires_keylog =
# _make_requires(...)`). Split, the module holding the appends imports `__all__` from the
# facade, which imports every new module: one import cycle, which mypy checks in an order
# its imports tie on, and `mypy --strict` found 10-12 errors the god file did not have.
TYPED = """
    from functools import wraps
    from typing import Any, Callable, TypeVar

    T = TypeVar("T")

    __all__ = ["Thing", "make_requires"]


    def make_requires(flag: int) -> Callable[[T], T]:
        def decorator(func):  # type: ignore[no-untyped-def]
            if not flag:
                @wraps(func)
                def explode(*args: Any, **kwargs: Any) -> Any:
                    raise NotImplementedError
                return explode
            return func
        return decorator


    FLAG = 1
    requires_feature = make_requires(FLAG)

    try:
        FEATURE: int = 1
        __all__.append("FEATURE")
    except AttributeError:
        pass


    class Thing:
        @requires_feature
        def run(self) -> int:
            return FEATURE
"""
TYPED_MAPPING = {"constants": ["FEATURE", "FLAG"], "deco": ["T", "make_requires", "requires_feature"],
                 "thing": ["Thing"]}
MYPY = {"pyproject.toml": "[tool.mypy]\nstrict = true\n"}


def test_a_facade_name_read_at_import_time_is_imported_out_of_mypys_cycle(tmp_path: Path) -> None:
    config = make_project(tmp_path, TYPED, TYPED_MAPPING, files=MYPY)
    _, texts = plan_texts(config)
    assert ("if TYPE_CHECKING:  # mypy: no import cycle through the old module here\n"
            "    __all__: list[str]\nelse:\n    from . import __all__\n") in texts[
        "pkg/big/constants.py"], texts["pkg/big/constants.py"]
    # a project without mypy gets the plain import
    _, plain = plan_texts(make_project(tmp_path / "plain", TYPED, TYPED_MAPPING))
    assert "TYPE_CHECKING" not in plain["pkg/big/constants.py"], plain["pkg/big/constants.py"]


def test_the_facade_cycle_import_runs_as_before(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, TYPED, TYPED_MAPPING, """
        import pkg.big
        from pkg.big import *
        print(pkg.big.__all__, FEATURE, pkg.big.Thing().run())
    """, files=MYPY)
    assert "'FEATURE'" in out, out


@pytest.mark.slow
def test_mypy_strict_finds_no_new_error_in_the_split(tmp_path: Path) -> None:
    config = make_project(tmp_path, TYPED, TYPED_MAPPING, files=MYPY)
    before = subprocess.run([sys.executable, "-m", "mypy", "pkg"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert before.returncode == 0, before.stdout
    assert apply(config).written
    after = subprocess.run([sys.executable, "-m", "mypy", "pkg"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    assert after.returncode == 0, after.stdout


# (f) an instance made in a class body runs its class's `__init__` at import time; GS124
# saw it only in a statement that mentions a dunder (the index visits class bodies fully
# then): split apart, `Second.child` was made first and the counts swapped, "verified".
CLASS_BODY = """
    class Field:
        counter = 0

        def __init__(self):
            Field.counter += 1
            self.order = Field.counter


    class First:
        child = Field()


    class Second:
        child = Field()


    def order():
        return First.child.order, Second.child.order
"""


def test_an_instance_made_in_a_class_body_runs_init_at_import_time(tmp_path: Path) -> None:
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    config = make_project(tmp_path, CLASS_BODY, {"zz": ["First"], "aa": ["Second"],
                                                 "mid": ["order"]}, package="pkg/parts")
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS124"], [f.render() for f in plan.findings]
    out = same_behaviour(tmp_path / "one", CLASS_BODY, {"zz": ["First", "Second"],
                                                        "mid": ["order"]},
                         "from pkg.big import order\nprint(order())")
    assert out.strip() == "(1, 2)", out


# (e) yt-dlp's `utils/_utils.py` rebinds `__name__` (`__name__ = __name__.rsplit('.', 1)[0]`).
# A module doing so with a `__main__` block, split into a package: `__main__.py` imported
# `__name__` from the package ("pkg", the rebound package name), so under `python -m
# pkg.big` its `if __name__ == "__main__":` no longer ran; the split said verified.
RENAMED = """
    __name__ = __name__.rsplit(".", 1)[0]


    def alpha():
        return "a"


    def beta():
        return alpha() + "b"


    if __name__ == "__main__":
        print("running", beta(), __name__)
"""


def _run_m(root: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "pkg.big"], cwd=root, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_module_rebinding_its_name_still_runs_its_main_block_under_python_m(
        tmp_path: Path) -> None:
    make_project(tmp_path / "before", RENAMED, {})
    before = _run_m(tmp_path / "before")
    assert before.strip() == "running ab __main__", before
    config = make_project(tmp_path / "after", RENAMED, {"one": ["alpha"], "two": ["beta"]})
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert _run_m(tmp_path / "after") == before
    assert run_python(tmp_path / "after", "import pkg.big; print(pkg.big.beta())") == "ab\n"


def test_a_name_rebinding_main_cannot_repeat_is_a_warning(tmp_path: Path) -> None:
    """The rebinding reads another global: not run again in `__main__.py` (GS137)."""
    source = RENAMED.replace('__name__ = __name__.rsplit(".", 1)[0]',
                             'PREFIX = "x."\n    __name__ = PREFIX + __name__')
    config = make_project(tmp_path, source, {"one": ["alpha"], "two": ["beta"]})
    plan, _ = plan_texts(config)
    assert "GS137" in [f.code for f in plan.findings], [f.render() for f in plan.findings]


# (b, continued) pyOpenSSL's suggested split has the same without the facade: `errors`
# imports `context` last (a call-time cycle), `context`'s methods are decorated at import
# time by `_requires_keylog` of `callback_helper`, which imports `errors` at its top. The
# last import was plain (neither end reads a variable of `errors` whose type mypy infers),
# so mypy saw one cycle of module-level imports and checked `context` before
# `callback_helper` (6 new errors). In such a cycle every last import is now under
# TYPE_CHECKING, and mypy follows the import-time order.
CYCLE = """
    from functools import wraps
    from typing import Any, Callable, TypeVar

    T = TypeVar("T")


    class Error(Exception):
        pass


    def context_of(x: object) -> "Context":
        return Context() if x else Context()


    def make_requires(flag: int) -> Callable[[T], T]:
        def decorator(func):  # type: ignore[no-untyped-def]
            if not flag:
                @wraps(func)
                def explode(*args: Any, **kwargs: Any) -> Any:
                    raise Error
                return explode
            return func
        return decorator


    requires_feature = make_requires(int(Error is not None))


    class Context:
        @requires_feature
        def run(self) -> int:
            if not self:
                raise Error
            return 1
"""
CYCLE_MAPPING = {"errors": ["Error", "context_of"],
                 "helper": ["T", "make_requires", "requires_feature"], "context": ["Context"]}


def test_last_imports_of_a_cycle_with_an_inferred_import_time_read_are_for_mypy_last(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, CYCLE, CYCLE_MAPPING, files=MYPY)
    _, texts = plan_texts(config)
    for module, name in (("errors", "from .context import Context"),
                         ("context", "from .errors import Error")):
        text = texts[f"pkg/big/{module}.py"]
        assert f"if TYPE_CHECKING:  # mypy: no import-time cycle here\n    {name}\n" in text, text
    same_behaviour(tmp_path / "run", CYCLE, CYCLE_MAPPING,
                   "import pkg.big as b\nprint(b.Context().run(), type(b.context_of(1)).__name__)",
                   files=MYPY)
