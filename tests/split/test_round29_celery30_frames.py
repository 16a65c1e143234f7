"""Round 29 (celery30): Onyx's tests hold a made-up traceback of another `tasks.py`
(`File "tasks.py", line 123, in connector_permission_sync_generator_task`); plan warned
(GS141) that the split of `user_file_processing/tasks.py`, which defines no such function,
would change it."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import make_project

TRACED = """
    def run(x):
        return helper(x)


    def helper(x):
        raise ValueError(x)
"""


def _frames(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int]]:
    config = make_project(tmp_path, TRACED, {"runner": ["run"], "helpers": ["helper"]},
                          files=files)
    plan, _ = plan_split(config, config.splits[0])
    return [(Path(f.path).name, f.line) for f in plan.findings if f.code == "GS141"]


def test_a_frame_of_a_function_the_god_file_does_not_define_is_not_named(
        tmp_path: Path) -> None:
    assert _frames(tmp_path, {
        "tests/test_other.py": 'TRACE = \'  File "big.py", line 3, in other_task\\n\'\n',
        "tests/test_mine.py": ('X = 1\nTRACE = (\'  File "big.py", line 9, in other\\n\'\n'
                               '         \'  File "big.py", line 2, in helper\\n\')\n'),
        "tests/test_module.py": 'TRACE = \'  File "/a/big.py", line 1, in <module>\\n\'\n',
        "tests/test_bare.py": 'TRACE = \'File "big.py"\'\n',
    }) == [("test_bare.py", 1), ("test_mine.py", 3), ("test_module.py", 1)]
