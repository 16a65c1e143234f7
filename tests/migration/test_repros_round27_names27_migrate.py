"""Round 27 (names27): `migrate` says a reason once for the uses it leaves alone for it.

DefectDojo's tests patch some 60 names of `dojo.jira.helper`, which `services.py` hands on
(`def _get_helper(): ...; return helper`): every patch stays, and `migrate` printed the
same sentence 60 times, each with its name in it. The uses left alone for one reason are
now listed under it once, with their count, file, line and name (`migrate`, `migrate
--check`, `retire`).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from godsplit.cli import main

from splitkit import apply, dedent, make_project

SOURCE = """
    def alpha():
        return "a"


    def beta():
        return "b"


    def gamma():
        return "c"


    def user():
        return alpha() + beta() + gamma()
"""
OTHER = """\
def _big():
    from pkg import big

    return big
"""
TESTS = """\
from unittest import mock

from pkg import big


def test_patch():
    with mock.patch("pkg.big.alpha"), mock.patch("pkg.big.beta"):
        with mock.patch("pkg.big.gamma"):
            pass
    big.notthere
"""
REASON = ("the patch target stays: pkg/other.py:4 hands the old module on (left for a hand "
          "edit), and a patch of a new module would not reach what reads the name through it: "
          "edit that first, then run migrate again")


def test_uses_left_alone_for_one_reason_are_listed_under_it_once(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["alpha", "beta", "gamma"], "b": ["user"]},
                          files={"pkg/other.py": OTHER, "tests/test_it.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(dedent("""\
        [[split]]
        source = "pkg/big.py"

        [split.modules]
        a = ["alpha", "beta", "gamma"]
        b = ["user"]
    """))
    assert apply(config).written
    placed = ["    tests/test_it.py:7: pkg.big.alpha", "    tests/test_it.py:7: pkg.big.beta",
              "    tests/test_it.py:8: pkg.big.gamma"]
    for args in (["migrate", "--check"], ["migrate"], ["retire"]):
        out = CliRunner().invoke(main, [*args, "--config", str(tmp_path / "godsplit.toml")])
        lines = out.output.splitlines()
        assert out.output.count("hands the old module on") == 1, out.output
        start = lines.index(f"  3 uses left alone: {REASON}:")
        assert lines[start + 1:start + 4] == placed, out.output
        # a use alone with its reason is listed as before, on one line
        assert ("  tests/test_it.py:10: pkg.big.notthere (left alone: not a name the old "
                "module binds: left alone)") in lines, out.output
