"""Bugs found splitting real god files (round 3): each a minimal `pkg/big.py` and a check
in a fresh interpreter or on the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits

from splitkit import make_project, run_before_and_after, run_python

SETATTR_SOURCE = """
    def _send(x):
        return f"sent {x}"


    def deliver(x):
        return _send(x)


    def report():
        return 1
"""
SETATTR_USER = '''
    import pkg.big
    from pkg import big
    from pkg.big import deliver

    old = pkg.big._send
    setattr(pkg.big, "_send", lambda x: "patched")
    assert deliver(1) == "patched", deliver(1)
    setattr(big, "_send", lambda x: "again")
    assert deliver(1) == "again", deliver(1)
    setattr(pkg.big, "_send", old)
    print(deliver(2))
'''


@pytest.mark.parametrize("how", ["rewrite_references", "migrate"])
def test_builtin_setattr_on_the_old_module_is_not_a_patch_call(tmp_path: Path, how: str) -> None:
    """`setattr(pkg.big, "name", f)` is the builtin, not `monkeypatch.setattr`: its first
    argument becomes the module that looks the name up, never a dotted string."""
    config = make_project(tmp_path, SETATTR_SOURCE, {"delivery": ["deliver", "_send"],
                                                      "reporting": ["report"]},
                          facade="static", files={"use.py": SETATTR_USER})
    assert run_python(tmp_path, "import use") == "sent 2\n"
    result = apply_splits(config, **{how: True})
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    text = (tmp_path / "use.py").read_text()
    assert 'setattr("' not in text
    assert run_python(tmp_path, "import use") == "sent 2\n"


def test_builtin_setattr_to_a_module_outside_the_old_one_is_listed(tmp_path: Path) -> None:
    """New modules beside the old one (`package = "pkg/parts"`) are not reachable from the
    old module's name: the call is listed for a hand edit and left as it was."""
    config = make_project(tmp_path, SETATTR_SOURCE, {"delivery": ["deliver", "_send"],
                                                      "reporting": ["report"]},
                          package="pkg/parts", facade="static", files={"use.py": SETATTR_USER})
    result = apply_splits(config, rewrite_references=True)
    assert result.written
    assert (tmp_path / "use.py").read_text().count('setattr(pkg.big, "_send"') == 2
    hand = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert hand and "pkg.parts.delivery" in hand[0].message


TYPE_STRINGS_SOURCE = """
    import typing as t
    from typing import Optional


    MaybeB = t.Optional["B"]
    ListOfB = t.List[Optional["B"]]
    T = t.TypeVar("T", bound="B")


    def f(x: MaybeB = None) -> ListOfB:
        return [x]


    class B:
        pass
"""


def test_strings_in_typing_subscripts_are_reads(tmp_path: Path) -> None:
    """`t.Optional["B"]` outside an annotation (a type alias, a TypeVar bound) reads B:
    lazily, at run time, so `get_type_hints` still resolves it after the split."""
    code = """
        import typing
        import pkg.big as big
        print(typing.get_type_hints(big.f))
        print(big.T.__bound__, big.MaybeB)
    """
    before, after, _ = run_before_and_after(
        tmp_path, TYPE_STRINGS_SOURCE, {"model": ["B"], "api": ["MaybeB", "ListOfB", "T", "f"]},
        code,
    )
    assert "pkg.big.model.B" in after
    assert before.replace("pkg.big.B", "pkg.big.model.B") == after
    api = (tmp_path / "after/pkg/big/api.py").read_text()
    assert "from .model import B" in api and "TYPE_CHECKING" not in api


def test_one_definition_over_max_lines_only_with_its_imports_is_a_warning(tmp_path: Path) -> None:
    """bottle's `Bottle` class (under max-lines) and the imports it needs make a module
    over max-lines: no mapping can fix that, so it is a warning, not an error that leaves
    `suggest` no way out. A module that gets under by mapping its other names stays an error."""
    imports = "\n".join(f"import {m}" for m in ("os", "re", "sys", "json", "time", "threading"))
    uses = "\n".join(f"        {m}.__name__" for m in ("os", "re", "sys", "json", "time",
                                                       "threading"))
    body = "\n".join(f"        x{i} = {i}" for i in range(30))
    source = (f"{imports}\n\n\nclass App:\n    def run(self):\n{uses}\n{body}\n"
              "        return 1\n\n\ndef small():\n    return 2\n")
    from godsplit.split.plan import plan_split

    config = make_project(tmp_path, source, {"app": ["App"], "other": ["small"]},
                          **{"max-lines": 42})
    plan, _ = plan_split(config, config.splits[0])
    assert plan.errors == ()
    [warning] = [f for f in plan.findings if f.code == "GS105"]
    assert "because App alone is 41 lines (49 with the module's imports)" in warning.message, warning.message
    config = make_project(tmp_path / "two", source, {"app": ["App", "small"]},
                          **{"max-lines": 50})
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS105"]


def _refused_or_works(tmp_path: Path, source: str, mapping: dict[str, list[str]], code: str,
                      expected: str) -> None:
    """The plan refuses the mapping as an import-time cycle (GS104), or the split it
    writes imports and behaves: never a clean plan that apply rolls back."""
    from godsplit.split.plan import plan_split

    config = make_project(tmp_path, source, mapping)
    plan, _ = plan_split(config, config.splits[0])
    if plan.errors:
        assert {f.code for f in plan.errors} == {"GS104"}, [f.render() for f in plan.errors]
        return
    result = apply_splits(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    assert run_python(tmp_path, code) == expected


PROPERTY_SOURCE = """
    class BaseResponse:
        def __init__(self, status=200):
            self.status = status

        def _get_status(self):
            return self._status

        def _set_status(self, status):
            self._status = _STATUS_LINES[status]

        status = property(_get_status, _set_status)
        del _get_status, _set_status


    _STATUS_LINES = {200: "200 OK"}


    class LocalResponse(BaseResponse):
        pass


    response = LocalResponse()
"""


def test_a_property_setter_run_at_import_time_is_an_import_time_read(tmp_path: Path) -> None:
    """bottle: `response = LocalResponse()` runs `self.status = ...`, which runs the
    property's `_set_status`, which reads a global of the module that instantiates it: a
    call-time cycle hand-over comes too late. The plan refuses it (GS104) or orders the
    modules so that it works; it never writes a split that apply rolls back."""
    mapping = {"base": ["BaseResponse"], "local": ["_STATUS_LINES", "LocalResponse", "response"]}
    _refused_or_works(tmp_path, PROPERTY_SOURCE, mapping,
                      "import pkg.big as b; print(b.response.status)", "200 OK\n")


ASSIGN_USER = '''
    import pkg.big
    from pkg import big
    from pkg.big import deliver

    old = pkg.big._send
    pkg.big._send = lambda x: "patched"
    assert deliver(1) == "patched", deliver(1)
    big._send = lambda x: "again"
    assert deliver(1) == "again", deliver(1)
    import use_aliased
    assert deliver(1) == "aliased", deliver(1)
    pkg.big._send = old
    print(deliver(2))
'''


def test_assigning_an_attribute_of_the_old_module_follows_the_name(tmp_path: Path) -> None:
    """`pkg.big._send = f` is a patch too: with a static facade it would only reach the
    facade, so --rewrite-references assigns it where moved code looks it up."""
    config = make_project(tmp_path, SETATTR_SOURCE, {"delivery": ["deliver", "_send"],
                                                      "reporting": ["report"]},
                          facade="static", files={"use.py": ASSIGN_USER, "use_aliased.py": (
                              'import pkg.big as b\n\nb._send = lambda x: "aliased"\n')})
    assert run_python(tmp_path, "import use") == "sent 2\n"
    result = apply_splits(config, rewrite_references=True)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    assert "pkg.big.delivery._send = lambda" in (tmp_path / "use.py").read_text()
    assert 'b.delivery._send = lambda x: "aliased"' in (tmp_path / "use_aliased.py").read_text()
    assert run_python(tmp_path, "import use") == "sent 2\n"


OPERATOR_SOURCE = """
    class Element:
        def __or__(self, other):
            return Either([self, other])


    class Either(Element):
        def __init__(self, items):
            self.items = items


    class Word(Element):
        pass


    GRAMMAR = Word() | Word()
"""


def test_an_operator_at_import_time_runs_the_special_method(tmp_path: Path) -> None:
    """pyparsing: `Word() | Word()` at module level runs `Element.__or__`, which reads
    `Either`; with Element and Either in two modules in a cycle, the hand-over came too
    late. The plan refuses it (GS104) or writes a split that imports; never a rollback."""
    mapping = {"base": ["Element"], "rest": ["Either", "Word", "GRAMMAR"]}
    _refused_or_works(tmp_path, OPERATOR_SOURCE, mapping,
                      "import pkg.big as b; print(len(b.GRAMMAR.items))", "2\n")


def test_a_group_in_an_import_time_cycle_over_max_lines_is_a_warning(tmp_path: Path) -> None:
    """attrs' `_make.py`: definitions that read each other at import time cannot be in two
    modules (GS104), so when they alone are over max-lines no mapping can fix it: GS105 is
    a warning naming the group, and `suggest` is no dead end."""
    from godsplit.split.plan import plan_split

    methods = "\n".join(f"    def m{i}(self):\n        return {i}\n" for i in range(12))
    helpers = "\n".join(f"    x{i} = {i}" for i in range(12))
    source = (f"class Base:\n    def __init_subclass__(cls):\n        cls.tag = tag_for(cls)\n\n"
              f"{methods}\n\ndef tag_for(cls):\n{helpers}\n    return Base.__name__ + cls.__name__"
              "\n\n\nclass Child(Base):\n    pass\n\n\ndef small():\n    return 2\n")
    config = make_project(tmp_path, source, {"a": ["Base", "tag_for", "Child"],
                                             "b": ["small"]}, **{"max-lines": 50})
    plan, _ = plan_split(config, config.splits[0])
    assert plan.errors == (), [f.render() for f in plan.errors]
    [warning] = [f for f in plan.findings if f.code == "GS105"]
    assert "Base and the 1 definition in an import-time cycle with it" in warning.message


def test_a_type_alias_read_in_another_module_still_resolves(tmp_path: Path) -> None:
    """`MaybeB = t.Optional["B"]` with `B` in one module, `def f(x: MaybeB)` in another:
    `get_type_hints(f)` looks `"B"` up in `f`'s module, so that module imports B too."""
    source = """
        import typing as t

        MaybeB = t.Optional["B"]


        def f(x: MaybeB = None) -> None:
            pass


        class B:
            pass
    """
    code = "import typing, pkg.big as big; print(typing.get_type_hints(big.f))"
    before, after, _ = run_before_and_after(tmp_path, source, {"a": ["MaybeB", "B"], "b": ["f"]},
                                            code)
    assert before.replace("pkg.big.B", "pkg.big.a.B") == after
