"""Bugs found in round 7 running `godsplit suggest --write` and `apply` on real god files
of installed packages (benchmarks/installed_god_files.py): each a minimal `pkg/big.py`,
planned and applied; a clean plan must not roll back, and what cannot be split is
refused at plan time, naming its file, line and cause."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, run_before_and_after


def _same(tmp_path: Path, source: str, modules: dict[str, list[str]], code: str,
          files: dict[str, str] | None = None, **split: object) -> str:
    """Apply the split (written, no error); `code` prints the same before and after."""
    before, after, result = run_before_and_after(tmp_path, source, modules, code,
                                                 files=files, **split)
    assert result.written and not result.errors, result.errors
    assert before == after
    return after


NAMESPACE_BLOCKS = """
    def _build(descriptor, namespace):
        namespace["Made"] = type("Made", (), {"descriptor": descriptor})


    FAST = False
    if not FAST:
        DESCRIPTOR = "-".join(["py", "d"])
    else:
        DESCRIPTOR = "-".join(["c", "d"])

    _globals = globals()
    if not FAST:
        _MADE = "made by hand"
    else:
        _build(DESCRIPTOR, _globals)
    _build(DESCRIPTOR, _globals)
    if not FAST:
        _globals["_MADE"] = _globals["_MADE"].upper()


    def describe():
        return _globals["Made"].descriptor + " " + _MADE
"""


def test_blocks_that_bind_names_through_a_namespace_alias_stay_with_it(tmp_path: Path) -> None:
    """protobuf's generated descriptor_pb2.py: `_globals = globals()`, then `if not
    _USE_C_DESCRIPTORS: _EDITION = ...` / `else: _builder.Build...(DESCRIPTOR, _globals)`.
    The if/else bound names and moved, and `_globals` moved with it: in the new module it
    was that module's namespace (GS403 at apply after a clean plan). The alias, and the
    statements that hand it to a call or write through it, stay in the old module; code
    that reads the alias elsewhere imports it from there, where it means the old module."""
    modules = {"desc": ["DESCRIPTOR", "_build"], "api": ["describe"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", NAMESPACE_BLOCKS, modules))
    facade = texts["pkg/big/__init__.py"]
    assert "_globals = globals()" in facade and "_MADE = " in facade
    out = _same(tmp_path / "run", NAMESPACE_BLOCKS, modules,
                "import pkg.big as m; print(m.describe(), m.Made.descriptor, m._MADE)")
    assert out.strip() == "py-d MADE BY HAND py-d MADE BY HAND"


def test_a_block_writing_through_a_namespace_alias_cannot_be_mapped(tmp_path: Path) -> None:
    """Mapping a name such a block binds is refused at plan time (GS101), with its line."""
    plan, _ = plan_texts(make_project(tmp_path, NAMESPACE_BLOCKS, {"desc": ["_MADE"]},
                                       default="rest"))
    errors = [f for f in plan.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["GS101"], [f.render() for f in errors]
    assert "globals()" in errors[0].message and errors[0].line == 12

