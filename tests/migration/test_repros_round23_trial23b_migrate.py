"""Round 23 (trial23b): CourtListener, `migrate` after the hand split of
`cl/search/tasks.py` rewrote 79 uses in 32 files and said "import check: 0 rewritten
modules imported before and after with the same names; 32 did not import on their own
before, so were not compared", with no cause. The probe imports every file in one
interpreter, stopped at a fixed 300 s: on the loaded machine (load average 21) importing
them took longer, and every file counted as "did not import on its own". Now the probe's
limit is `verify-timeout` (at least 300 s), and GS507 gives the cause of what it did not
compare."""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.probe import Imported, compare, probe


def test_a_probe_stopped_by_its_limit_says_so(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/slow.py").write_text("import time\n\ntime.sleep(5)\n")
    found = probe(tmp_path, [tmp_path / "pkg/slow.py"], None, timeout=1)
    assert found == {tmp_path / "pkg/slow.py": Imported(
        {}, "importing them did not finish within 1 s; raise `verify-timeout`", timed_out=True)}


def test_gs507_gives_the_cause_of_the_modules_it_did_not_compare(tmp_path: Path) -> None:
    slow = "importing them did not finish within 300 s; raise `verify-timeout`"
    before = {tmp_path / "a.py": Imported({"x": "int"}, None),
              tmp_path / "b.py": Imported({}, slow), tmp_path / "c.py": Imported({}, slow),
              tmp_path / "d.py": Imported({}, "ModuleNotFoundError: No module named 'e'")}
    after = {tmp_path / "a.py": Imported({"x": "int"}, None)}
    [info] = compare(before, after, [], tmp_path)
    assert info.code == "GS507"
    assert info.message == (
        "import check: 1 rewritten module imported before and after with the same names; "
        f"3 were not compared, not imported before the rewrite: {slow} (b.py, c.py); "
        "ModuleNotFoundError: No module named 'e' (d.py)")


def test_a_time_out_after_the_rewrite_is_not_called_a_failure_to_import(tmp_path: Path) -> None:
    """A file that imported before the rewrite and did not finish in time after it: the
    rewrite is still refused (GS506), but "no longer imports" would be untrue."""
    slow = "importing them did not finish within 300 s; raise `verify-timeout`"
    before = {tmp_path / "a.py": Imported({"x": "int"}, None)}
    after = {tmp_path / "a.py": Imported({}, slow, timed_out=True)}
    [error] = compare(before, after, [], tmp_path)
    assert (error.code, error.severity) == ("GS506", "error")
    assert error.message == f"imported before the rewrite, but {slow}"
    failed = compare(before, {tmp_path / "a.py": Imported({}, "ImportError: x")}, [], tmp_path)
    assert failed[0].message == "no longer imports: ImportError: x"
