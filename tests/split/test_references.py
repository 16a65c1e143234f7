"""`apply --rewrite-references`: patch targets follow the moved names, or are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

SOURCE = """
    def _send(x):
        return f"sent {x}"


    def _shared_helper():
        return 1


    def deliver(x):
        return _send(x) + str(_shared_helper())


    def report():
        return _shared_helper()
"""
MAPPING = {"delivery": ["deliver", "_send"], "reporting": ["report"]}
TESTS = '''
    from unittest import mock

    import pkg.big
    from pkg import big
    from pkg.big import deliver


    def test_string_target():
        with mock.patch("pkg.big._send", return_value="x"):
            assert deliver(1) == "x1"


    def test_object_target():
        with mock.patch.object(big, "_send", return_value="y"):
            assert deliver(1) == "y1"


    def test_monkeypatch(monkeypatch):
        monkeypatch.setattr("pkg.big._send", lambda x: "z")
        assert deliver(1) == "z1"


    def test_monkeypatch_object(monkeypatch):
        monkeypatch.setattr(pkg.big, "_send", lambda x: "w")
        assert deliver(1) == "w1"


    def test_needs_hand_edit():
        with mock.patch("pkg.big._shared_helper", return_value=5):
            pass


    def test_built_at_run_time():
        name = "_send"
        with mock.patch(f"pkg.big.{name}", return_value="q"):
            pass
'''


def _project(tmp_path: Path) -> Path:
    make_project(tmp_path, SOURCE, MAPPING, shared="common", facade="static",
                 files={"tests/test_pkg.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nshared = "common"\n'
        'facade = "static"\n[split.modules]\ndelivery = ["deliver", "_send"]\n'
        'reporting = ["report"]\n'
    )
    return tmp_path


def test_plan_lists_what_would_change(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["plan"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "would rewrite (apply --rewrite-references) patch target 'pkg.big._send' ->" in out
    assert "'pkg.big.delivery._send'" in out
    assert "GS210" in out and "pkg.big.delivery, pkg.big.reporting" in out  # looked up in two
    assert "GS211" in out and "built at run time" in out
    assert (root / "pkg/big.py").exists()  # plan writes nothing


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_rewritten_targets_take_effect_with_a_static_facade(tmp_path: Path) -> None:
    from godsplit.config import load_config

    root = _project(tmp_path)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    text = (root / "tests/test_pkg.py").read_text()
    assert 'mock.patch("pkg.big.delivery._send", return_value="x")' in text
    assert 'mock.patch("pkg.big.delivery._send", return_value="y")' in text  # was patch.object
    assert 'monkeypatch.setattr("pkg.big.delivery._send", lambda x: "w")' in text
    assert 'mock.patch("pkg.big._shared_helper", return_value=5)' in text  # hand edit: untouched
    out = run_python(root, """
        import sys, pytest
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_pkg.py"]))
    """)
    assert "6 passed" in out


def test_unparsable_files_are_left_alone(tmp_path: Path) -> None:
    from godsplit.config import load_config

    root = _project(tmp_path)
    broken = root / "tests/test_broken.py"
    broken.write_text("import pkg.big\nmock.patch('pkg.big._send')\ndef oops(:\n")
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written
    assert broken.read_text() == "import pkg.big\nmock.patch('pkg.big._send')\ndef oops(:\n"
    assert any(f.code == "GS212" for s in result.splits for f in s.findings)
