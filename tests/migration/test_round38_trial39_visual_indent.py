"""Round 38 (trial39): continuation lines aligned with a bracket that `migrate` moved.

phonenumbers 8.13.48's tests align arguments under the opening bracket. Migrated,
`phonenumberutil._maybe_strip_national_prefix_carrier_code("0141234567",` became
`stripping._maybe_strip_...(`, 9 columns shorter, and the next line, left under the old
bracket, was E127 to pycodestyle under the project's options (5 lines; none in the source).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_migrate_forms import migrated

from godsplit.migration.visual_indent import realign

from splitkit import dedent

BEFORE = """
    from pkg import big

    value = big.a(1,
                  big.b(2,
                        3),
                  4)
    other = big.c(
        5)
"""


def test_visually_indented_arguments_move_with_the_bracket(tmp_path: Path) -> None:
    after, _ = migrated(tmp_path, BEFORE, layout="package")
    assert "value = alpha.a(1,\n                beta.b(2,\n                       3),\n" \
           "                4)\n" in after, after  # +2 columns, then +1 more inside beta.b
    assert "other = gamma.c(\n    5)\n" in after  # a hanging indent stays
    style = subprocess.run([sys.executable, "-m", "pycodestyle", "--select", "E1",
                            str(tmp_path / "app" / "use.py")], capture_output=True, text=True,
                           check=False)
    assert style.returncode == 0 and style.stdout == "", style.stdout + style.stderr


def test_realign_leaves_text_it_cannot_match_alone() -> None:
    before = dedent("""
        x = f(1,
              2)
    """)
    assert realign(before, before.replace("f(1,", "ff(1,\n")) == before.replace(
        "f(1,", "ff(1,\n")  # split in two lines by the rewrite: nothing moved
    grown = "import os\nimport sys\n\nx = ff(1,\n      2)\n"  # an import added above
    assert realign("import os\n\n" + before, grown) == grown.replace("      2)", "       2)")
    assert realign(before + "(", before.replace("f(", "ff(") + "(") == (
        before.replace("f(", "ff(") + "(")  # does not tokenize: as it is
