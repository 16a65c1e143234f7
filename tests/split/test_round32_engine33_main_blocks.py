"""Round 32 (engine33, README item 29 (c)).

- The import probe counts a module's `__main__` blocks (what `python -m` would run) with its
  own reading of the source (the project's interpreter need not have godsplit, nor LibCST):
  it counted `if __name__ == "__main__": ... else: ...` too, which `split/main_guards`
  takes for code that runs on every import (round 31: it stays in the old module). Both
  now agree, on every form below.
- GS156 (code reading its module's own file) pointed at the statement's first line (the
  `def`), not at the call that reads the file."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from godsplit.split.main_guards import is_main_block
from godsplit.split.probe_main import _main_blocks
from godsplit.split.verify import Snapshot, snapshot

from splitkit import make_project, plan_texts

CASES = [
    ('if __name__ == "__main__":\n    run()\n', 1),
    ("if '__main__' == __name__:\n    run()\n", 1),
    ('if (__name__ == "__main__"):\n    run()\n', 1),
    ('if __name__ == "__main__":\n    run()\nelse:\n    setup()\n', 0),
    ('if __name__ == "__main__":\n    run()\nelif DEBUG:\n    setup()\n', 0),
    ('if __name__ != "__main__":\n    setup()\n', 0),
    ('if __name__ != "__main__":\n    setup()\nelse:\n    run()\n', 0),
    ('if __name__ == "__main__" and DEBUG:\n    run()\n', 0),
    ('if __name__ == b"__main__":\n    run()\n', 0),
    ('def f():\n    if __name__ == "__main__":\n        run()\n', 0),
    ('TEXT = """\nif __name__ == "__main__":\n"""\n', 0),
    ('if __name__ == "__main__":\n    a()\n\nif __name__ == "__main__":\n    b()\n', 2),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_the_probe_counts_the_blocks_main_guards_takes_for_main(code: str, expected: int) -> None:
    by_guards = sum(is_main_block(stmt) for stmt in cst.parse_module(code).body)
    assert (_main_blocks(code), by_guards) == (expected, expected)


def test_the_probe_as_run_says_an_else_block_is_no_main_block(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text(
        'if __name__ == "__main__":\n    WHERE = "main"\nelse:\n    WHERE = "imported"\n')
    (tmp_path / "other.py").write_text('X = 1\n\nif __name__ == "__main__":\n    print(X)\n')
    found = snapshot(tmp_path, "mod", None)
    assert isinstance(found, Snapshot), found
    assert found.main == "no __main__ block"
    found = snapshot(tmp_path, "other", None)
    assert isinstance(found, Snapshot), found
    assert found.main == "1 __main__ block"


def test_gs156_points_at_the_call_that_reads_the_file(tmp_path: Path) -> None:
    source = """
        import os


        def helper():
            return 1


        def reader():
            # the module's own source
            size = os.path.getsize(os.path.abspath("."))
            with open(
                    __file__) as handle:
                return handle.read(), size
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["reader"], "b": ["helper"]}))
    [found] = [f for f in plan.errors if f.code == "GS156"]
    assert found.line == 11, found  # `with open(`, not `def reader():` (8)
