"""Round 30 (engine31, README item 27 "New: (g)"): `apply --rewrite-references` rewrote a
patch of an attribute of a moved object (`mock.patch("pkg.big.send.delay")`,
`"pkg.big.Mailer.retries"`) to the new module (`pkg.big.mail.send.delay`), although the old
module's name is that very object (the facade imports it from there): longer lines, no
change in behaviour. Such a patch is left as written now, under either facade, and the
project's tests pass before and after. (No new module can share the object's name, where
`mock.patch` would find the submodule instead: GS106 refuses such a module name.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import dedent, make_project, run_python

SOURCE = """
    def send(to):
        return f"sent to {to}"


    send.delay = send


    class Mailer:
        retries = 1

        def tries(self):
            return self.retries


    def helper():
        return 0
"""
TESTS = """\
from unittest import mock

from pkg import big


def test_patched_attribute_of_a_function():
    with mock.patch("pkg.big.send.delay", return_value="queued"):
        assert big.send.delay("x") == "queued"


def test_patched_class_attribute():
    with mock.patch("pkg.big.Mailer.retries", 3):
        assert big.Mailer().tries() == 3
"""
RUN = """
    import sys, pytest
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests"]))
"""


@pytest.mark.parametrize("facade", ["static", "live"])
def test_a_patch_of_an_attribute_of_the_object_is_left_as_written(
        tmp_path: Path, facade: str) -> None:
    make_project(tmp_path, SOURCE, {}, files={"tests/test_it.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(dedent(f"""
        [[split]]
        source = "pkg/big.py"
        facade = "{facade}"

        [split.modules]
        mail = ["send", "Mailer"]
        util = ["helper"]
    """))
    assert "2 passed" in run_python(tmp_path, RUN)
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    assert (tmp_path / "tests/test_it.py").read_text() == TESTS  # (before: both rewritten)
    assert "2 passed" in run_python(tmp_path, RUN)

