"""Round 31 (mig32): GS507 said "N for other causes" and named neither the causes nor the
modules (mig31 on edx-enterprise: which test modules were not compared, and why, was not
said). Every cause is given now, each with the modules it kept out of the comparison."""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.probe import Imported, compare


def test_gs507_names_every_cause_and_its_modules(tmp_path: Path) -> None:
    slow = "importing them did not finish within 300 s; raise `verify-timeout`"
    missing = "ModuleNotFoundError: No module named 'e'"
    before = {tmp_path / "a.py": Imported({"x": "int"}, None),
              tmp_path / "b.py": Imported({}, slow), tmp_path / "c.py": Imported({}, slow),
              tmp_path / "tests/d.py": Imported({}, missing),
              tmp_path / "tests/f.py": Imported({}, "ImportError: cannot import name 'g'")}
    after = {tmp_path / "a.py": Imported({"x": "int"}, None)}
    [info] = compare(before, after, [], tmp_path)
    assert info.code == "GS507"
    assert info.message == (
        "import check: 1 rewritten module imported before and after with the same names; "
        f"4 were not compared, not imported before the rewrite: {slow} (b.py, c.py); "
        f"{missing} (tests/d.py); ImportError: cannot import name 'g' (tests/f.py)")


def test_gs507_counts_the_modules_past_three_of_one_cause(tmp_path: Path) -> None:
    missing = "ModuleNotFoundError: No module named 'django'"
    before = {tmp_path / f"t{i}.py": Imported({}, missing) for i in range(5)}
    [info] = compare(before, {}, [], tmp_path)
    assert info.message.endswith(f"not imported before the rewrite: {missing} "
                                 "(t0.py, t1.py, t2.py and 2 more)")
