"""Bugs found in round 18 splitting real god files not tried before (sh's
`sh/__init__.py`, autopep8's `autopep8.py`, dulwich's `objects.py`) and running each
library's own suite before and after: each a minimal `pkg/big.py`, planned and applied."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from godsplit.split.verify import Snapshot, compare_snapshots, snapshot
from godsplit.types import GodsplitError

from splitkit import apply, make_project, plan_texts, same_behaviour

# sh ends with `sys.modules[__name__] = SelfWrapper(sys.modules[__name__])`: importers get a
# ModuleType subclass whose `__getattr__` finds programs on PATH (`sh.ls`)
REPLACES_ITSELF = """
    import sys
    from types import ModuleType


    def helper():
        return "real"


    def use():
        return helper()


    class Wrapper(ModuleType):
        def __init__(self, module):
            super().__init__(module.__name__)
            self._module = module

        def __getattr__(self, name):
            if name.startswith("cmd_"):
                return "program " + name[4:]
            if name.startswith("_"):  # `import *` finds no `__all__`, as sh's
                raise AttributeError(name)
            return getattr(self._module, name)


    sys.modules[__name__] = Wrapper(sys.modules[__name__])
"""

USES_THE_WRAPPER = """
    import sys

    import pkg.big

    print(type(pkg.big).__name__, type(sys.modules["pkg.big"]).__name__)
    print(pkg.big.cmd_ls, pkg.big.use(), pkg.big.helper())
"""


def test_a_module_that_replaces_itself_in_sys_modules_keeps_its_replacement(
    tmp_path: Path,
) -> None:
    """The live facade made `sys.modules[__name__]` its facade class at the end of the
    module, which was by then the object the module had put in its place: sh's
    SelfWrapper lost its class and with it its `__getattr__` (`sh.Command`,
    `sh.ls`: AttributeError, 190 of sh's 190 tests). "verified" all the same."""
    out = same_behaviour(tmp_path, REPLACES_ITSELF,
                         {"helpers": ["helper"], "users": ["use"]}, USES_THE_WRAPPER,
                         keep=["Wrapper"])
    assert out == "Wrapper Wrapper\nprogram ls real real\n"


def test_the_import_check_compares_the_object_the_import_gives(tmp_path: Path) -> None:
    """The import check read the names of what `import sh` gives (SelfWrapper's 4) and
    found them the same when the live facade had made SelfWrapper its facade class:
    "verified". It now compares the object's own kind too: a module (a live facade's class
    is one), or the class of the object that took the module's place."""
    make_project(tmp_path, REPLACES_ITSELF, {"helpers": ["helper"], "users": ["use"]})
    before = snapshot(tmp_path, "pkg.big", None)
    assert isinstance(before, Snapshot) and before.object == "pkg.big.Wrapper"
    changed = replace(before, object="module")
    [finding] = compare_snapshots(before, changed, "pkg/big.py")
    assert finding.code == "GS404" and "(pkg.big.Wrapper -> module)" in finding.message
    assert compare_snapshots(before, before, "pkg/big.py") == []


# autopep8 reloads pycodestyle (its checks registry starts empty again), then registers two
# of its own checks with it; each registration follows its function to a new module
RELOADS_THEN_REGISTERS = """
    import importlib
    import json


    def first():
        return 1


    def second():
        return 2


    importlib.reload(json)
    json.registry = []
    json.registry.append(first)
    json.registry.append(second)
"""


def test_a_kept_effect_still_runs_before_the_moved_effects_that_follow_it(
    tmp_path: Path,
) -> None:
    """autopep8's `importlib.reload(pycodestyle)` stayed in the facade and ran after the
    new modules had registered their checks with pycodestyle (the reload dropped them):
    its E12x fixes stopped working, 115 of its tests failed, after "verified". A kept
    statement acting on an import now runs before the new modules when the moved code
    reading that import at import time runs after it in the source (the registrations),
    not only when the moved unit starts after it (the function they follow starts above)."""
    out = same_behaviour(
        tmp_path, RELOADS_THEN_REGISTERS, {"one": ["first"], "two": ["second"]},
        "import json, pkg.big\nprint([f.__name__ for f in json.registry])\n",
    )
    assert out == "['first', 'second']\n"


# sh's get_rc_exc: `ErrorReturnCodeMeta(name, (base,), {"exit_code": rc})`, cached
MAKES_CLASSES = """
    class Meta(type):
        pass


    class Failure(Exception, metaclass=Meta):
        pass


    def failure_class(code):
        return Meta(f"Failure_{code}", (Failure,), {"code": code})


    def named_class(code):
        return type("Named", (), {"__module__": "pkg.big", "code": code})
"""


def test_moved_code_that_makes_classes_when_it_runs_is_named(tmp_path: Path) -> None:
    """sh's `get_rc_exc` makes its exception classes with a metaclass call; moved, they
    reported the new module (`sh.chunk_consumer.ErrorReturnCode_1`, keep-module-name set
    by suggest), and pickling one failed: the plan said nothing. A namespace that sets
    `__module__` itself is not named."""
    config = make_project(tmp_path, MAKES_CLASSES, {"errors": ["Meta", "Failure"],
                                                    "makers": ["failure_class", "named_class"]},
                          **{"keep-module-name": True})
    plan, _ = plan_texts(config)
    [finding] = [f for f in plan.findings if f.code == "GS131"]
    assert finding.severity == "warning" and finding.line == 9
    assert "failure_class makes classes when it runs (`Meta(name, bases, namespace)`)" in (
        finding.message) and "moved to makers" in finding.message


SCRIPT = """
    import sys


    def helper():
        return "fixed"


    def main():
        print(helper())


    if __name__ == "__main__":
        sys.exit(main())
"""


def test_a_script_its_tests_run_by_path_is_refused_the_package_layout(tmp_path: Path) -> None:
    """autopep8's suite runs `python <root>/autopep8.py`; split into the package
    `autopep8/`, the file was gone and 43 command-line tests failed after "verified". A
    module with a `__main__` block whose file name another file of the project spells is
    refused the package layout, with the sibling package to set; with it the file stays,
    as the facade, and still runs."""
    runner = "import os, subprocess, sys\nHERE = os.path.dirname(__file__)\n" \
             "CMD = [sys.executable, os.path.join(HERE, '..', 'tool.py')]\n"
    config = make_project(tmp_path, SCRIPT, {"helpers": ["helper"], "cli": ["main"]},
                          path="tool.py", files={"tests/test_tool.py": runner})
    with pytest.raises(GodsplitError) as caught:
        plan_texts(config)
    assert "tests/test_tool.py:3 names the file tool.py (which has a `__main__` block" in str(caught.value)
    assert 'package = "tool_parts"' in str(caught.value)
    config = make_project(tmp_path / "sibling", SCRIPT, {"helpers": ["helper"], "cli": ["main"]},
                          path="tool.py", files={"tests/test_tool.py": runner},
                          package="tool_parts")
    assert apply(config).written
    ran = subprocess.run([sys.executable, "tool.py"], cwd=tmp_path / "sibling",
                         capture_output=True, text=True, timeout=60)
    assert ran.stdout == "fixed\n", ran.stderr
