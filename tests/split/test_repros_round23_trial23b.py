"""Round 23 (trial23b): CourtListener's `cl/search/tasks.py` (2,226 lines, 18 Celery
tasks), split by hand and applied on a loaded machine (load average 21 on 2 cores).
Importing `cl.search.tasks` with Django set up took 2.8 s once and 2 min 45 s (16 s of
CPU) another time, so the import check stopped at its fixed 120 s and said:

    import check skipped: it does not import on its own with the setup manage.py names
    (DJANGO_SETTINGS_MODULE = cl.settings) (importing it took over 120 s); set `verify-setup`

The module does import on its own with that setup, and `verify-setup` cannot help. Nothing
could raise the limit. Worse, a check after the split that passed the limit while the check
before had not was GS406 "the old module no longer imports", which is untrue, and the
apply was rolled back.

Now `verify-timeout` (seconds, default 120) sets the limit. A check stopped by it says so
and names that key. After the split it is still an error (a split that makes the import hang
is refused), but its message says what happened.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.split.apply import apply_splits
from godsplit.types import GodsplitError

from splitkit import make_project

SOURCE = """
    from pkg import slow


    def one():
        return slow.VALUE


    def two():
        return one() + 1
"""

# slow at import only once `pkg/big/` exists (after the split); `always`: before it too
SLOW = """
    import os
    import time

    VALUE = 1
    if {always} or os.path.isdir(os.path.join(os.path.dirname(__file__), "big")):
        time.sleep(4)
"""


def test_verify_timeout_is_read_from_the_config_and_must_be_positive(tmp_path: Path) -> None:
    split = {"source": "pkg/big.py", "modules": {"a": ["one"]}}
    config = parse_config({"verify-timeout": 600, "split": [split]}, tmp_path / "godsplit.toml")
    assert config.verify_timeout == 600
    assert parse_config({"split": [split]}, tmp_path / "godsplit.toml").verify_timeout == 120
    with pytest.raises(GodsplitError, match="'verify-timeout' must be a positive number"):
        parse_config({"verify-timeout": 0, "split": [split]}, tmp_path / "godsplit.toml")


def test_an_import_check_stopped_by_the_limit_says_so_and_names_verify_timeout(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["one"], "b": ["two"]},
                          files={"pkg/slow.py": SLOW.format(always=True)})
    result = apply_splits(replace(config, verify_timeout=1))
    assert result.written and not result.errors
    [skipped] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "did not finish within 1 s (`verify-timeout`)" in skipped.message, skipped.message
    assert "raise `verify-timeout`" in skipped.message
    assert "does not import" not in skipped.message
    assert "set `verify-setup`" not in skipped.message


def test_an_import_slower_than_the_limit_after_the_split_is_refused_in_true_words(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["one"], "b": ["two"]},
                          files={"pkg/slow.py": SLOW.format(always=False)})
    result = apply_splits(replace(config, verify_timeout=2))
    assert result.rolled_back and (tmp_path / "pkg/big.py").is_file()
    [error] = [f for f in result.errors if f.code == "GS406"]
    assert "no longer imports" not in error.message, error.message
    assert "did not finish importing after the split within 2 s" in error.message
    assert "raise `verify-timeout`" in error.message


def test_with_a_larger_verify_timeout_the_same_slow_import_is_verified(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["one"], "b": ["two"]},
                          files={"pkg/slow.py": SLOW.format(always=True)})
    result = apply_splits(replace(config, verify_timeout=60))
    assert result.written and not result.errors
    assert [f.code for f in result.splits[0].findings if f.code in ("GS400", "GS412")] == ["GS400"]
