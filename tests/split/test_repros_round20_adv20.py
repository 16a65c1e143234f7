"""Round 20 (adv20): an adversarial sweep; each test failed before its fix.

- A statement nested thousands of levels deep (a 20,000-term `1 + 1 + ...`, a chain of
  1,500 subscripts) kept `plan` in LibCST's native parser for minutes (over ten for the
  20,000 terms), holding the GIL so that SIGTERM and Ctrl-C could not stop it. Python's own
  parser now measures the nesting first: such a statement is an input error at its line at
  once, and a project file that deep is not searched (GS212), in seconds.
- Four splits that changed behaviour after "verified": code reading its own frame's
  `f_globals` (or a module function's `__globals__`) moved and read the new module's
  namespace (KeyError); import-time order across modules of finalizers, signal handlers,
  draws from `random`, `next()` on a module iterator and a `global` counter (values
  swapped: GS124 now); keep-module-name hid `@overload` variants from
  `typing.get_overloads`; a name bound as `sys.modules[__name__].X = 1` was NameError in
  the moved code that read it (GS122 now); a module-level `match` capture rebinding a
  global read elsewhere (GS148).
- A FIFO named `x.py` in the project, or at a path the split writes, blocked `plan`
  forever (the reload search and the target check read it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

_SMALL = "def helper():\n    return 1\n\n\ndef use():\n    return 2\n"


def _plan(root: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "godsplit", "plan", "--static"], cwd=root,
                          capture_output=True, text=True, timeout=timeout)


def _state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_chain_python_cannot_compile_is_refused_at_once_at_its_line(tmp_path: Path) -> None:
    source = _SMALL + "\n\nTOTAL = " + " + ".join("1" for _ in range(20_000)) + "\n"
    make_project(tmp_path, source, {"helpers": ["helper"]}, default="rest")
    (tmp_path / "godsplit.toml").write_text('[[split]]\nsource = "pkg/big.py"\ndefault = "rest"\n'
                                            '[split.modules]\nhelpers = ["helper"]\n')
    before = _state(tmp_path)
    done = _plan(tmp_path)  # before the fix: over ten minutes in LibCST's parser
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "pkg/big.py:9: cannot analyse: Python's own compiler gives up" in done.stderr
    assert _state(tmp_path) == before


def test_a_statement_nested_deeper_than_libcst_reads_is_refused_before_its_parse(
    tmp_path: Path,
) -> None:
    """1,500 subscripts compile (Python's limit is about 3,000) but LibCST's parser takes
    minutes on them, and its visitors could not walk them after."""
    source = _SMALL + "\n\nVALUE = helper" + "[0]" * 1_500 + "\n"
    make_project(tmp_path, source, {"helpers": ["helper"]}, default="rest")
    (tmp_path / "godsplit.toml").write_text('[[split]]\nsource = "pkg/big.py"\ndefault = "rest"\n'
                                            '[split.modules]\nhelpers = ["helper"]\n')
    done = _plan(tmp_path)
    assert done.returncode == 2, done.stderr
    assert "pkg/big.py:9: cannot analyse: this statement nests 500 levels deep or more" in done.stderr


def test_a_project_file_python_cannot_compile_is_not_searched_and_plan_ends(
    tmp_path: Path,
) -> None:
    deep = "TARGET = 'pkg.big.helper'\nTOTAL = " + " + ".join("1" for _ in range(20_000)) + "\n"
    make_project(tmp_path, _SMALL, {"helpers": ["helper"]}, default="rest",
                 files={"tools/deep.py": deep})
    (tmp_path / "godsplit.toml").write_text('[[split]]\nsource = "pkg/big.py"\ndefault = "rest"\n'
                                            '[split.modules]\nhelpers = ["helper"]\n')
    done = _plan(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "GS212" in done.stdout and "tools/deep.py" in done.stdout, done.stdout


# --- code that reads its module's namespace through a frame, or a function's globals ---------

_FRAME = """
import inspect
import sys

SETTING = 42


def lookup(name):
    return sys._getframe().f_globals[name]


def current(name):
    return inspect.currentframe().f_globals[name]


def through_function(name):
    return through_function.__globals__[name]


def other():
    return SETTING
"""

_FRAME_CODE = """
import pkg.big as m
print(m.lookup("SETTING"), m.current("SETTING"), m.through_function("SETTING"))
"""


def test_code_reading_its_frames_globals_stays_in_the_old_module(tmp_path: Path) -> None:
    """Moved, `sys._getframe().f_globals` was the new module's: KeyError after "verified"."""
    out = same_behaviour(tmp_path, _FRAME, {"b": ["other", "SETTING"]}, _FRAME_CODE,
                         default="rest")
    assert out == "42 42 42\n"


@pytest.mark.parametrize("name", ["lookup", "current", "through_function"])
def test_mapping_code_that_reads_its_frames_globals_is_an_error(tmp_path: Path, name: str) -> None:
    config = make_project(tmp_path, _FRAME, {"a": [name], "b": ["other", "SETTING"]},
                          default="rest")
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS101"], [f.render() for f in plan.errors]
    assert "f_globals" in plan.errors[0].message


def test_a_caller_frame_or_a_functions_argument_is_not_the_module(tmp_path: Path) -> None:
    source = """
    import sys


    def caller_setting():
        return sys._getframe(1).f_globals.get("SETTING")


    def globals_of(fn):
        return fn.__globals__.get("SETTING")


    def other():
        return 1
    """
    config = make_project(tmp_path, source, {"a": ["caller_setting", "globals_of"],
                                             "b": ["other"]})
    plan, _ = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]


# --- GS124: state outside the module, and an iterator's next item -----------------------------

_ORDERED = {
    "finalize": ("""
        import weakref


        class Thing:
            pass


        T1 = Thing()
        F1 = weakref.finalize(T1, print, "first")


        def helper():
            return 1


        T2 = Thing()
        F2 = weakref.finalize(T2, print, "second")
        """, {"z": ["T1", "F1"], "a": ["T2", "F2", "helper"], "c": ["Thing"]}),
    "random": ("""
        import random

        random.seed(1234)
        A = random.random()


        def helper():
            return A


        B = random.random()
        """, {"z": ["A", "helper"], "a": ["B"]}),
    "from_import": ("""
        from random import random as draw

        A = draw()


        def helper():
            return A


        B = draw()
        """, {"z": ["A", "helper"], "a": ["B"]}),
    "next": ("""
        import itertools

        _ids = itertools.count()


        class Foo:
            ID = next(_ids)


        def helper():
            return 1


        class Bar:
            ID = next(_ids)
        """, {"z": ["Foo"], "a": ["Bar", "helper"]}),
    "global_counter": ("""
        _n = 0


        def next_id():
            global _n
            _n += 1
            return _n


        class Zeta:
            ID = next_id()


        def helper():
            return 1


        class Alpha:
            ID = next_id()
        """, {"z": ["Zeta"], "a": ["Alpha", "helper"], "base": ["next_id"]}),
    "signal": ("""
        import signal


        def h1(s, f):
            return 1


        def helper():
            return 1


        signal.signal(signal.SIGUSR1, helper)


        def h2(s, f):
            return 2


        signal.signal(signal.SIGUSR1, h2)
        """, {"z": ["helper"], "a": ["h1", "h2"]}),
}


@pytest.mark.parametrize("case", sorted(_ORDERED))
def test_import_time_order_of_state_shared_across_modules_is_gs124(
    tmp_path: Path, case: str,
) -> None:
    """Before: "verified", and finalizers ran in another order at exit, `A` and `B` drew
    each other's random numbers, `Foo.ID` and `Bar.ID` swapped (`next(_ids)`, or a function
    rebinding a `global` counter)."""
    source, modules = _ORDERED[case]
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    plan, _ = plan_texts(make_project(tmp_path, source, modules, package="pkg/parts"))
    assert "GS124" in [f.code for f in plan.errors], [f.render() for f in plan.findings]


def test_state_changed_from_one_module_is_no_error(tmp_path: Path) -> None:
    source, _ = _ORDERED["random"]
    plan, _ = plan_texts(make_project(tmp_path, source, {"z": ["A", "B"], "a": ["helper"]}))
    assert not plan.errors, [f.render() for f in plan.errors]


# --- keep-module-name and typing.get_overloads -------------------------------------------------

def test_keep_module_name_keeps_the_overloads_typing_finds(tmp_path: Path) -> None:
    """`get_overloads` looks variants up by the function's `__module__`: keep-module-name
    set it after they were registered under the new module's, and found none ("verified")."""
    source = """
    from typing import get_overloads, overload


    @overload
    def conv(x: int) -> int: ...
    @overload
    def conv(x: str) -> str: ...
    def conv(x):
        return x


    class Box:
        @overload
        def get(self, k: int) -> int: ...
        @overload
        def get(self, k: str) -> str: ...
        def get(self, k):
            return k


    def other():
        return len(get_overloads(conv))
    """
    code = """
    import typing
    import pkg.big as m
    print(len(typing.get_overloads(m.conv)), len(typing.get_overloads(m.Box.get)), m.other(),
          m.conv.__module__)
    """
    out = same_behaviour(tmp_path, source, {"a": ["conv", "Box"], "b": ["other"]}, code,
                         **{"keep-module-name": True})
    assert out == "2 2 2 pkg.big\n"


# --- a name bound by setting an attribute of the module itself --------------------------------

def test_a_name_bound_through_sys_modules_is_not_read_from_a_new_module(tmp_path: Path) -> None:
    """`sys.modules[__name__].EXTRA = 5` binds EXTRA in the old module only: moved, code
    reading it raised NameError after "verified"; now GS122, as for `globals()[...] = 5`."""
    source = """
    import sys


    def uses_extra():
        return EXTRA


    def other():
        return 1


    sys.modules[__name__].EXTRA = 5
    setattr(sys.modules[__name__], "EXTRA2", 6)


    def uses_extra2():
        return EXTRA2
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["uses_extra", "uses_extra2"],
                                                         "b": ["other"]}))
    # round 31: such readers stay in the old module: mapped, they cannot move (GS101)
    errors = sorted((f.code, f.message.split(":")[0]) for f in plan.errors)
    assert errors == [("GS101", "'uses_extra' cannot be mapped"),
                      ("GS101", "'uses_extra2' cannot be mapped")], [f.render() for f in plan.findings]
    assert "sys.modules[__name__]" in plan.errors[0].message


# --- GS148: a module-level `match` statement binding globals ---------------------------------

_MATCH = """
mode = "default"
CONFIG = {"mode": "fast"}


def get_mode():
    return mode


match CONFIG:
    case {"mode": mode}:
        pass


def other():
    return 1
"""


def test_a_match_capture_rebinding_a_global_read_elsewhere_is_gs148(tmp_path: Path) -> None:
    """LibCST's scopes do not record captures: get_mode read "default", not "fast", after
    a "verified" split. Since round 32 (engine33) the statement binds `mode` as the
    assignment does, so mapping `mode` takes both with `get_mode`: the split keeps it; the
    statement in another module than a reader is GS148."""
    config = make_project(tmp_path / "apart", _MATCH, {"a": ["get_mode"], "b": ["other", "mode"]},
                          default="rest")
    plan, _ = plan_texts(config)
    assert [(f.code, f.line) for f in plan.errors] == [("GS148", 9)], [
        f.render() for f in plan.findings]
    code = "import pkg.big as m\nprint(m.get_mode(), m.mode)\n"
    assert same_behaviour(tmp_path, _MATCH, {"a": ["get_mode", "mode"], "b": ["other"]}, code,
                          default="rest") == "fast fast\n"


def test_a_match_capture_with_its_readers_in_the_old_module_splits_the_same(
    tmp_path: Path,
) -> None:
    code = "import pkg.big as m\nprint(m.get_mode(), m.mode)\n"
    assert same_behaviour(tmp_path, _MATCH, {"b": ["other"]}, code,
                          keep=["get_mode", "mode", "CONFIG"]) == "fast fast\n"


# --- a FIFO where godsplit reads a file ------------------------------------------------------

def _fifo_project(root: Path, fifo: str) -> None:
    make_project(root, _SMALL, {"helpers": ["helper"]}, default="rest")
    (root / "godsplit.toml").write_text('[[split]]\nsource = "pkg/big.py"\ndefault = "rest"\n'
                                        '[split.modules]\nhelpers = ["helper"]\n')
    (root / fifo).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_at_a_target_path_is_named_not_read(tmp_path: Path) -> None:
    """The reload search read every `*.py` of the project and the target check read the
    existing file: a FIFO there blocked `plan` forever."""
    _fifo_project(tmp_path, "pkg/big/helpers.py")
    done = _plan(tmp_path, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "godsplit.toml:5: module 'helpers' is written to pkg/big/helpers.py, which " \
           "already exists" in done.stderr, done.stderr  # (at its config line: round 23)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_named_like_a_module_elsewhere_is_not_read(tmp_path: Path) -> None:
    _fifo_project(tmp_path, "tools/pipe.py")
    done = _plan(tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
