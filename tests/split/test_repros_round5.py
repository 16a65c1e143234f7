"""Bugs found in round 5 running `godsplit suggest` on real god files (rich, pkg_resources):
each a minimal `pkg/big.py`, planned and applied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import run_before_and_after

MAIN_BLOCK_SOURCE = """
    class Console:
        def log(self, x):
            return f"log {x}"


    def get_console():
        return Console()


    if __name__ == "__main__":
        console = Console()
        print(console.log("hello"))
"""


def test_names_bound_only_in_a_main_block_are_not_promised(tmp_path: Path) -> None:
    """rich/console.py binds `console` in its `if __name__ == "__main__":` block. Importing
    the module never binds it, so the facade need not either; the plan said GS113 ("the
    facade no longer binds: console") for every mapping of a package layout."""
    before, after, result = run_before_and_after(
        tmp_path, MAIN_BLOCK_SOURCE, {"consoles": ["Console", "get_console"]},
        "import pkg.big as b\nprint(b.get_console().log(1), hasattr(b, 'console'))\n")
    assert result.written and not result.errors, result.errors
    assert before == after == "log 1 False\n"
    script = subprocess.run([sys.executable, "-m", "pkg.big"], cwd=tmp_path / "after",
                            capture_output=True, text=True, check=True)
    assert script.stdout == "log hello\n"
