"""Round 37 (lead): benchmarks/record_split.py does not take a name from a module that
already defined it before the split. fresh38 found gallery-dl's `output.py`, touched by the
split only to mend its imports, with its own `Formatter`: the recorder would have put
`util.Formatter` there."""

from __future__ import annotations

from dataclasses import replace
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


def test_the_harness_keeps_what_the_maintainers_put_in_the_new_package_init() -> None:
    """benchmarks/maintainers_apply.py: cantools' `arxml.py` became a package whose
    `__init__` holds `load_string` while `SystemLoader` (the record's `kept`) went to
    `system_loader`. The new package's `__init__` is godsplit's facade: its names are
    `keep`, and `system_loader` a module like the others (it was mapped as a module named
    `__init__`: a config error)."""
    apply = load_benchmark("maintainers_apply")
    case = load_benchmark("suggest_eval").Case(
        "c", "c", "MIT", "x", "c==1", "c.tar.gz", "0", "pkg/arxml.py", "0",
        {"__init__": ["load_string"], "system_loader": ["SystemLoader"]})
    source = "def load_string(): pass\n\n\nclass SystemLoader: pass\n"
    table = apply.split_table(case, "system_loader", source)
    assert table["keep"] == ["load_string"]
    assert table["modules"] == {"system_loader": ["SystemLoader"]}
    # a record whose `__init__` kept the old name is mapped as before
    case = replace(case, modules={"__init__": ["load_string"], "loader": ["SystemLoader"]})
    assert apply.split_table(case, "__init__", source)["keep"] == ["load_string"]
