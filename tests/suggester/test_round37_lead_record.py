"""Round 37 (lead): benchmarks/record_split.py does not take a name from a module that
already defined it before the split. fresh38 found gallery-dl's `output.py`, touched by the
split only to mend its imports, with its own `Formatter`: the recorder would have put
`util.Formatter` there."""

from __future__ import annotations

from pathlib import Path

from benchkit import commit_all, git, load_benchmark


def test_a_name_an_existing_module_already_defined_is_not_placed_there(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "pkg" / "output.py").write_text("import util\n\n\nclass Formatter: pass\n")
    (repo / "pkg" / "util.py").write_text("class Formatter: pass\n\n\ndef tool(): pass\n")
    before = commit_all(repo, "before")
    # the split: util's Formatter is dropped, `tool` moves to tools.py, and output.py's
    # import is mended (its own Formatter is unchanged)
    (repo / "pkg" / "util.py").write_text("VERSION = 1\n")
    (repo / "pkg" / "tools.py").write_text("def tool(): pass\n")
    (repo / "pkg" / "output.py").write_text("import tools\n\n\nclass Formatter: pass\n")
    commit_all(repo, "after")
    record = load_benchmark("record_split")
    modules = record.after_modules(repo / ".git", before, "HEAD", "pkg", [])
    assert sorted(modules) == ["output", "tools", "util"]
    # without the rule, output's own class is taken for util's
    assert record.place(["Formatter", "tool"], modules)[0] == {
        "output": ["Formatter"], "tools": ["tool"]}
    already = record.already_defined(repo / ".git", before, "pkg", modules, "pkg/util.py")
    assert already == {"output": {"Formatter"}}  # the before file itself is not asked
    grouping, gone, several = record.place(["Formatter", "tool"], modules, already)
    assert grouping == {"tools": ["tool"]}
    assert gone == ["Formatter"] and not several
