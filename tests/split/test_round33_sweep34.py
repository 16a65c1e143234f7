"""Round 33 (sweep34): suggest --write then apply on new installed god files.

polars 2.1's `datatypes/classes.py` imports itself (`import polars.datatypes.classes as
pldt`), and `class Categories` reads `pldt.UInt32` as a default argument while the module
is imported. Moved to a new module, that read found the facade mid-import, which the
sorter had it import before the module re-exporting `UInt32`: AttributeError, GS406 in
the import check, and suggest ended with "no mapping without plan errors was found". A
read of the module through an import of itself, at import time, is a read of its
namespace: the statement stays in the old module, where it runs after the re-exports.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import godsplit
from godsplit.suggester.entry import render_entry

from splitkit import make_project, plan_texts, ruff_check, same_behaviour

SELF_IMPORT = """
    import pkg.big as me


    class Wide:
        size = 32


    class Narrow:
        size = 8


    class Reader:
        def __init__(self, kind=me.Wide):
            self.kind = kind


    def describe():
        return Reader().kind.size + Narrow.size
"""
USE = """
    import pkg.big
    print(pkg.big.describe(), pkg.big.Reader.__module__)
"""


@pytest.mark.parametrize("alias", ["import pkg.big as me", "from pkg import big as me",
                                   "from . import big as me"])
def test_a_read_through_an_import_of_itself_stays_in_the_old_module(
        tmp_path: Path, alias: str) -> None:
    source = SELF_IMPORT.replace("import pkg.big as me", alias)
    modules = {"alpha": ["describe"], "zeta": ["Narrow", "Wide"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", source, modules))
    assert "class Reader" in texts["pkg/big/__init__.py"]
    assert "class Reader" not in texts["pkg/big/alpha.py"]
    assert same_behaviour(tmp_path / "run", source, modules, USE) == "40 pkg.big\n"


def test_mapping_such_a_reader_says_why_it_stays(tmp_path: Path) -> None:
    modules = {"alpha": ["Reader", "describe"], "zeta": ["Narrow", "Wide"]}
    plan, _ = plan_texts(make_project(tmp_path, SELF_IMPORT, modules))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [(f.code, f.line) for f in errors] == [("GS101", 12)]
    assert "through an import of itself (`me.Wide`)" in errors[0].message


def test_a_read_inside_a_function_moves(tmp_path: Path) -> None:
    source = SELF_IMPORT.replace("def __init__(self, kind=me.Wide):\n            self.kind = kind",
                                 "def __init__(self):\n            self.kind = me.Wide")
    modules = {"alpha": ["Reader", "describe"], "zeta": ["Narrow", "Wide"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", source, modules))
    assert "class Reader" in texts["pkg/big/alpha.py"]
    printed = same_behaviour(tmp_path / "run", source, modules, "import pkg.big\nprint(pkg.big.describe())")
    assert printed == "40\n"


def test_suggest_finds_a_mapping_without_plan_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "big.py").write_text(textwrap.dedent(SELF_IMPORT) + "".join(
        f"\n\nclass Extra{i}(Wide):\n    '''Extra {i}.'''\n\n    size = {i}\n" for i in range(6)))
    (tmp_path / "godsplit.toml").write_text("max-lines = 600\n")
    monkeypatch.chdir(tmp_path)
    suggestion = godsplit.suggest(tmp_path / "pkg" / "big.py", modules=2)
    assert not suggestion.errors, suggestion.errors
    assert '"Reader"' not in render_entry(suggestion)


# gevent 26.9's `subprocess.py`: `if mswindows: import msvcrt; class Handle(int): ...`
# / `else: import fcntl; ...; fork = ...`, a block that defines names, moved whole to the
# new module holding `Handle` and `fork`. The code using `msvcrt` and `fcntl` (`Popen`)
# imports them from there, and that module does not read them: ruff's F401 (4 in the
# written module), in a project with no linter configuration (ruff's defaults).
PLATFORM_BLOCK = """
    import os

    WINDOWS = os.name == "nt"
    if WINDOWS:
        import msvcrt

        class Handle(int):
            closed = False
    else:
        import fcntl

        fork = os.fork


    def flags(fd):
        if WINDOWS:
            return msvcrt.get_osfhandle(fd)
        return fcntl.fcntl(fd, fcntl.F_GETFD)
"""


def test_imports_of_a_moved_block_read_only_elsewhere_get_their_noqa(tmp_path: Path) -> None:
    modules = {"handles": ["Handle", "WINDOWS", "fork"], "runner": ["flags"]}
    config = make_project(tmp_path, PLATFORM_BLOCK, modules)
    _, texts = plan_texts(config)
    assert "import fcntl" in texts["pkg/big/handles.py"]
    for path, text in texts.items():
        if text == "<delete>":
            continue
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    done = ruff_check(tmp_path, "pkg/big")
    assert done.returncode == 0, done.stdout
    printed = same_behaviour(tmp_path / "run", PLATFORM_BLOCK, modules, """
        import os
        import pkg.big
        fd = os.open(os.devnull, os.O_RDONLY)
        print(pkg.big.flags(fd) >= 0, hasattr(pkg.big, "fork"))
    """)
    assert printed == "True True\n"
