"""Bugs found in round 16 applying maintainers' historical splits (pexpect, pyparsing, moto,
pylint) with the projects' own suites before and after: each a minimal `pkg/big.py`; a
written split must behave the same, and what cannot be split as mapped is refused at plan
time, naming its file, line and cause."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import make_project, plan_texts

TRACE = """
    import sys
    import traceback


    class Failure(Exception):
        def trace(self) -> str:
            \"\"\"The frames outside pkg/big: the caller's.\"\"\"
            frames = traceback.extract_tb(sys.exc_info()[2])
            return "".join(f.name + "\\n" for f in frames if "pkg/big" not in f.filename)


    def expect() -> None:
        raise Failure("no match")
"""
MODULES = {"errors": ["Failure"], "spawn": ["expect"]}


def test_a_string_naming_the_old_file_is_refused(tmp_path: Path) -> None:
    """pexpect 3.3's `ExceptionPexpect.get_trace` drops the frames whose file name contains
    'pexpect/__init__'; split as its maintainers split it, `expect` raised from
    `pexpect/pty_spawn.py`, its frames were kept, and pexpect's `test_exception_tb` failed
    after a split that said 'verified'. The split does change what the code prints; the
    plan refuses it at the string's line, naming the modules its code moves to."""
    config = make_project(tmp_path / "plan", TRACE, MODULES)
    plan, _ = plan_split(config, config.splits[0])
    [error] = [f for f in plan.errors if f.code == "GS139"]
    assert error.line == 9 and error.path.endswith("big.py")
    assert "'pkg/big'" in error.message and "errors, spawn" in error.message


def test_the_string_naming_the_new_files_too_plans(tmp_path: Path) -> None:
    """Once the string names every new module's file (what pexpect's maintainers did in
    their split), the plan has no GS139, and a docstring naming the file is never one."""
    source = TRACE.replace('if "pkg/big" not in f.filename',
                           'if not any(p in f.filename for p in ("pkg/big", "big/errors", '
                           '"big/spawn"))')
    plan, texts = plan_texts(make_project(tmp_path, source, MODULES))
    assert not [f for f in plan.findings if f.code == "GS139"], plan.findings
    assert "pkg/big/spawn.py" in texts


def test_a_folder_or_another_file_of_the_same_name_is_not_the_file(tmp_path: Path) -> None:
    """Django's `forms/widgets.py` names its templates `django/forms/widgets/input.html`, and
    pdb's usage text says `usage: pdb.py`: neither is a comparison with the module's file."""
    source = TRACE.replace('"pkg/big"', '"pkg/big/input.html"').replace(
        '"no match"', '"usage: big.py [-c command]"')
    plan, _ = plan_texts(make_project(tmp_path, source, MODULES))
    assert not [f for f in plan.findings if f.code == "GS139"], plan.findings
