"""Findings about the project's other files (GS210, GS214, GS215) say only what is true.

No GS210 warning where the patch keeps working (under the live facade, or for an attribute
of a shared object); no GS214/GS215 for logger names or file names; no Celery wording in
a module without Celery tasks. The "it keeps working" claims are run, not assumed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.split.apply import apply_splits, references
from godsplit.types import Finding

from splitkit import make_project, plan_texts, run_python

SOURCE = """
    class Shared:
        def method(self):
            return "real"


    def _helper():
        return 1


    def deliver():
        return _helper() + 10, Shared().method()


    def report():
        return _helper() + 20, Shared().method()
"""
MAPPING = {"delivery": ["deliver"], "reporting": ["report"]}
TESTS = '''
    from unittest import mock

    from pkg.big import deliver, report


    def test_patch_of_a_helper_both_modules_look_up():
        with mock.patch("pkg.big._helper", return_value=100):
            assert deliver()[0] == 110 and report()[0] == 120
        assert deliver()[0] == 11


    def test_patch_of_a_class_attribute():
        with mock.patch("pkg.big.Shared.method", return_value="fake"):
            assert deliver()[1] == "fake" and report()[1] == "fake"
'''


def _findings(tmp_path: Path, files: dict[str, str], source: str = SOURCE,
              mapping: dict[str, list[str]] | None = None, **split: object) -> list[Finding]:
    config = make_project(tmp_path, source, mapping or MAPPING, files=files, **split)
    plan, _ = plan_texts(config)
    return list(references(config, [plan], rewrite=False)[0][plan.old_module])


@pytest.mark.parametrize("facade", ["live", "static"])
def test_gs210_is_a_warning_only_where_the_patch_would_stop_working(
    tmp_path: Path, facade: str
) -> None:
    found = _findings(tmp_path, {"tests/test_pkg.py": TESTS}, facade=facade)
    gs210 = [f for f in found if f.code == "GS210"]
    [helper] = gs210  # the class attribute patch is no finding: the class object is shared
    assert "'pkg.big._helper'" in helper.message
    if facade == "live":
        assert helper.severity == "info" and "live facade forwards the patch" in helper.message
    else:
        assert helper.severity == "warning" and "by hand" in helper.message


@pytest.mark.slow
@pytest.mark.parametrize("facade", ["live", "static"])
def test_what_gs210_says_is_what_happens(tmp_path: Path, facade: str) -> None:
    """Run the project's test after the split: under the live facade both patches work;
    under a static one only the class attribute patch does (as the warning says)."""
    make_project(tmp_path, SOURCE, MAPPING, files={"tests/test_pkg.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(
        f'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nfacade = "{facade}"\n'
        '[split.modules]\ndelivery = ["deliver"]\nreporting = ["report"]\n')
    assert apply_splits(load_config(tmp_path / "godsplit.toml")).written
    out = run_python(tmp_path, """
        import pytest
        pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_pkg.py"])
    """)
    if facade == "live":
        assert "2 passed" in out, out
    else:
        assert "1 failed, 1 passed" in out and "test_patch_of_a_helper" in out, out


LOGGERS = '''
    import logging
    import unittest

    LOGGING = {"version": 1, "loggers": {"pkg.big": {"level": "INFO"}}}
    log = logging.getLogger("pkg.big")


    def test_caplog(caplog):
        caplog.set_level(logging.INFO, logger="pkg.big")
        with caplog.at_level(logging.DEBUG, "pkg.big"):
            pass


    class T(unittest.TestCase):
        def test_logs(self):
            with self.assertLogs("pkg.big"):
                logging.getLogger("pkg.big").warning("x")

    SETTINGS = {"imports": ["pkg.big"]}
'''


def test_logger_names_are_not_module_loads(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"tests/test_logs.py": LOGGERS})
    gs214 = [(f.code, f.line) for f in found if f.code == "GS214"]
    assert gs214 == [("GS214", 19)]  # only SETTINGS' imports


def test_file_names_are_not_module_members(tmp_path: Path) -> None:
    source = "def main():\n    return 1\n\n\ndef py():\n    return 2\n"
    files = {"setup.py": '''
        FILES = ["black.py", "black.pyi", "black.main", "black.cfg"]
    '''}
    config = make_project(tmp_path, source, {"one": ["main"], "two": ["py"]}, path="black.py",
                          files=files)
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0]["black"]
    named = sorted(f.message.split("'")[1] for f in found if f.code == "GS215")
    assert named == ["black.main", "black.py"]  # `py` is a member here; .pyi and .cfg are not


def test_no_celery_wording_without_celery_tasks(tmp_path: Path) -> None:
    files = {"app/settings.py": '''
        MODULES = ["pkg.big"]
        HOOK = "pkg.big.deliver"
    '''}
    found = _findings(tmp_path, files)
    messages = {f.code: f.message for f in found}
    assert set(messages) == {"GS214", "GS215"}
    for message in messages.values():
        assert "task" not in message.lower() and "celery" not in message.lower(), message
    assert "still imports under this name" in messages["GS214"]
    assert "still gives it" in messages["GS215"]


def test_celery_wording_with_celery_tasks(tmp_path: Path) -> None:
    source = """
        from celery import shared_task


        @shared_task
        def deliver():
            return 1


        def report():
            return 2
    """
    files = {"proj/celery.py": '''
        imports = ["pkg.big"]
        task_routes = {"pkg.big.deliver": {"queue": "q"}, "pkg.big.report": {"queue": "r"}}
    '''}
    found = _findings(tmp_path, files, source=source)
    messages = sorted((f.code, f.line, f.message.split(" ")[0]) for f in found)
    assert messages == [("GS214", 1, "'pkg.big'"), ("GS215", 2, "'pkg.big.deliver'"),
                        ("GS215", 2, "'pkg.big.report'")]
    by_name = {f.message.split(" ")[0]: f.message for f in found}
    assert "all its tasks still register" in by_name["'pkg.big'"]
    assert "names a moved Celery task" in by_name["'pkg.big.deliver'"]  # pinned
    assert "names a member of the split module" in by_name["'pkg.big.report'"]  # no task


def test_apply_lists_every_file_it_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, SOURCE, MAPPING, files={
        "tests/test_pkg.py": TESTS,
        "tests/test_more.py": '''
            from unittest import mock


            def test_one():
                with mock.patch("pkg.big.deliver"), mock.patch("pkg.big.report"):
                    pass
        ''',
        "tests/test_one.py": "import pkg.big\nfrom unittest import mock\n\n"
                             "mock.patch.object(pkg.big, 'deliver')\n",
    })
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nfacade = "static"\n'
        '[split.modules]\ndelivery = ["deliver"]\nreporting = ["report"]\n')
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.py")}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["apply", "--rewrite-references"])
    assert result.exit_code == 0, result.output
    edited = sorted(p.relative_to(tmp_path).as_posix() for p, data in before.items()
                    if p.exists() and p.read_bytes() != data and "pkg/big" not in p.as_posix())
    assert edited == ["tests/test_more.py", "tests/test_one.py"]
    assert "tests/test_more.py: rewrote 2 patch targets\n" in result.output
    assert "tests/test_one.py: rewrote 1 patch target\n" in result.output
    assert "tests/test_pkg.py: rewrote" not in result.output  # a warning, not an edit
