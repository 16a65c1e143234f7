"""The runtime code godsplit copies into users' projects, executed as it is rendered."""

from __future__ import annotations

import ast
import pickle
import sys
import types
from collections.abc import Iterator

import pytest

from godsplit.split import runtime

ALL = ("live_facade", "keep_module_name", "hand_over")


def _module(name: str, code: str = "") -> types.ModuleType:
    module = types.ModuleType(name)
    module.__package__ = name.rpartition(".")[0]
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
    slots = {"base": "__name__", "modules": '("a",)', "live": "{}", "old_module": '"old"',
             "objects": "(f,)"}
    text = runtime.render(name, slots, sections={"live"})
    ast.parse(text)
    assert "SLOT_" not in text and "godsplit-runtime" not in text


def test_a_missing_slot_is_an_error() -> None:
    with pytest.raises(KeyError, match="SLOT_BASE"):
        runtime.render("live_facade", {})


def test_live_facade_forwards_set_and_delete_and_reads_live_globals(clean_modules: None) -> None:
    new = _module("rtpkg.new", "def helper():\n    return 1\nCOUNTER = 0\n")
    code = "from rtpkg.new import helper\nCOUNTER = 0\n\n" + runtime.render(
        "live_facade",
        {"base": "__name__", "modules": '("new",)', "live": '{"COUNTER": "new"}'},
        sections={"live"},
    )
    facade = _module("rtpkg", code)
    facade.helper = lambda: 2  # what mock.patch("rtpkg.helper") does
    assert new.helper() == 2
    del facade.helper
    assert "helper" not in vars(new)
    new.COUNTER = 5  # the moved code rebinds its global
    assert facade.COUNTER == 5


def test_live_facade_without_live_globals_has_no_getattribute() -> None:
    text = runtime.render("live_facade", {"base": "__name__", "modules": "()", "live": "{}"})
    assert "__getattribute__" not in text


def test_keep_module_name_renames_objects_and_methods(clean_modules: None) -> None:
    code = (
        "class Thing:\n    def method(self):\n        pass\n\n    @property\n"
        "    def prop(self):\n        return 1\n\n\ndef f():\n    pass\n"
        + runtime.render("keep_module_name", {"old_module": '"rtold"', "objects": "(Thing, f,)"})
    )
    module = _module("rtnew", code)
    assert module.Thing.__module__ == "rtold"
    assert module.f.__module__ == "rtold"
    assert module.Thing.method.__module__ == "rtold"
    assert module.Thing.prop.fget.__module__ == "rtold"
    assert "_godsplit_keep_module" not in vars(module)
    old = _module("rtold", "")
    old.Thing = module.Thing
    assert type(pickle.loads(pickle.dumps(module.Thing()))) is module.Thing


def test_hand_over_gives_names_to_a_peer_that_is_importing(clean_modules: None) -> None:
    peer = _module("rtho.peer", "")
    code = runtime.render("hand_over", {}) + '\n\nX = 1\n_godsplit_hand_over("peer", X=X)\n'
    _module("rtho.mine", code)
    assert peer.X == 1
    _module("rtho.other", code.replace('"peer"', '"absent"'))  # no such peer: nothing happens
