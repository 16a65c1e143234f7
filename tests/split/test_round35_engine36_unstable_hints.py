"""Round 35 (engine36): a signature that differs between two imports before the split
leaves its type hints compared.

PyGithub's `last_read_at=datetime.now(...)`: a default computed as the module loads makes
the signature differ between two imports before the split, so the import check cannot
compare it after (round 34, sweep35). The rule skipped the whole detail, `signature |
type hints`, so a change of the function's type hints (stable in both imports) went
unnoticed. Now only the part the two imports disagree on is skipped: what follows it
(the type hints, and the signature's stable tail) is still compared."""

from __future__ import annotations

from godsplit.split.unstable_details import stable_tails, unstable_details
from godsplit.split.verify import Snapshot, compare_snapshots

HINTS = "[('at', 'float'), ('return', 'int')]"


def _snap(details: dict[str, str], unstable: tuple[str, ...] = (),
          stable: dict[str, str] | None = None) -> Snapshot:
    return Snapshot({"mark": "function", "other": "function"}, (), details=details,
                    unstable=unstable, stable=stable or {})


def _before() -> Snapshot:
    first = _snap({"mark": f"(at=1.25) -> int | {HINTS}", "other": "() | []"})
    again = _snap({"mark": f"(at=2.5) -> int | {HINTS}", "other": "() | []"})
    unstable = unstable_details(first, again)
    return _snap(first.details, unstable, stable_tails(first, again, unstable))


def test_the_hints_of_an_unstable_signature_are_compared() -> None:
    before = _before()
    assert before.unstable == ("mark",)
    changed = _snap({"mark": "(at=3.75) -> int | [('at', 'float'), ('return', 'str')]",
                     "other": "() | []"})
    found = compare_snapshots(before, changed, "pkg/big.py")
    assert [(f.code, f.names) for f in found] == [("GS408", ("mark",))], found


def test_only_the_unstable_part_is_not_compared() -> None:
    before = _before()
    same = _snap({"mark": f"(at=3.75) -> int | {HINTS}", "other": "() | []"})
    assert compare_snapshots(before, same, "pkg/big.py") == []
    gone = _snap({"other": "() | []"})  # a detail the split lost is still a change
    assert [f.code for f in compare_snapshots(before, gone, "pkg/big.py")] == ["GS408"]


def test_hints_that_differ_too_are_not_compared() -> None:
    first = _snap({"mark": "(at=1.25) | [('at', 'A1')]"})
    again = _snap({"mark": "(at=2.5) | [('at', 'A2')]"})
    unstable = unstable_details(first, again)
    before = _snap(first.details, unstable, stable_tails(first, again, unstable))
    after = _snap({"mark": "(at=3.75) | [('at', 'A3')]"})
    assert compare_snapshots(before, after, "pkg/big.py") == []
