"""After apply, the old module behaves as before: imports, cycles, patches, live globals."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import apply, make_project, run_python

SOURCE = """
    import logging

    logger = logging.getLogger(__name__)
    COUNTER = 0


    def helper(x):
        return x * 2


    def bump():
        global COUNTER
        COUNTER += 1
        return COUNTER


    def task(x):
        logger.info("task %s", x)
        return helper(x) + other(x)


    def other(x):
        return x if x < 0 else task(-x)


    class Point:
        def __init__(self, x):
            self.x = x


    class Oops(Exception):
        pass
"""
MAPPING = {"tasks": ["task"], "others": ["other", "bump"], "models": ["Point", "Oops"]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    result = apply(make_project(tmp_path, SOURCE, MAPPING, default="misc", **{"verify-import": False}))
    assert result.written and not result.errors, result.errors
    return tmp_path


def test_call_time_cycle_imports_in_any_order(project: Path) -> None:
    for first in ("pkg.big.tasks", "pkg.big.others", "pkg.big"):
        out = run_python(project, f"import {first}\nimport pkg.big as m\nprint(m.task(3))")
        assert out.strip() == "-3"  # helper(3) + other(3) = 6 + task(-3) = 6 + (-6 + -3)


def test_live_facade_forwards_patches_and_undoes_them(project: Path) -> None:
    out = run_python(project, """
        from unittest import mock
        import pkg.big as m
        with mock.patch("pkg.big.helper", return_value=100):
            patched = m.task(3)
        with mock.patch.object(m, "helper", side_effect=lambda x: 0):
            by_object = m.task(3)
        print(patched, by_object, m.task(3))
    """)
    patched, by_object, restored = out.split()
    # task(3) = helper(3) + other(3); other(3) = task(-3) = helper(-3) + other(-3) = helper(-3) - 3
    assert (patched, by_object, restored) == ("197", "-3", "-3")


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_monkeypatch_setattr_by_path_reaches_moved_code(project: Path) -> None:
    (project / "test_mp.py").write_text(
        "import pkg.big as m\n\n"
        "def test_it(monkeypatch):\n"
        "    monkeypatch.setattr('pkg.big.helper', lambda x: 1)\n"
        "    assert m.task(3) == 1 + (1 - 3)\n\n"
        "def test_undone():\n"
        "    assert m.task(3) == -3\n"
    )
    out = run_python(project, """
        import sys, pytest
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "test_mp.py"]))
    """)
    assert "2 passed" in out


def test_live_global_reads_current_value(project: Path) -> None:
    out = run_python(project, """
        import pkg.big as m
        m.bump(); m.bump()
        from pkg.big import COUNTER
        print(m.COUNTER, COUNTER)
    """)
    assert out.split() == ["2", "2"]


def test_logger_keeps_old_name(project: Path) -> None:
    out = run_python(project, "import pkg.big.tasks as s\nprint(s.logger.name)")
    assert out.strip() == "pkg.big"


def test_static_facade_does_not_forward_patches(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, MAPPING, default="misc", facade="static",
                          **{"verify-import": False})
    assert apply(config).written
    out = run_python(tmp_path, """
        from unittest import mock
        import pkg.big as m
        with mock.patch("pkg.big.helper", return_value=100):
            print(m.task(3))
    """)
    assert out.strip() == "-3"  # the documented trade-off: patch the new home instead


def test_keep_module_name_makes_pickles_round_trip(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, MAPPING, default="misc", **{"keep-module-name": True,
                          "verify-import": False})
    assert apply(config).written
    out = run_python(tmp_path, """
        import pickle
        import pkg.big as m
        p = pickle.loads(pickle.dumps(m.Point(4)))
        e = pickle.loads(pickle.dumps(m.Oops("x")))
        print(type(p).__module__, p.x, type(e).__module__, type(e) is m.Oops)
    """)
    assert out.split() == ["pkg.big", "4", "pkg.big", "True"]


def test_apply_verifies_by_importing_before_and_after(tmp_path: Path) -> None:
    result = apply(make_project(tmp_path, SOURCE, MAPPING, default="misc"))
    assert result.written
    [info] = [f for s in result.splits for f in s.findings if f.code == "GS400"]
    assert "before and after in a fresh interpreter" in info.message


def test_apply_twice_changes_nothing(project: Path) -> None:
    snapshot = {p: p.read_bytes() for p in project.rglob("*.py")}
    from godsplit.config import parse_config

    again = apply(parse_config(
        {"verify-import": False, "split": [{"source": "pkg/big.py", "modules": MAPPING,
                                            "default": "misc"}]},
        project / "godsplit.toml",
    ))
    assert not again.written
    assert [f.code for s in again.splits for f in s.findings] == ["GS300"]
    assert {p: p.read_bytes() for p in project.rglob("*.py")} == snapshot


def test_keep_module_name_keeps_method_doctests(tmp_path: Path) -> None:
    source = '''
        class Box:
            """A box.

            >>> Box().size()
            1
            """

            def size(self):
                """Size.

                >>> Box().size() + 1
                2
                """
                return 1

            @property
            def area(self):
                return 1


        def helper():
            return 2
    '''
    config = make_project(tmp_path, source, {"boxes": ["Box"], "helpers": ["helper"]},
                          **{"keep-module-name": True})
    assert apply(config).written
    out = run_python(tmp_path, """
        import doctest
        import pkg.big as m
        print(doctest.DocTestSuite("pkg.big").countTestCases(), m.Box.size.__module__,
              m.Box.area.fget.__module__)
    """)
    assert out.split() == ["2", "pkg.big", "pkg.big"]


def test_future_import_names_stay_in_star_exports(tmp_path: Path) -> None:
    source = """
        from __future__ import annotations

        def a() -> int:
            return 1

        def b() -> int:
            return a()
    """
    result = apply(make_project(tmp_path, source, {"one": ["a"], "two": ["b"]}))
    assert result.written, result.errors
