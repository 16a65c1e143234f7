"""The runtime code godsplit copies into users' projects, executed as it is rendered."""

from __future__ import annotations

import ast
import pickle
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from godsplit.split import runtime

ALL = ("live_facade", "live_globals", "keep_module_name", "reload_modules")


def _module(name: str, code: str = "", package: str | None = None) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__package__ = name.rpartition(".")[0] if package is None else package
    sys.modules[name] = module
    exec(compile(code, f"<{name}>", "exec"), vars(module))
    return module


@pytest.fixture
def clean_modules() -> Iterator[None]:
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        del sys.modules[name]


@pytest.mark.parametrize("name", ALL)
def test_templates_render_to_valid_python_without_slots(name: str) -> None:
    slots = {"modules": '(".a",)', "live": "{}", "old_module": '"old"', "objects": "(f,)",
             "here": "__name__"}
    text = runtime.render(name, slots, sections={"live", "no_getattr", "no_dir"})
    ast.parse(text)
    assert "SLOT_" not in text and "godsplit-runtime" not in text


def test_a_missing_slot_is_an_error() -> None:
    with pytest.raises(KeyError, match="no value for slot SLOT_"):
        runtime.render("live_facade", {})


def _facade(name: str, code: str, live: str = "{}") -> types.ModuleType:
    text = code + "\n\n" + runtime.render(
        "live_facade", {"modules": f'("{name}.new",)', "live": live, "here": "__name__"},
        sections={"live"} if live != "{}" else (),
    )
    return _module(name, text, package=name)  # a package's __init__


def test_live_facade_forwards_set_and_delete(clean_modules: None) -> None:
    new = _module("rtpkg.new", "def helper():\n    return 1\n")
    facade = _facade("rtpkg", "from rtpkg.new import helper\n")
    facade.helper = lambda: 2  # what mock.patch("rtpkg.helper") does
    assert new.helper() == 2
    del facade.helper
    assert "helper" not in vars(new)


def test_live_facade_forwards_a_builtin_set_from_outside(clean_modules: None) -> None:
    """ply's tests set `ply.yacc.open = patched_open` to make writes fail, then `del` it:
    a builtin no module binds reaches the moved code, which looks it up in its own module,
    and the delete restores the builtin there."""
    new = _module("rtbuiltin.new", "def read():\n    return open('x')\n")
    facade = _facade("rtbuiltin", "from rtbuiltin.new import read\n")
    facade.open = lambda name: f"patched {name}"
    assert new.read() == "patched x"
    facade.open = lambda name: f"again {name}"  # set twice: still forwarded
    assert new.read() == "again x"
    del facade.open
    assert "open" not in vars(new) and "open" not in vars(facade)


def test_live_facade_reads_rebound_globals_from_their_home(clean_modules: None) -> None:
    new = _module("rtlive.new", "COUNTER = 0\n")
    facade = _facade("rtlive", "from rtlive.new import COUNTER\n", live='{"COUNTER": "rtlive.new"}')
    new.COUNTER = 5  # the moved code rebinds its global
    assert facade.COUNTER == 5
    assert vars(facade)["COUNTER"] == 5  # what mock.patch and monkeypatch save to restore
    facade.COUNTER = 7  # mock.patch("rtlive.COUNTER", 7)
    assert new.COUNTER == 7
    del facade.COUNTER
    assert not hasattr(new, "COUNTER") and not hasattr(facade, "COUNTER")


def test_live_globals_of_a_static_facade_are_read_by_pep_562(clean_modules: None) -> None:
    new = _module("rtstatic.new", "COUNTER = 0\n")
    text = runtime.render("live_globals", {"live": '{"COUNTER": ".new"}'},
                          sections={"no_getattr", "no_dir"})
    facade = _module("rtstatic", text, package="rtstatic")
    assert "COUNTER" not in vars(facade) and "COUNTER" in dir(facade)
    new.COUNTER = 5
    assert facade.COUNTER == 5
    with pytest.raises(AttributeError):
        facade.missing  # noqa: B018


def test_live_globals_in_a_static_facade_keep_the_modules_own_getattr(clean_modules: None) -> None:
    _module("rtown.new", "X = 1\n")
    own = ("\ndef __getattr__(name):\n    if name == 'old_x':\n        return 'legacy'\n"
           "    raise AttributeError(name)\n\n\ndef __dir__():\n    return ['old_x']\n")
    text = own + "\n\n" + runtime.render(
        "live_globals", {"live": '{"X": ".new"}'}, sections={"getattr", "dir"}
    )
    module = _module("rtown", text, package="rtown")
    assert (module.X, module.old_x, dir(module)) == (1, "legacy", ["old_x"])
    with pytest.raises(AttributeError):
        module.missing  # noqa: B018


def test_live_facade_without_live_globals_has_no_getattribute() -> None:
    text = runtime.render("live_facade", {"modules": "()", "live": "{}", "here": "__name__"})
    assert "__getattribute__" not in text


def test_keep_module_name_renames_objects_and_methods(clean_modules: None) -> None:
    code = (
        "class Thing:\n    def method(self):\n        pass\n\n    @property\n"
        "    def prop(self):\n        return 1\n\n\ndef f():\n    pass\n"
        + runtime.render("keep_module_name", {"old_module": '"rtold"', "objects": "(Thing, f)",
                                             "here": "__name__"})
    )
    module = _module("rtnew", code)
    assert module.Thing.__module__ == "rtold"
    assert module.f.__module__ == "rtold"
    assert module.Thing.method.__module__ == "rtold"
    assert module.Thing.prop.fget.__module__ == "rtold"
    assert not [n for n in vars(module) if n.startswith("_godsplit")]
    old = _module("rtold", "")
    old.Thing = module.Thing
    assert type(pickle.loads(pickle.dumps(module.Thing()))) is module.Thing


def test_live_getattr_wrapping_the_modules_own_keeps_its_signature(clean_modules: None) -> None:
    import inspect
    import typing

    _module("rtsig.new", "X = 1\n")
    own = "\ndef __getattr__(name: str) -> int:\n    raise AttributeError(name)\n"
    text = own + "\n\n" + runtime.render(
        "live_globals", {"live": '{"X": ".new"}'}, sections={"getattr", "no_dir"}
    )
    module = _module("rtsig", text, package="rtsig")
    assert str(inspect.signature(module.__getattr__)) == "(name: 'str') -> 'int'"  # postponed
    assert typing.get_type_hints(module.__getattr__) == {"name": str, "return": int}
    assert module.X == 1


def test_annotations_python_evaluates_are_strings_without_the_future_import() -> None:
    text = runtime.quote_evaluated_annotations(
        "X: dict[str, str] = {}\nY: int = 1\n\n\nclass C:\n    z: list[int] = []\n\n\n"
        "def f(a: tuple[object, ...], b: int) -> dict[str, list[str]]:\n"
        "    found: dict[str, list[str]] = {}\n    return found\n")
    assert text == (
        'X: "dict[str, str]" = {}\nY: int = 1\n\n\nclass C:\n    z: "list[int]" = []\n\n\n'
        'def f(a: "tuple[object, ...]", b: int) -> "dict[str, list[str]]":\n'
        "    found: dict[str, list[str]] = {}\n    return found\n")
    kept = runtime.render("keep_module_name",
                          {"old_module": '"old"', "objects": "(f,)", "here": "__name__"},
                          future_annotations=True)
    assert "objects: tuple[object, ...]" in kept


OLDEST = [f"{root}/versions/{v}/bin/python" for root in ("/root/.pyenv",) for v in ("3.8.18",)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_rendered_runtime_runs_on_python_3_8(name: str) -> None:
    """A project may still support Python 3.8, where `dict[str, str]` in an evaluated
    annotation raises TypeError (click 8.1.8: `import click` failed after a split)."""
    import shutil
    import subprocess

    python = next((p for p in OLDEST if shutil.which(p)), shutil.which("python3.8"))
    if python is None:
        pytest.skip("no Python 3.8 on this machine")
    slots = {"modules": "()", "live": "{}", "old_module": '"old"', "objects": "(f,)",
             "here": "__name__"}
    text = runtime.render(name, slots, sections={"live", "no_getattr", "no_dir"})
    code = ("import sys, types\nmodule = types.ModuleType('old')\nsys.modules['old'] = module\n"
            "module.f = lambda: None\nexec(compile(sys.argv[1], 'old', 'exec'), vars(module))\n"
            "print('ok')\n")
    proc = subprocess.run([python, "-c", code, "f = lambda: None\n" + text],
                          capture_output=True, text=True)
    assert proc.stdout == "ok\n", proc.stderr


def test_the_runtime_code_fits_79_columns() -> None:
    """Copied as it is into projects whose linters may stop at PEP 8's 79 (a formatter
    would wrap a longer line, and W503/W504 would then flag one way or the other)."""
    folder = Path(runtime.__file__).parent
    for path in sorted(folder.glob("*.py")):
        text = path.read_text()
        if runtime.BEGIN not in text:
            continue
        body = text.partition(runtime.BEGIN)[2]
        long = [line for line in body.splitlines() if len(line) > 79]
        assert not long, (path.name, long)
