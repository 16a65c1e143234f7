"""Round 35 (trial36): a rewritten import inside a function wraps at its own indentation.

fontTools 4.69.1's `Tests/ttLib/tables/otTables_test.py` imports `from
fontTools.otlLib.builder import buildAnchor, buildMarkBasePosSubtable` inside a test
function. Migrated to `fontTools.otlLib.builder.pos_tables`, the statement was 85 columns,
within black's 88, so `migrate` kept it on one line; with its 4 columns of indentation the
line was 89, and `black --check` (the project's formatter, whose output godsplit's
black-style `ruff format` does not reproduce on that file, so it did not rewrap) reported it.
"""

from __future__ import annotations

from pathlib import Path

from test_migrate_forms import migrated

from splitkit import dedent


def test_an_import_inside_a_function_counts_its_indentation(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / ".flake8").write_text("[flake8]\nmax-line-length = 44\n")
    # `from pkg.parts.alpha import CONST, Thing, a` is 43 columns: at the module's top
    # level it fits 44; indented by 8 it does not
    after, _ = migrated(tmp_path, """
        from pkg.big import CONST, Thing, a


        class Use:
            def lazy(self):
                from pkg.big import CONST, Thing, a

                return a(), Thing, CONST
    """)
    assert after == dedent("""
        from pkg.parts.alpha import CONST, Thing, a


        class Use:
            def lazy(self):
                from pkg.parts.alpha import (
                    CONST,
                    Thing,
                    a,
                )

                return a(), Thing, CONST
    """)
    assert max(len(line) for line in after.splitlines()) <= 44
