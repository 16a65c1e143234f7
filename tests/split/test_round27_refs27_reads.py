"""Round 27 (refs27, item 23 "New: (a)"): the search of the project's other files reads
each file once. `find_references` read a file that may hold a patch target three times
(`facade_reads.collect`, the rewrite loop, `read_source`), and `migrate` twice (its own
walk for `handed_on`, then its scan); on a large tree that is the search's I/O, and a
file changed between the reads was judged on two contents."""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest

from godsplit.migration.core import plan_migration
from godsplit.migration.homes import applied_splits
from godsplit.split.plan import plan_split
from godsplit.split.references import find_references

sys.path.insert(0, str(Path(__file__).parent))

from test_repros_round27_refs27 import OTHER, SOURCE, TESTS

from splitkit import apply, make_project

FILES = {"pkg/other.py": OTHER["getattr of a variable"][0], "tests/test_it.py": TESTS,
         "pkg/plain.py": "import pkg.big as big\n\nVALUE = big.user\n"}


def _counting(monkeypatch: pytest.MonkeyPatch, root: Path) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        counts[self.relative_to(root).as_posix()] += 1
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return counts


def test_find_references_reads_each_file_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files=FILES)
    plan, _ = plan_split(config, config.splits[0])
    counts = _counting(monkeypatch, tmp_path)
    found, changes = find_references(tmp_path, [plan], {plan.source.resolve()})
    assert counts == {"pkg/__init__.py": 1, "pkg/other.py": 1, "pkg/plain.py": 1,
                      "tests/test_it.py": 1}
    assert not changes  # the patch stays: other.py reads names through the module by variable
    assert [(f.code, Path(f.path).name, f.line) for f in found["pkg.big"].findings] == [
        ("GS210", "test_it.py", 7)]


def test_migrate_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files=FILES)
    assert apply(config).written
    homes, _ = applied_splits(config, config.splits)
    counts = _counting(monkeypatch, tmp_path)
    migration = plan_migration(config, homes)
    assert max(counts.values()) == 1, counts
    assert counts["pkg/other.py"] == counts["tests/test_it.py"] == 1
    [patch] = [u for u in migration.uses if u.kind == "patch"]
    assert not patch.fixable and "pkg/other.py:5" in patch.detail
