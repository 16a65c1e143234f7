"""Round 38, engine39: a planned module file beside an existing module of the same name.

`seq` beside `seq.x` is written to `seq/__init__.py` (round 37). Where the new modules go
beside the old module (`package`: python-igraph's `__init__.py` split beside itself), an
existing `seq.py` there would be shadowed by the new package (`import` finds the package
first) and never run again; and a new `rest.py` beside an existing package `rest/` would
never be imported. Both were planned with no error; they are refused, naming the mapping's
line, the two files and the cause.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split.plan import plan_split
from godsplit.types import GodsplitError

from splitkit import dedent

SOURCE = """
    def helper():
        return 1


    class VertexSeq:
        pass


    class Sub(VertexSeq):
        pass


    def top():
        return helper()


    def graph():
        return top() * 2
"""

TOML = """
    [[split]]
    source = "pkg/__init__.py"
    package = "pkg"
    keep = ["graph"]

    [split.modules]
    seq = ["helper", "VertexSeq"]
    "seq.x" = ["Sub"]
    rest = ["top"]
"""


def _refusal(root: Path, files: dict[str, str]) -> str:
    (root / "pkg").mkdir()
    (root / "pkg/__init__.py").write_text(dedent(SOURCE))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "godsplit.toml").write_text(dedent(TOML))
    config = load_config(root / "godsplit.toml")
    with pytest.raises(GodsplitError) as caught:
        plan_split(config, config.splits[0])
    return str(caught.value)


def test_a_package_init_beside_an_existing_module_of_its_name_is_refused(tmp_path: Path) -> None:
    said = _refusal(tmp_path, {"pkg/seq.py": "OLD = 1\n"})
    assert "godsplit.toml:7" in said, said  # the `seq` key
    assert "module 'seq' is written to pkg/seq/__init__.py, but pkg/seq.py exists beside it" in said
    assert "would load the package, and never that file" in said, said
    assert (tmp_path / "pkg/seq.py").read_text() == "OLD = 1\n"
    assert not (tmp_path / "pkg/seq").exists()


def test_a_module_beside_an_existing_package_of_its_name_is_refused(tmp_path: Path) -> None:
    said = _refusal(tmp_path, {"pkg/rest/__init__.py": "OLD = 1\n"})
    assert "godsplit.toml:9" in said, said  # the `rest` key
    assert "module 'rest' is written to pkg/rest.py, but pkg/rest exists beside it" in said
    assert "would load that package, never the new module" in said, said
    assert not (tmp_path / "pkg/rest.py").exists()


def test_a_directory_without_init_beside_a_new_module_is_no_package_to_refuse(
        tmp_path: Path) -> None:
    """A plain directory (data, or a namespace portion) does not shadow `rest.py`."""
    (tmp_path / "pkg/rest").mkdir(parents=True)
    (tmp_path / "pkg/rest/data.txt").write_text("x\n")
    (tmp_path / "pkg/__init__.py").write_text(dedent(SOURCE))
    (tmp_path / "godsplit.toml").write_text(dedent(TOML))
    config = load_config(tmp_path / "godsplit.toml")
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    assert any(c.path == tmp_path / "pkg/rest.py" for c in plan.changes)
